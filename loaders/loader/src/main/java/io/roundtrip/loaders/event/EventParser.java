package io.roundtrip.loaders.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.roundtrip.loaders.types.Timestamps;
import io.roundtrip.warehouse.ColumnType;
import io.roundtrip.warehouse.naming.NameRules;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one NDJSON line into a {@link FlatEvent} (or a {@link RejectedLine} saying which field is
 * wrong). Not thread-safe: it caches the names it has computed, so use one per task.
 *
 * <p>A line is rejected when it is not a JSON object, has no known {@code type}, no valid
 * {@code receivedAt}, neither {@code userId} nor {@code anonymousId},
 * or lacks the field its type needs ({@code event}, {@code groupId}, {@code previousId}). Anything
 * else wrong with a single value discards that value only.
 *
 * <p>Columns: the envelope's fixed ones, then {@code context_*}, then any other top-level key
 * (flattened with its name as prefix; {@code integrations}, {@code _metadata}, {@code writeKey},
 * {@code projectId}, {@code version} and {@code options} are transport, not data), then the
 * payload: {@code properties} of track, page and screen, {@code traits} of identify and group, each
 * key its own column. A line without {@code messageId} gets one derived from its content
 * ({@link DerivedIds}). Integers beyond bigint and decimals with more digits than a double holds
 * are kept as their exact text. The line is read as a token stream, not a tree: parsing is most of a load's
 * work before writing.
 */
public final class EventParser {

  /** Top-level keys read as the envelope's single values. */
  private static final Set<String> SCALARS = Set.of("type", "messageId", "anonymousId", "userId", "receivedAt",
      "sentAt", "timestamp", "originalTimestamp", "event", "name", "groupId", "previousId");

  /** Top-level fields that only some call types have, and those types. */
  private static final Map<String, Set<EventType>> CALL_FIELDS = Map.of(
      "event", Set.of(EventType.TRACK),
      "name", Set.of(EventType.PAGE, EventType.SCREEN),
      "groupId", Set.of(EventType.GROUP),
      "previousId", Set.of(EventType.ALIAS));

  /** Top-level keys of the transport, never columns. */
  private static final Set<String> TRANSPORT = Set.of("integrations", "_metadata", "writeKey", "projectId",
      "version", "options");

  private final NameRules names;
  private final EventFilter filter;
  private final JsonFactory json = new JsonFactory();
  private final Map<String, Optional<String>> columnNames = new HashMap<>();
  private final Map<String, Optional<String>> tableNames = new HashMap<>();
  private final StringWriter arrayText = new StringWriter();
  /** Reused for every event: a parser reads one line at a time. */
  private final Builder row = new Builder();

  public EventParser(NameRules names) {
    this(names, EventFilter.NONE);
  }

  public EventParser(NameRules names, EventFilter filter) {
    this.names = names;
    this.filter = filter;
  }

