package io.roundtrip.loaders.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Segment's warehouse schema: a property or trait takes a {@code _} prefix only when it collides
 * with a fixed column of the table it lands in. Every call type against every fixed column name,
 * spelled out as the expected matrix (from Segment's "Warehouse Schemas" page: the identifies,
 * groups, pages and screens, tracks and event tables sections).
 */
class FixedColumnsTest {

  private final EventParser parser = new EventParser(new NameRules(Dialect.DELTA));

  /** Payload keys that could collide, and the call types where each is a fixed column. */
  private static final Map<String, List<String>> FIXED_IN = Map.ofEntries(
      Map.entry("id", List.of("identify", "track", "page", "screen", "group", "alias")),
      Map.entry("anonymous_id", List.of("identify", "track", "page", "screen", "group", "alias")),
      Map.entry("user_id", List.of("identify", "track", "page", "screen", "group", "alias")),
      Map.entry("received_at", List.of("identify", "track", "page", "screen", "group", "alias")),
      Map.entry("sent_at", List.of("identify", "track", "page", "screen", "group", "alias")),
      Map.entry("timestamp", List.of("identify", "track", "page", "screen", "group", "alias")),
      Map.entry("original_timestamp", List.of("identify", "track", "page", "screen", "group", "alias")),
      Map.entry("uuid_ts", List.of("identify", "track", "page", "screen", "group", "alias")),
      Map.entry("context_ip", List.of("identify", "track", "page", "screen", "group", "alias")),
      Map.entry("event", List.of("track")),
      Map.entry("event_text", List.of("track")),
      Map.entry("name", List.of("page", "screen")),
      Map.entry("group_id", List.of("group")),
      Map.entry("previous_id", List.of("alias")));

  private static final List<String> TYPES = List.of("identify", "track", "page", "screen", "group");

  @Test
  void aPayloadKeyIsPrefixedExactlyWhereItIsAFixedColumnOfItsTable() {
    List<String> wrong = new ArrayList<>();
    for (String type : TYPES) {
      for (Map.Entry<String, List<String>> key : FIXED_IN.entrySet()) {
        FlatEvent e = parse(type, key.getKey());
        boolean prefixed = e.value("_" + key.getKey()) != null;
        boolean plain = "payload value".equals(e.value(key.getKey()));
        boolean expectPrefix = key.getValue().contains(type);
        if (expectPrefix != prefixed || expectPrefix == plain) {
          wrong.add(type + "." + key.getKey() + (expectPrefix ? " should be _" : " should be plain ") + key.getKey());
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aPageNameRepeatedInPropertiesIsStoredOnce() {
    FlatEvent e = (FlatEvent) parser.parse(0, 1, "{\"type\":\"page\",\"name\":\"Home\"," + ENVELOPE
        + ",\"properties\":{\"name\":\"Home\",\"title\":\"Shop\"}}");
    assertThat(e.value("name")).isEqualTo("Home");
    assertThat(e.value("_name")).isNull();
  }

  @Test
  void aPageWithoutATopLevelNameTakesItFromItsProperties() {
    FlatEvent e = (FlatEvent) parser.parse(0, 1, "{\"type\":\"screen\"," + ENVELOPE
        + ",\"properties\":{\"name\":\"Cart\"}}");
    assertThat(e.value("name")).isEqualTo("Cart");
  }

  private static final String ENVELOPE = "\"messageId\":\"m1\",\"userId\":\"u1\",\"anonymousId\":\"a1\","
      + "\"receivedAt\":\"2026-01-01T10:00:00Z\",\"context\":{\"ip\":\"10.0.0.1\"}";

  private FlatEvent parse(String type, String key) {
    String extra = switch (type) {
      case "track" -> ",\"event\":\"Product Viewed\"";
      case "page", "screen" -> ",\"name\":\"Home\"";
      case "group" -> ",\"groupId\":\"g1\"";
      default -> "";
    };
    String payload = type.equals("identify") || type.equals("group") ? "traits" : "properties";
    ParsedLine line = parser.parse(0, 1, "{\"type\":\"" + type + "\"" + extra + "," + ENVELOPE + ",\"" + payload
        + "\":{\"" + key + "\":\"payload value\"}}");
    assertThat(line).as(type + " with " + key).isInstanceOf(FlatEvent.class);
    return (FlatEvent) line;
  }
}
