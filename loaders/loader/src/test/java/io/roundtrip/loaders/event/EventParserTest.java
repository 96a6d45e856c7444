package io.roundtrip.loaders.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.warehouse.ColumnType;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventParserTest {

  private final EventParser parser = new EventParser(new NameRules(Dialect.DELTA));

  private FlatEvent event(String json) {
    ParsedLine line = parser.parse(0, 1, json);
    assertThat(line).isInstanceOf(FlatEvent.class);
    return (FlatEvent) line;
  }

  private String reject(String json) {
    ParsedLine line = parser.parse(3, 17, json);
    assertThat(line).isInstanceOf(RejectedLine.class);
    assertThat(line.file()).isEqualTo(3);
    assertThat(line.line()).isEqualTo(17);
    assertThat(((RejectedLine) line).raw()).isEqualTo(json);
    return ((RejectedLine) line).reason();
  }

  private static Map<String, ColumnType> types(FlatEvent e) {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (int i = 0; i < e.size(); i++) {
      types.put(e.names()[i], e.type(i));
    }
    return types;
  }

  private static final String ENVELOPE = "\"messageId\":\"m1\",\"userId\":\"u1\",\"receivedAt\":\"2026-01-01T10:00:00Z\"";

  @Test
  void flattensNestedObjectsAtAnyDepthWithUnderscores() {
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"Clicked\"," + ENVELOPE
        + ",\"properties\":{\"a\":{\"bC\":{\"d\":{\"e\":1}}}},\"context\":{\"page\":{\"url\":\"http://x\"}}}");
    assertThat(e.value("a_b_c_d_e")).isEqualTo(1L);
    assertThat(e.value("context_page_url")).isEqualTo("http://x");
  }

  @Test
  void storesArraysAsJsonTextAndSkipsNullAndEmptyValues() {
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"Clicked\"," + ENVELOPE
        + ",\"properties\":{\"tags\":[\"a\",{\"b\":1}],\"none\":null,\"blank\":\"\",\"empty\":{},\"nothing\":[]}}");
    assertThat(e.value("tags")).isEqualTo("[\"a\",{\"b\":1}]");
    assertThat(types(e)).containsEntry("tags", ColumnType.STRING)
        .doesNotContainKeys("none", "blank", "empty", "nothing");
  }

  @Test
  void infersTheFiveTypes() {
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"Clicked\"," + ENVELOPE
        + ",\"properties\":{\"n\":3,\"x\":2.5,\"whole\":2.0,\"b\":true,\"seen\":\"2026-01-01T10:00:00+02:00\","
        + "\"day\":\"2026-01-01\",\"s\":\"hi\",\"huge\":123456789012345678901234567890}}");
    assertThat(types(e)).containsEntry("n", ColumnType.BIGINT).containsEntry("x", ColumnType.DOUBLE)
        .containsEntry("whole", ColumnType.DOUBLE).containsEntry("b", ColumnType.BOOLEAN)
        .containsEntry("seen", ColumnType.TIMESTAMP).containsEntry("day", ColumnType.STRING)
        .containsEntry("s", ColumnType.STRING).containsEntry("huge", ColumnType.STRING);
    assertThat(e.value("huge")).isEqualTo("123456789012345678901234567890");
  }

  @Test
  void correctsClockSkewWhenTimestampIsMissing() {
    // device clock 1 hour behind: sent 10 s after the event by its clock, received at 12:00:10
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"Clicked\",\"messageId\":\"m1\",\"userId\":\"u1\","
        + "\"originalTimestamp\":\"2026-01-01T11:00:00Z\",\"sentAt\":\"2026-01-01T11:00:10Z\","
        + "\"receivedAt\":\"2026-01-01T12:00:10Z\"}");
    assertThat(e.value("timestamp")).isEqualTo("2026-01-01T12:00:00.000000Z");
  }

  @Test
  void keepsAGivenTimestamp() {
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"Clicked\",\"messageId\":\"m1\",\"userId\":\"u1\","
        + "\"timestamp\":\"2026-01-01T09:00:00Z\",\"originalTimestamp\":\"2026-01-01T11:00:00Z\","
        + "\"sentAt\":\"2026-01-01T11:00:10Z\",\"receivedAt\":\"2026-01-01T12:00:10Z\"}");
    assertThat(e.value("timestamp")).isEqualTo("2026-01-01T09:00:00Z");
  }

  @Test
  void fallsBackToOriginalTimestampThenReceivedAt() {
    FlatEvent withOriginal = event("{\"type\":\"track\",\"event\":\"E\",\"messageId\":\"m1\",\"userId\":\"u1\","
        + "\"originalTimestamp\":\"2026-01-01T11:00:00Z\",\"receivedAt\":\"2026-01-01T12:00:10Z\"}");
    assertThat(withOriginal.value("timestamp")).isEqualTo("2026-01-01T11:00:00.000000Z");
    FlatEvent bare = event("{\"type\":\"track\",\"event\":\"E\"," + ENVELOPE + "}");
    assertThat(bare.value("timestamp")).isEqualTo("2026-01-01T10:00:00.000000Z");
  }

  @Test
  void trackTakesEventAndEventTextAndItsOwnTable() {
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"Order Completed\"," + ENVELOPE + ",\"properties\":{\"revenue\":5}}");
    assertThat(e.eventTable()).isEqualTo("order_completed");
    assertThat(e.value("event")).isEqualTo("order_completed");
    assertThat(e.value("event_text")).isEqualTo("Order Completed");
    assertThat(e.tables()).containsExactly("tracks", "order_completed");
    // properties come after the common columns, so tracks can leave them out
    assertThat(e.names()[e.payloadStart()]).isEqualTo("revenue");
  }

  @Test
  void anEventNamedLikeAFixedTableGetsAnUnderscore() {
    assertThat(event("{\"type\":\"track\",\"event\":\"Users\"," + ENVELOPE + "}").eventTable()).isEqualTo("_users");
  }

  @Test
  void propertiesThatWouldTakeAnEnvelopeColumnGetAnUnderscore() {
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"E\"," + ENVELOPE
        + ",\"properties\":{\"id\":\"p1\",\"user_id\":\"x\",\"context\":{\"ip\":\"1\"}},\"context\":{\"ip\":\"2\"}}");
    assertThat(e.value("id")).isEqualTo("m1");
    assertThat(e.value("_id")).isEqualTo("p1");
    assertThat(e.value("_user_id")).isEqualTo("x");
    assertThat(e.value("context_ip")).isEqualTo("2");
    assertThat(e.value("_context_ip")).isEqualTo("1");
  }

  @Test
  void pageNameFallsBackToPropertiesName() {
    FlatEvent e = event("{\"type\":\"page\"," + ENVELOPE + ",\"properties\":{\"name\":\"Home\",\"path\":\"/\"}}");
    assertThat(e.value("name")).isEqualTo("Home");
    assertThat(types(e)).doesNotContainKey("_name");
    FlatEvent both = event("{\"type\":\"page\",\"name\":\"Top\"," + ENVELOPE + ",\"properties\":{\"name\":\"Other\"}}");
    assertThat(both.value("name")).isEqualTo("Top");
    assertThat(both.value("_name")).isEqualTo("Other");
  }

  @Test
  void identifyAndGroupTraitsBecomeColumns() {
    FlatEvent identify = event("{\"type\":\"identify\"," + ENVELOPE + ",\"traits\":{\"email\":\"a@b\",\"address\":{\"city\":\"X\"}}}");
    assertThat(identify.value("email")).isEqualTo("a@b");
    assertThat(identify.value("address_city")).isEqualTo("X");
    FlatEvent group = event("{\"type\":\"group\",\"groupId\":\"g1\"," + ENVELOPE + ",\"traits\":{\"name\":\"Acme\"}}");
    assertThat(group.value("group_id")).isEqualTo("g1");
    // name is a fixed column of pages and screens only: a group's name is groups.name, as Segment has it
    assertThat(group.value("name")).isEqualTo("Acme");
    FlatEvent alias = event("{\"type\":\"alias\",\"previousId\":\"anon\"," + ENVELOPE + "}");
    assertThat(alias.value("previous_id")).isEqualTo("anon");
  }

  @Test
  void aCallFieldSentOnAnotherTypeOfCallIsKeptAsAColumn() {
    FlatEvent track = event("{\"type\":\"track\",\"event\":\"Clicked\",\"name\":\"stray\",\"groupId\":\"g9\","
        + ENVELOPE + "}");
    assertThat(track.value("name")).isEqualTo("stray");
    assertThat(track.value("group_id")).isEqualTo("g9");
    FlatEvent identify = event("{\"type\":\"identify\",\"event\":\"Signed In\"," + ENVELOPE + "}");
    assertThat(identify.value("event")).isEqualTo("Signed In");
  }

  @Test
  void aLineWithoutMessageIdGetsAnIdDerivedFromItsCanonicalContent() {
    String line = "{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\",\"receivedAt\":\"2026-01-01T10:00:00Z\","
        + "\"properties\":{\"b\":1,\"a\":[2,{\"y\":1,\"x\":2}]},\"integrations\":{\"All\":true}}";
    String reordered = "{ \"properties\": {\"a\": [2, {\"x\": 2, \"y\": 1}], \"b\": 1}, \"receivedAt\": "
        + "\"2026-01-01T10:00:00Z\", \"userId\": \"u\", \"event\": \"E\", \"type\": \"track\"}";
    String later = line.replace("10:00:00Z", "10:00:01Z");
    String id = event(line).id();

    assertThat(id).matches("rt-[0-9a-f]{32}");
    assertThat(event(line).id()).isEqualTo(id);
    // key order, spacing and transport keys do not change the event, so not its id
    assertThat(event(reordered).id()).isEqualTo(id);
    assertThat(event(later).id()).isNotEqualTo(id);
    assertThat(event(line).value("id")).isEqualTo(id);
  }

  @Test
  void numbersBeyondWhatBigintOrDoubleHoldKeepTheirExactText() {
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"E\"," + ENVELOPE + ",\"properties\":{"
        + "\"huge\":123456789012345678901234567890,\"precise\":0.12345678901234567890123,"
        + "\"plain\":0.1,\"padded\":1.50000000000000000000,\"far\":1e400,\"big\":9007199254740993}}");
    assertThat(types(e)).containsEntry("huge", ColumnType.STRING).containsEntry("precise", ColumnType.STRING)
        .containsEntry("plain", ColumnType.DOUBLE).containsEntry("padded", ColumnType.DOUBLE)
        .containsEntry("far", ColumnType.STRING).containsEntry("big", ColumnType.BIGINT);
    assertThat(e.value("huge")).isEqualTo("123456789012345678901234567890");
    assertThat(e.value("precise")).isEqualTo("0.12345678901234567890123");
    assertThat(e.value("padded")).isEqualTo(1.5);
    assertThat(e.value("far")).isEqualTo("1e400");
    assertThat(e.value("big")).isEqualTo(9007199254740993L);
  }

  @Test
  void rejectsLinesThatAreNotEventsNamingTheField() {
    assertThat(reject("{\"type\":\"track\"")).startsWith("invalid JSON: ");
    assertThat(reject("[1,2]")).isEqualTo("not a JSON object");
    assertThat(reject("{\"event\":\"E\"," + ENVELOPE + "}")).isEqualTo("field 'type': missing");
    assertThat(reject("{\"type\":\"unknown\"," + ENVELOPE + "}")).isEqualTo("field 'type': unknown event type \"unknown\"");
    assertThat(reject("{\"type\":\"track\",\"event\":\"E\",\"messageId\":\"m\",\"userId\":\"u\",\"receivedAt\":\"soon\"}"))
        .isEqualTo("field 'receivedAt': not an ISO-8601 timestamp: \"soon\"");
    assertThat(reject("{\"type\":\"track\",\"event\":\"E\",\"messageId\":\"m\",\"receivedAt\":\"2026-01-01T10:00:00Z\"}"))
        .isEqualTo("field 'userId': missing, and so is anonymousId");
    assertThat(reject("{\"type\":\"track\"," + ENVELOPE + "}")).isEqualTo("field 'event': missing");
    assertThat(reject("{\"type\":\"group\"," + ENVELOPE + "}")).isEqualTo("field 'groupId': missing");
    assertThat(reject("{\"type\":\"alias\"," + ENVELOPE + "}")).isEqualTo("field 'previousId': missing");
  }

  @Test
  void discardsABadValueButKeepsTheEvent() {
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"E\"," + ENVELOPE
        + ",\"sentAt\":\"yesterday\",\"properties\":{\"$$$\":1,\"fooBar\":1,\"foo_bar\":2}}");
    assertThat(types(e)).doesNotContainKey("sent_at");
    assertThat(e.value("foo_bar")).isEqualTo(1L);
    assertThat(e.discards()).extracting(Discard::column, Discard::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple("sent_at", "not an ISO-8601 timestamp"),
        org.assertj.core.groups.Tuple.tuple("$$$", "key has no letters or digits to name a column"),
        org.assertj.core.groups.Tuple.tuple("foo_bar",
            "key \"foo_bar\" maps to column foo_bar, which another key of this event already filled"));
  }

  @Test
  void escapesReservedWordsAndLeadingDigits() {
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"E\"," + ENVELOPE + ",\"properties\":{\"when\":1,\"3d\":true}}");
    assertThat(e.value("_when")).isEqualTo(1L);
    assertThat(e.value("_3d")).isEqualTo(true);
  }

  @Test
  void keepsPropertiesAndTraitsThatAreNotTheTypesPayload() {
    FlatEvent e = event("{\"type\":\"track\",\"event\":\"E\"," + ENVELOPE
        + ",\"traits\":{\"plan\":\"pro\"},\"channel\":\"web\",\"integrations\":{\"All\":true}}");
    assertThat(e.value("traits_plan")).isEqualTo("pro");
    assertThat(e.value("channel")).isEqualTo("web");
    assertThat(types(e)).doesNotContainKeys("integrations_all", "plan");
  }

  @Test
  void rejectsTrailingContent() {
    assertThat(reject("{\"type\":\"track\"} {}")).startsWith("invalid JSON: unexpected content after the object");
  }

  @Test
  void blankLinesAreNothing() {
    assertThat(parser.parse(0, 1, "   ")).isNull();
  }
}