  /** The parsed line, or null for a blank line. */
  public ParsedLine parse(int file, long line, String text) {
    if (text.isBlank()) {
      return null;
    }
    Fields fields;
    try (JsonParser p = json.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        if (p.nextToken() != null) {
          throw new JsonProcessingException("unexpected content after the value", p.currentLocation()) {};
        }
        return new RejectedLine(file, line, "not a JSON object", text);
      }
      fields = read(p);
      if (p.nextToken() != null) {
        throw new JsonProcessingException("unexpected content after the object", p.currentLocation()) {};
      }
    } catch (JsonProcessingException e) {
      return new RejectedLine(file, line, "invalid JSON: " + e.getOriginalMessage(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String event = fields.scalars.get("event");
    if (event != null && "track".equalsIgnoreCase(fields.scalars.get("type")) && !filter.keeps(event)) {
      return new FilteredLine(file, line);
    }
    if (!fields.scalars.containsKey("messageId")) {
      fields.scalars.put("messageId", DerivedIds.of(text, TRANSPORT));
    }
    try {
      return flatten(file, line, fields);
    } catch (InvalidEvent e) {
      return new RejectedLine(file, line, e.getMessage(), text);
    }
  }

  /** The top-level object, its nested values already flattened but not yet named or ordered. */
  private static final class Fields {
    final Map<String, String> scalars = new HashMap<>();
    /** Each top-level object or non-envelope value: its key, and its leaves. */
    final List<Section> sections = new ArrayList<>(4);
  }

  /**
   * The leaves under one top-level key. For an object, their raw keys are relative to it (nested
   * keys joined by {@code _}); otherwise there is at most one leaf, whose raw key is the key.
   */
  private record Section(String key, boolean object, List<Leaf> leaves) {}

  /** @param path the key's dotted path under its top-level key ({@code address.city}), for selective sync */
  private record Leaf(String rawKey, String path, ColumnType type, Object value) {}

  private Fields read(JsonParser p) throws IOException {
    Fields fields = new Fields();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken token = p.nextToken();
      if (TRANSPORT.contains(key)) {
        p.skipChildren();
      } else if (SCALARS.contains(key)) {
        if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
          String value = p.getText();
          if (!value.isEmpty()) {
            fields.scalars.put(key, value);
          }
        } else {
          p.skipChildren();
        }
      } else {
        boolean object = token == JsonToken.START_OBJECT;
        List<Leaf> leaves = new ArrayList<>(object ? 16 : 1);
        leaf(p, token, object ? null : key, object ? null : key, leaves);
        fields.sections.add(new Section(key, object, leaves));
      }
    }
    return fields;
  }

