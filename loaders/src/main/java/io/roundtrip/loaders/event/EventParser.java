package io.roundtrip.loaders.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.loaders.naming.NameRules;
import io.roundtrip.loaders.types.ColumnType;
import io.roundtrip.loaders.types.Timestamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one NDJSON line into a {@link FlatEvent} (or a {@link RejectedLine} saying which field is
 * wrong). Not thread-safe: it caches the names it has computed, so use one per task.
 *
 * <p>A line is rejected when it is not a JSON object, has no known {@code type}, no
 * {@code messageId}, no valid {@code receivedAt}, neither {@code userId} nor {@code anonymousId},
 * or lacks the field its type needs ({@code event}, {@code groupId}, {@code previousId}). Anything
 * else wrong with a single value discards that value only.
 */
public final class EventParser {

  /** Top-level keys that are part of the envelope or of the transport, never columns. */
  private static final Set<String> ENVELOPE = Set.of("type", "messageId", "anonymousId", "userId",
      "receivedAt", "sentAt", "timestamp", "originalTimestamp", "event", "name", "groupId", "previousId",
      "properties", "traits", "context", "integrations", "_metadata", "writeKey", "projectId", "version",
      "options");

  private final NameRules names;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Optional<String>> columnNames = new HashMap<>();
  private final Map<String, Optional<String>> tableNames = new HashMap<>();

  public EventParser(NameRules names) {
    this.names = names;
  }

  /** The parsed line, or null for a blank line. */
  public ParsedLine parse(int file, long line, String text) {
    if (text.isBlank()) {
      return null;
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JsonProcessingException e) {
      return new RejectedLine(file, line, "invalid JSON: " + e.getOriginalMessage(), text);
    }
    if (!(root instanceof ObjectNode)) {
      return new RejectedLine(file, line, "not a JSON object", text);
    }
    try {
      return flatten(file, line, (ObjectNode) root);
    } catch (InvalidEvent e) {
      return new RejectedLine(file, line, e.getMessage(), text);
    }
  }

  private FlatEvent flatten(int file, long line, ObjectNode root) {
    String rawType = text(root, "type");
    if (rawType == null) {
      throw new InvalidEvent("type", "missing");
    }
    EventType type = EventType.parse(rawType)
        .orElseThrow(() -> new InvalidEvent("type", "unknown event type \"" + rawType + "\""));
    String id = text(root, "messageId");
    if (id == null) {
      throw new InvalidEvent("messageId", "missing");
    }
    String receivedAtText = text(root, "receivedAt");
    if (receivedAtText == null) {
      throw new InvalidEvent("receivedAt", "missing");
    }
    long receivedAt = Timestamps.parseMicros(receivedAtText);
    if (receivedAt == Timestamps.NOT_A_TIMESTAMP) {
      throw new InvalidEvent("receivedAt", "not an ISO-8601 timestamp: \"" + receivedAtText + "\"");
    }
    String userId = text(root, "userId");
    String anonymousId = text(root, "anonymousId");
    if (userId == null && anonymousId == null) {
      throw new InvalidEvent("userId", "missing, and so is anonymousId");
    }

    Builder row = new Builder(type.table());
    row.add(Columns.ID, ColumnType.STRING, id);
    row.add(Columns.ANONYMOUS_ID, ColumnType.STRING, anonymousId);
    row.add(Columns.USER_ID, ColumnType.STRING, userId);
    row.add(Columns.RECEIVED_AT, ColumnType.TIMESTAMP, receivedAtText);
    long sentAt = timestamp(root, "sentAt", Columns.SENT_AT, row);
    long originalTimestamp = timestamp(root, "originalTimestamp", Columns.ORIGINAL_TIMESTAMP, row);
    String timestamp = text(root, "timestamp");
    if (timestamp != null && Timestamps.isTimestamp(timestamp)) {
      row.add(Columns.TIMESTAMP, ColumnType.TIMESTAMP, timestamp);
    } else {
      if (timestamp != null) {
        row.discard(Columns.TIMESTAMP, timestamp, "not an ISO-8601 timestamp");
      }
      row.add(Columns.TIMESTAMP, ColumnType.TIMESTAMP,
          Timestamps.formatMicros(correctedTimestamp(receivedAt, sentAt, originalTimestamp)));
    }

    String eventTable = null;
    switch (type) {
      case TRACK -> {
        String event = text(root, "event");
        if (event == null) {
          throw new InvalidEvent("event", "missing");
        }
        eventTable = tableNames.computeIfAbsent(event, names::eventTableName)
            .orElseThrow(() -> new InvalidEvent("event", "\"" + event + "\" has no letters or digits to name a table"));
        row.add(Columns.EVENT, ColumnType.STRING, eventTable);
        row.add(Columns.EVENT_TEXT, ColumnType.STRING, event);
      }
      case PAGE, SCREEN -> {
        String name = text(root, "name");
        JsonNode properties = root.get("properties");
        if (name == null && properties != null && properties.isObject()) {
          name = text(properties, "name");
        }
        row.add(Columns.NAME, ColumnType.STRING, name);
      }
      case GROUP -> {
        String groupId = text(root, "groupId");
        if (groupId == null) {
          throw new InvalidEvent("groupId", "missing");
        }
        row.add(Columns.GROUP_ID, ColumnType.STRING, groupId);
      }
      case ALIAS -> {
        String previousId = text(root, "previousId");
        if (previousId == null) {
          throw new InvalidEvent("previousId", "missing");
        }
        if (userId == null) {
          throw new InvalidEvent("userId", "missing (alias needs it)");
        }
        row.add(Columns.PREVIOUS_ID, ColumnType.STRING, previousId);
      }
      default -> { }
    }

    JsonNode context = root.get("context");
    if (context != null) {
      flatten("context", context, row, false);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!ENVELOPE.contains(field.getKey())) {
        flatten(field.getKey(), field.getValue(), row, false);
      }
    }

