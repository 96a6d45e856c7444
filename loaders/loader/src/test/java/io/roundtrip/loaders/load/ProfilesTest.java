package io.roundtrip.loaders.load;

import static io.roundtrip.loaders.testing.Events.group;
import static io.roundtrip.loaders.testing.Events.identify;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.testing.WarehouseFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** users and accounts: one row per id, each trait its latest non-null value by received_at, across loads. */
class ProfilesTest {

  @TempDir
  Path tmp;

  @Test
  void usersHoldTheLatestNonNullValueOfEachTraitWithinALoad() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        identify("m1", "u1", "2026-01-01T10:00:00Z", "{\"plan\":\"free\",\"city\":\"Lyon\"}"),
        identify("m3", "u1", "2026-01-01T12:00:00Z", "{\"plan\":null,\"email\":\"a@b.c\"}"),
        identify("m2", "u1", "2026-01-01T11:00:00Z", "{\"plan\":\"pro\"}"),
        identify("m4", "u2", "2026-01-01T11:00:00Z", "{\"plan\":\"team\"}"),
        "{\"type\":\"identify\",\"messageId\":\"m5\",\"anonymousId\":\"a9\",\"receivedAt\":\"2026-01-01T11:00:00Z\",\"traits\":{\"plan\":\"x\"}}");
    wh.load("web");

    List<Row> users = wh.rows("web", "users", "id");
    assertThat(users).extracting(r -> r.getAs("id"), r -> r.getAs("plan"), r -> r.getAs("city"), r -> r.getAs("email"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("u1", "pro", "Lyon", "a@b.c"),
            org.assertj.core.groups.Tuple.tuple("u2", "team", null, null));
    assertThat(users.get(0).<Instant>getAs("received_at")).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
    assertThat(wh.count("web", "identifies")).isEqualTo(5);
  }

  @Test
  void usersMergeAcrossLoadsAndLateEventsDoNotOverwriteNewerValues() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        identify("m1", "u1", "2026-01-02T10:00:00Z", "{\"plan\":\"pro\",\"city\":\"Lyon\"}"),
        identify("m2", "u2", "2026-01-02T10:00:00Z", "{\"plan\":\"free\"}"));
    wh.load("web");

    wh.file("b.json",
        // newer: replaces plan, keeps city, adds email
        identify("m3", "u1", "2026-01-03T10:00:00Z", "{\"plan\":\"team\",\"email\":\"u1@x.io\"}"),
        // late (older than what u2 has): fills the missing city but must not replace the newer plan
        identify("m4", "u2", "2026-01-01T10:00:00Z", "{\"plan\":\"trial\",\"city\":\"Oslo\"}"),
        identify("m5", "u3", "2026-01-03T10:00:00Z", "{\"plan\":\"free\"}"));
    LoadSummary second = wh.load("web");

    assertThat(second.rowsByTable()).containsEntry("users", 3L);
    assertThat(second.columnsAdded()).containsEntry("users", List.of("email"));
    assertThat(wh.rows("web", "users", "id")).extracting(r -> r.getAs("id"), r -> r.getAs("plan"), r -> r.getAs("city"),
        r -> r.getAs("email")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("u1", "team", "Lyon", "u1@x.io"),
        org.assertj.core.groups.Tuple.tuple("u2", "free", "Oslo", null),
        org.assertj.core.groups.Tuple.tuple("u3", "free", null, null));
  }

  @Test
  void accountsHoldTheLatestTraitsPerGroup() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    wh.file("a.json",
        group("m1", "u1", "g1", "2026-01-01T10:00:00Z", "{\"name\":\"Acme\",\"employees\":10}"),
        group("m2", "u2", "g1", "2026-01-01T11:00:00Z", "{\"employees\":12}"),
        group("m3", "u3", "g2", "2026-01-01T11:00:00Z", "{\"name\":\"Globex\"}"));
    wh.load("web");

    // name is fixed only on pages and screens, so a group's name trait is accounts.name, as in Segment
    assertThat(wh.rows("web", "accounts", "id")).extracting(r -> r.getAs("id"), r -> r.getAs("name"),
        r -> r.getAs("employees")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("g1", "Acme", 12L), org.assertj.core.groups.Tuple.tuple("g2", "Globex", null));
    assertThat(wh.count("web", "groups")).isEqualTo(3);
  }
}