  /** Reads the current value: objects flatten into their leaves, null and empty values give none. */
  private void leaf(JsonParser p, JsonToken token, String rawKey, String path, List<Leaf> leaves) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          leaf(p, p.nextToken(), rawKey == null ? name : rawKey + "_" + name, path == null ? name : path + "." + name,
              leaves);
        }
      }
      case START_ARRAY -> {
        String array = arrayText(p);
        if (!array.equals("[]")) {
          leaves.add(new Leaf(rawKey, path, ColumnType.STRING, array));
        }
      }
      case VALUE_STRING -> {
        String text = p.getText();
        if (!text.isEmpty()) {
          ColumnType type = Timestamps.isTimestamp(text) ? ColumnType.TIMESTAMP : ColumnType.STRING;
          leaves.add(new Leaf(rawKey, path, type, text));
        }
      }
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          // beyond bigint: keep every digit as text rather than round it into a double
          leaves.add(new Leaf(rawKey, path, ColumnType.STRING, p.getText()));
        } else {
          leaves.add(new Leaf(rawKey, path, ColumnType.BIGINT, p.getLongValue()));
        }
      }
      case VALUE_NUMBER_FLOAT -> {
        double value = p.getDoubleValue();
        String text = p.getText();
        if (Double.isFinite(value) && Numbers.fitsDouble(text, value)) {
          leaves.add(new Leaf(rawKey, path, ColumnType.DOUBLE, value));
        } else {
          // more digits than a double holds (or beyond its range): the exact text, never a rounding
          leaves.add(new Leaf(rawKey, path, ColumnType.STRING, text));
        }
      }
      case VALUE_TRUE, VALUE_FALSE ->
          leaves.add(new Leaf(rawKey, path, ColumnType.BOOLEAN, token == JsonToken.VALUE_TRUE));
      default -> { } // null
    }
  }

  /** An array as compact JSON text. */
  private String arrayText(JsonParser p) throws IOException {
    arrayText.getBuffer().setLength(0);
    try (JsonGenerator g = json.createGenerator(arrayText)) {
      g.copyCurrentStructure(p);
    }
    return arrayText.toString();
  }

  private FlatEvent flatten(int file, long line, Fields fields) {
    Map<String, String> scalars = fields.scalars;
    String rawType = scalars.get("type");
    if (rawType == null) {
      throw new InvalidEvent("type", "missing");
    }
    EventType type = EventType.parse(rawType)
        .orElseThrow(() -> new InvalidEvent("type", "unknown event type \"" + rawType + "\""));
    String id = scalars.get("messageId");
    if (id == null) {
      throw new InvalidEvent("messageId", "missing");
    }
    String receivedAtText = scalars.get("receivedAt");
    if (receivedAtText == null) {
      throw new InvalidEvent("receivedAt", "missing");
    }
    long receivedAt = Timestamps.parseMicros(receivedAtText);
    if (receivedAt == Timestamps.NOT_A_TIMESTAMP) {
      throw new InvalidEvent("receivedAt", "not an ISO-8601 timestamp: \"" + receivedAtText + "\"");
    }
    String userId = scalars.get("userId");
    String anonymousId = scalars.get("anonymousId");
    if (userId == null && anonymousId == null) {
      throw new InvalidEvent("userId", "missing, and so is anonymousId");
    }

    Builder row = this.row.reset(type);
    row.add(Columns.ID, ColumnType.STRING, id);
    row.add(Columns.ANONYMOUS_ID, ColumnType.STRING, anonymousId);
    row.add(Columns.USER_ID, ColumnType.STRING, userId);
    row.add(Columns.RECEIVED_AT, ColumnType.TIMESTAMP, receivedAtText);
    long sentAt = timestamp(scalars.get("sentAt"), Columns.SENT_AT, row);
    long originalTimestamp = timestamp(scalars.get("originalTimestamp"), Columns.ORIGINAL_TIMESTAMP, row);
    String timestamp = scalars.get("timestamp");
    if (timestamp != null && Timestamps.isTimestamp(timestamp)) {
      row.add(Columns.TIMESTAMP, ColumnType.TIMESTAMP, timestamp);
    } else {
      if (timestamp != null) {
        row.discard(Columns.TIMESTAMP, timestamp, "not an ISO-8601 timestamp");
      }
      row.add(Columns.TIMESTAMP, ColumnType.TIMESTAMP,
          Timestamps.formatMicros(correctedTimestamp(receivedAt, sentAt, originalTimestamp)));
    }

    Section payload = null;
    for (Section section : fields.sections) {
      if (section.object() && section.key().equals(type.payloadKey())) {
        payload = section;
      }
    }
    String eventTable = null;
    switch (type) {
      case TRACK -> {
        String event = scalars.get("event");
        if (event == null) {
          throw new InvalidEvent("event", "missing");
        }
        eventTable = tableNames.computeIfAbsent(event, names::eventTableName)
            .orElseThrow(() -> new InvalidEvent("event", "\"" + event + "\" has no letters or digits to name a table"));
        row.add(Columns.EVENT, ColumnType.STRING, eventTable);
        row.add(Columns.EVENT_TEXT, ColumnType.STRING, event);
      }
      case PAGE, SCREEN -> {
        String name = scalars.get("name");
        if (name == null && payload != null) {
          name = stringLeaf(payload, "name");
        }
        row.add(Columns.NAME, ColumnType.STRING, name);
      }
      case GROUP -> {
        String groupId = scalars.get("groupId");
        if (groupId == null) {
          throw new InvalidEvent("groupId", "missing");
        }
        row.add(Columns.GROUP_ID, ColumnType.STRING, groupId);
      }
      case ALIAS -> {
        String previousId = scalars.get("previousId");
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

    // a call-type field sent on a call of another type ("name" on a track) is data like any other
    // top-level key, not something to drop
    for (Map.Entry<String, Set<EventType>> field : CALL_FIELDS.entrySet()) {
      String value = scalars.get(field.getKey());
      boolean used = field.getValue().contains(type);
      if (value != null && !used) {
        add(new Leaf(field.getKey(), field.getKey(), ColumnType.STRING, value), field.getKey(), row, false);
      }
    }
    for (Section section : fields.sections) {
      if (section.key().equals("context")) {
        add(section, "context_", row, false);
      }
    }
    for (Section section : fields.sections) {
      if (section != payload && !section.key().equals("context")) {
        add(section, section.object() ? section.key() + "_" : "", row, false);
      }
    }
    row.startPayload();
    if (payload != null) {
      Object name = row.value(Columns.NAME);
      List<String> excluded = filter.excludedPaths(type == EventType.TRACK ? scalars.get("event") : null);
      for (Leaf leaf : payload.leaves()) {
        if (!excluded.isEmpty() && isExcluded(leaf.path(), excluded)) {
          row.filtered++;
          continue;
        }
        // pages and screens: properties.name is the page name, already stored in `name`
        if (name != null && leaf.rawKey().equals("name") && name.equals(leaf.value())) {
          continue;
        }
        add(leaf, leaf.rawKey(), row, true);
      }
    }
    return row.build(file, line, type, id, receivedAt, eventTable);
  }

  private static boolean isExcluded(String path, List<String> excluded) {
    for (String prefix : excluded) {
      if (path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '.')) {
        return true;
      }
    }
    return false;
  }

  private static String stringLeaf(Section section, String rawKey) {
    for (Leaf leaf : section.leaves()) {
      if (leaf.rawKey().equals(rawKey) && leaf.value() instanceof String text) {
        return text;
      }
    }
    return null;
  }

  private void add(Section section, String prefix, Builder row, boolean payload) {
    for (Leaf leaf : section.leaves()) {
      add(leaf, prefix.isEmpty() ? leaf.rawKey() : prefix + leaf.rawKey(), row, payload);
    }
  }

  private void add(Leaf leaf, String rawKey, Builder row, boolean payload) {
    Optional<String> name = columnNames.computeIfAbsent(rawKey, names::columnName);
    if (name.isEmpty()) {
      row.discard(rawKey, String.valueOf(leaf.value()), "key has no letters or digits to name a column");
      return;
    }
    String column = name.get();
    if (payload && (Columns.isFixed(row.type, column) || row.isBaseColumn(column))) {
      column = "_" + column;
    }
    row.add(column, leaf.type(), leaf.value(), rawKey);
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

  private static long timestamp(String text, String column, Builder row) {
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

  /** Collects the columns of one event; a name can be taken once. */
  private static final class Builder {
    private EventType type;
    private String table;
    private final List<String> names = new ArrayList<>(64);
    /** Column -> its ordinal. */
    private final Map<String, Integer> taken = new HashMap<>(128);
    private final List<ColumnType> types = new ArrayList<>(64);
    private final List<Object> values = new ArrayList<>(64);
    private List<Discard> discards;
    private int payloadStart = -1;
    /** Payload values left out by selective sync. */
    int filtered;

    Builder reset(EventType type) {
      this.type = type;
      this.table = type.table();
      names.clear();
      taken.clear();
      types.clear();
      values.clear();
      discards = null;
      payloadStart = -1;
      filtered = 0;
      return this;
    }

    void add(String column, ColumnType type, Object value) {
      if (value != null) {
        taken.put(column, names.size());
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
      return taken.containsKey(column);
    }

    /** True for a column that came before the payload: the envelope, context and other top-level keys. */
    boolean isBaseColumn(String column) {
      Integer ordinal = taken.get(column);
      return ordinal != null && (payloadStart < 0 || ordinal < payloadStart);
    }

    Object value(String column) {
      Integer i = taken.get(column);
      return i == null ? null : values.get(i);
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
          typeOrdinals, values.toArray(), payloadStart, discards, filtered);
    }
  }

  /** A field that makes the whole line unusable. */
  private static final class InvalidEvent extends RuntimeException {
    InvalidEvent(String field, String problem) {
      super("field '" + field + "': " + problem, null, false, false);
    }
  }
}