    row.startPayload();
    JsonNode payload = type.payloadKey() == null ? null : root.get(type.payloadKey());
    if (payload != null && payload.isObject()) {
      Object name = row.value(Columns.NAME);
      Iterator<Map.Entry<String, JsonNode>> payloadFields = payload.fields();
      while (payloadFields.hasNext()) {
        Map.Entry<String, JsonNode> field = payloadFields.next();
        // pages and screens: properties.name is the page name, already stored in `name`
        if (name != null && field.getKey().equals("name") && name.equals(field.getValue().asText())) {
          continue;
        }
        flatten(field.getKey(), field.getValue(), row, true);
      }
    } else if (payload != null && !payload.isNull()) {
      flatten(type.payloadKey(), payload, row, false);
    }
    return row.build(file, line, type, id, receivedAt, eventTable);
  }

  /**
   * Segment's clock-skew correction: the device clock is trusted for intervals, the server clock
   * for the instant, so {@code timestamp = receivedAt - (sentAt - originalTimestamp)}.
   */
  static long correctedTimestamp(long receivedAt, long sentAt, long originalTimestamp) {
    if (originalTimestamp == Timestamps.NOT_A_TIMESTAMP) {
      return receivedAt;
    }
    if (sentAt == Timestamps.NOT_A_TIMESTAMP) {
      return originalTimestamp;
    }
    return receivedAt - (sentAt - originalTimestamp);
  }

  private long timestamp(JsonNode root, String key, String column, Builder row) {
    String text = text(root, key);
    if (text == null) {
      return Timestamps.NOT_A_TIMESTAMP;
    }
    long micros = Timestamps.parseMicros(text);
    if (micros == Timestamps.NOT_A_TIMESTAMP) {
      row.discard(column, text, "not an ISO-8601 timestamp");
    } else {
      row.add(column, ColumnType.TIMESTAMP, text);
    }
    return micros;
  }

  private void flatten(String rawKey, JsonNode node, Builder row, boolean payload) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        flatten(rawKey + "_" + field.getKey(), field.getValue(), row, payload);
      }
      return;
    }
    Optional<String> name = columnNames.computeIfAbsent(rawKey, names::columnName);
    if (name.isEmpty()) {
      row.discard(rawKey, node.toString(), "key has no letters or digits to name a column");
      return;
    }
    String column = name.get();
    if (payload && (Columns.isTakenByEnvelope(column) || row.has(column))) {
      column = "_" + column;
    }
    if (node.isTextual()) {
      String text = node.textValue();
      if (!text.isEmpty()) {
        row.add(column, Timestamps.isTimestamp(text) ? ColumnType.TIMESTAMP : ColumnType.STRING, text, rawKey);
      }
    } else if (node.isIntegralNumber()) {
      if (node.canConvertToLong()) {
        row.add(column, ColumnType.BIGINT, node.longValue(), rawKey);
      } else {
        // Beyond bigint: keep every digit as text rather than round it into a double.
        row.add(column, ColumnType.STRING, node.asText(), rawKey);
      }
    } else if (node.isNumber()) {
      row.add(column, ColumnType.DOUBLE, node.doubleValue(), rawKey);
    } else if (node.isBoolean()) {
      row.add(column, ColumnType.BOOLEAN, node.booleanValue(), rawKey);
    } else if (node.isArray()) {
      if (!node.isEmpty()) {
        row.add(column, ColumnType.STRING, node.toString(), rawKey);
      }
    } else {
      row.add(column, ColumnType.STRING, node.asText(), rawKey);
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    String text = value.asText();
    return text.isEmpty() ? null : text;
  }

  /** Collects the columns of one event; a name can be taken once. */
  private static final class Builder {
    private final String table;
    private final List<String> names = new ArrayList<>(48);
    private final List<ColumnType> types = new ArrayList<>(48);
    private final List<Object> values = new ArrayList<>(48);
    private List<Discard> discards;
    private int payloadStart = -1;

    Builder(String table) {
      this.table = table;
    }

    void add(String column, ColumnType type, Object value) {
      if (value != null) {
        names.add(column);
        types.add(type);
        values.add(value);
      }
    }

    void add(String column, ColumnType type, Object value, String rawKey) {
      if (has(column)) {
        discard(column, String.valueOf(value), "key \"" + rawKey + "\" maps to column " + column
            + ", which another key of this event already filled");
        return;
      }
      add(column, type, value);
    }

    boolean has(String column) {
      return names.contains(column);
    }

    Object value(String column) {
      int i = names.indexOf(column);
      return i < 0 ? null : values.get(i);
    }

    void startPayload() {
      payloadStart = names.size();
    }

    void discard(String column, String value, String reason) {
      if (discards == null) {
        discards = new ArrayList<>(2);
      }
      discards.add(new Discard(table, column, value, reason));
    }

    FlatEvent build(int file, long line, EventType type, String id, long receivedAt, String eventTable) {
      byte[] typeOrdinals = new byte[types.size()];
      for (int i = 0; i < typeOrdinals.length; i++) {
        typeOrdinals[i] = (byte) types.get(i).ordinal();
      }
      return new FlatEvent(file, line, type, id, receivedAt, eventTable, names.toArray(new String[0]),
          typeOrdinals, values.toArray(), payloadStart, discards);
    }
  }

  /** A field that makes the whole line unusable. */
  private static final class InvalidEvent extends RuntimeException {
    InvalidEvent(String field, String problem) {
      super("field '" + field + "': " + problem, null, false, false);
    }
  }
}
