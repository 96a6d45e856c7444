package io.roundtrip.reverseetl.destinations.table;

import static io.roundtrip.reverseetl.testing.SyncFixture.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.sync.SyncMode;
import io.roundtrip.reverseetl.sync.SyncValidationException;
import io.roundtrip.reverseetl.report.SyncReport;
import io.roundtrip.reverseetl.testing.Postgres;
import io.roundtrip.reverseetl.testing.SyncFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL table as a destination, against a real (embedded) PostgreSQL. */
class PostgresTableTest {

  private String url;

  @BeforeEach
  void database() throws SQLException {
    url = Postgres.newDatabase();
    execute("CREATE SCHEMA crm");
    execute("CREATE TABLE crm.customers (id text PRIMARY KEY, email text NOT NULL, name text, clv double precision)");
  }

  private TableDestination table(boolean createTable, boolean nullOverwrites) {
    return TableDestination.postgres(new TableDestination.Settings(url, "postgres", "", "crm.customers",
        List.of("id"), createTable, nullOverwrites, 1000));
  }

  private static SyncRecord row(String id, String email, String name, Double clv) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("id", id);
    fields.put("email", email);
    fields.put("name", name);
    fields.put("clv", clv);
    return new SyncRecord(id, fields, id.hashCode(), "i-" + id);
  }

  @Test
  void upsertInsertsNewKeysAndUpdatesExistingOnes() throws SQLException {
    try (TableDestination table = table(false, true)) {
      assertThat(table.push(Operation.UPSERT, List.of(row("c1", "a@x", "Ada", 1.0), row("c2", "b@x", "Bo", 2.0))))
          .containsOnly(new RecordResult.Ok());
      table.push(Operation.UPSERT, List.of(row("c2", "b@x", "Bo B", 3.5), row("c3", "c@x", "Cy", null)));
    }
    assertThat(rows()).containsExactly("c1|a@x|Ada|1.0", "c2|b@x|Bo B|3.5", "c3|c@x|Cy|null");
  }

  @Test
  void insertLeavesExistingRowsAloneAndUpdateCreatesNothing() throws SQLException {
    execute("INSERT INTO crm.customers VALUES ('c1', 'old@x', 'Old', 0)");
    try (TableDestination table = table(false, true)) {
      table.push(Operation.INSERT, List.of(row("c1", "new@x", "New", 9.0), row("c2", "b@x", "Bo", 2.0)));
      table.push(Operation.UPDATE, List.of(row("c2", "b2@x", "Bo", 2.5), row("c9", "z@x", "Zed", 1.0)));
    }
    assertThat(rows()).containsExactly("c1|old@x|Old|0.0", "c2|b2@x|Bo|2.5");
  }

  @Test
  void deleteRemovesTheStagedKeysOnly() throws SQLException {
    execute("INSERT INTO crm.customers VALUES ('c1', 'a@x', 'Ada', 1), ('c2', 'b@x', 'Bo', 2)");
    try (TableDestination table = table(false, true)) {
      table.push(Operation.DELETE, List.of(row("c1", null, null, null)));
    }
    assertThat(rows()).containsExactly("c2|b@x|Bo|2.0");
  }

  @Test
  void withoutNullOverwritesANullKeepsWhatTheTableHas() throws SQLException {
    execute("INSERT INTO crm.customers VALUES ('c1', 'a@x', 'Ada', 1)");
    try (TableDestination table = table(false, false)) {
      table.push(Operation.UPSERT, List.of(row("c1", "a2@x", null, null)));
      table.push(Operation.UPDATE, List.of(row("c1", "a3@x", null, 4.0)));
    }
    assertThat(rows()).containsExactly("c1|a3@x|Ada|4.0");
  }

  @Test
  void aBatchWithABadRowIsRefusedAsAWholeAndLeavesNothingBehind() throws SQLException {
    try (TableDestination table = table(false, true)) {
      List<RecordResult> results = table.push(Operation.UPSERT,
          List.of(row("c1", "a@x", "Ada", 1.0), row("c2", null, "No email", 2.0)));
      assertThat(results).allSatisfy(r -> {
        assertThat(r).isInstanceOf(RecordResult.Rejected.class);
        assertThat(((RecordResult.Rejected) r).wholeBatch()).isTrue();
        assertThat(((RecordResult.Rejected) r).reason()).startsWith("SQLSTATE 23502");
      });
      // the same connection keeps working after the failed transaction
      assertThat(table.push(Operation.UPSERT, List.of(row("c1", "a@x", "Ada", 1.0)))).containsOnly(new RecordResult.Ok());
    }
    assertThat(rows()).containsExactly("c1|a@x|Ada|1.0");
  }

  @Test
  void textWithQuotesCommasAndNewlinesArrivesIntact() throws SQLException {
    String awkward = "O'Brien, \"Jr.\"\nsecond line \\N";
    try (TableDestination table = table(false, true)) {
      table.push(Operation.UPSERT, List.of(row("c1", "a@x", awkward, 1.0), row("c2", "b@x", "", 2.0)));
    }
    assertThat(rows()).containsExactly("c1|a@x|" + awkward + "|1.0", "c2|b@x||2.0");
  }

  @Test
  void aMissingColumnIsReportedByNameForEveryRecord() {
    Map<String, Object> fields = new HashMap<>(row("c1", "a@x", "Ada", 1.0).fields());
    fields.put("plan", "gold");
    try (TableDestination table = table(false, true)) {
      List<RecordResult> results = table.push(Operation.UPSERT, List.of(new SyncRecord("c1", fields, 1, "i")));
      assertThat(results).containsExactly(new RecordResult.Rejected("table crm.customers has no column [plan]", false));
    }
  }

  @Test
  void createTableTypesColumnsFromTheFirstBatch() throws SQLException {
    TableDestination destination = TableDestination.postgres(new TableDestination.Settings(url, "postgres", "",
        "crm.audience", List.of("id"), true, true, 1000));
    Map<String, Object> fields = new HashMap<>();
    fields.put("id", "c1");
    fields.put("orders", 3L);
    fields.put("vip", true);
    fields.put("traits", Map.of("plan", "gold"));
    try (destination) {
      assertThat(destination.push(Operation.UPSERT, List.of(new SyncRecord("c1", fields, 1, "i"))))
          .containsOnly(new RecordResult.Ok());
    }
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT orders + 1, vip, traits ->> 'plan' FROM crm.audience")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(4);
      assertThat(rs.getBoolean(2)).isTrue();
      assertThat(rs.getString(3)).isEqualTo("gold");
    }
  }

  @Test
  void aSyncMirrorsTheModelIntoTheTableAndDeletesRowsThatLeaveIt(@TempDir Path tmp) throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.model(customer("c1", "Ada", 10.0), customer("c2", "Bo", 20.0), customer("c3", "Cy", 30.0));
    var definition = f.definition("crm", SyncMode.MIRROR, 2);
    try (TableDestination table = table(false, true)) {
      f.sync(definition, table);
      f.model(customer("c1", "Ada", 11.0), customer("c3", "Cy", 30.0));
      SyncReport report = f.sync(definition, table);
      assertThat(report.changed()).isEqualTo(1);
      assertThat(report.removed()).isEqualTo(1);
    }
    assertThat(rows()).containsExactly("c1|c1@example.com|Ada|11.0", "c3|c3@example.com|Cy|30.0");
  }

  @Test
  void anUpdateReportsTheKeysTheTableLacksAsSkipped() throws SQLException {
    execute("INSERT INTO crm.customers VALUES ('c1', 'old@x', 'Old', 0)");
    try (TableDestination table = table(false, true)) {
      List<RecordResult> results = table.push(Operation.UPDATE,
          List.of(row("c1", "new@x", "New", 1.0), row("c9", "z@x", "Zed", 9.0)));

      assertThat(results.get(0)).isEqualTo(RecordResult.ok());
      assertThat(results.get(1)).isEqualTo(TableDestination.skippedMissing());
    }
    assertThat(rows()).containsExactly("c1|new@x|New|1.0");
  }

  // staged: a big run written from the executors in parallel and applied by one statement

  /** More rows than a run sends batch by batch ({@link io.roundtrip.reverseetl.sync.SyncJob}'s staging threshold). */
  private static final int BIG = 60_000;

  private static String bigModel(int rows) {
    return "SELECT format_string('c%06d', id) AS id, format_string('c%06d@example.com', id) AS email, "
        + "'N' AS name, CAST(id AS DOUBLE) AS clv FROM range(" + rows + ")";
  }

  @Test
  void aBigFirstSyncIntoANewTableIsStagedFromEveryPartitionAndKeyedOnce(@TempDir Path tmp) throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.modelFromSql(bigModel(BIG));
    var definition = f.definition("audience", SyncMode.UPSERT, 10_000);
    TableDestination audience = TableDestination.postgres(new TableDestination.Settings(url, "postgres", "",
        "crm.audience", List.of("id"), true, false, 10_000));

    SyncReport first;
    SyncReport second;
    try (audience) {
      first = f.sync(definition, audience);
      second = f.sync(definition, audience);
    }

    assertThat(first.acknowledged()).isEqualTo(BIG);
    assertThat(first.requests()).isEqualTo(1);
    assertThat(first.decisions()).anyMatch(d -> d.startsWith("staged " + BIG + " rows from "));
    assertThat(second.sent()).isZero();
    assertThat(count("crm.audience")).isEqualTo(BIG);
    assertThat(primaryKey("audience")).containsExactly("id");
    assertThat(stages()).isEmpty();
  }

  @Test
  void aBigSyncIntoATableThatHasRowsIsStagedAndMerged(@TempDir Path tmp) throws Exception {
    execute("INSERT INTO crm.customers VALUES ('c000007', 'old@x', 'Old', -1), ('zz', 'z@x', 'Other', 0)");
    SyncFixture f = new SyncFixture(tmp);
    f.modelFromSql(bigModel(BIG));

    SyncReport report;
    try (TableDestination table = table(false, false)) {
      report = f.sync(f.definition("crm", SyncMode.UPSERT, 10_000), table);
    }

    assertThat(report.acknowledged()).isEqualTo(BIG);
    assertThat(report.decisions()).anyMatch(d -> d.startsWith("staged " + BIG + " rows"));
    assertThat(count("crm.customers")).isEqualTo(BIG + 1);
    assertThat(value("SELECT email || '|' || clv FROM crm.customers WHERE id = 'c000007'"))
        .isEqualTo("c000007@example.com|7");
    assertThat(stages()).isEmpty();
  }

  @Test
  void aStagedResyncOfMostRowsSendsTheChangedOnesOnly(@TempDir Path tmp) throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.modelFromSql(bigModel(BIG));
    var definition = f.definition("crm", SyncMode.UPSERT, 10_000);
    SyncReport resync;
    try (TableDestination table = table(false, false)) {
      f.sync(definition, table);
      // 11 rows in 12 change: read in full, staged, and still only those sent
      f.modelFromSql("SELECT id, email, name, CASE WHEN clv % 12 = 0 THEN clv ELSE clv + 0.5 END AS clv FROM ("
          + bigModel(BIG) + ")");
      resync = f.sync(definition, table);
    }

    int changed = BIG / 12 * 11;
    assertThat(resync.changed()).isEqualTo(changed);
    assertThat(resync.sent()).isEqualTo(changed);
    assertThat(resync.decisions()).anyMatch(d -> d.startsWith("staged " + changed + " rows"));
    assertThat(value("SELECT clv FROM crm.customers WHERE id = 'c000004'")).isEqualTo("4.5");
    assertThat(value("SELECT clv FROM crm.customers WHERE id = 'c000012'")).isEqualTo("12");
  }

  @Test
  void aRepeatedKeyFoundWhileStagingAFirstRunAppliesNothing(@TempDir Path tmp) throws Exception {
    SyncFixture f = new SyncFixture(tmp);
    f.modelFromSql(bigModel(BIG) + " UNION ALL SELECT 'c000042', 'again@example.com', 'Again', 1.0");

    try (TableDestination table = table(false, true)) {
      assertThatThrownBy(() -> f.sync(f.definition("crm", SyncMode.UPSERT, 10_000), table))
          .isInstanceOf(SyncValidationException.class)
          .hasMessageContaining("nothing was sent").hasMessageContaining("1 keys repeat, e.g. [c000042]");
    }
    assertThat(count("crm.customers")).isZero();
    assertThat(stages()).isEmpty();
  }

  @Test
  void aStagedUpdateChangesTheRowsTheTableHasAndSkipsTheRest(@TempDir Path tmp) throws Exception {
    execute("INSERT INTO crm.customers SELECT format('c%s', lpad(i::text, 6, '0')), 'old@x', 'Old', 0 "
        + "FROM generate_series(0, 9) AS i");
    SyncFixture f = new SyncFixture(tmp);
    f.modelFromSql(bigModel(BIG));

    SyncReport report;
    try (TableDestination table = table(false, false)) {
      report = f.sync(f.definition("crm", SyncMode.UPDATE, 10_000), table);
    }

    assertThat(report.acknowledged()).isEqualTo(10);
    assertThat(report.skippedMissing()).isEqualTo(BIG - 10);
    assertThat(report.status()).isEqualTo("succeeded");
    assertThat(count("crm.customers")).isEqualTo(10);
    assertThat(value("SELECT email FROM crm.customers WHERE id = 'c000003'")).isEqualTo("c000003@example.com");
  }

  @Test
  void aValueTheTableRefusesSendsTheRunThroughBatchesThatIsolateTheBadRow(@TempDir Path tmp) throws Exception {
    // crm.customers.email is NOT NULL; one row has none
    SyncFixture f = new SyncFixture(tmp);
    f.modelFromSql("SELECT id, CASE WHEN id = 'c000100' THEN NULL ELSE email END AS email, name, clv FROM ("
        + bigModel(BIG) + ")");

    SyncReport report;
    try (TableDestination table = table(false, false)) {
      report = f.sync(f.definition("crm", SyncMode.UPSERT, 10_000), table);
    }

    assertThat(report.decisions()).anyMatch(d -> d.startsWith("applying the staged rows failed")
        && d.contains("sending them in batches instead"));
    assertThat(report.acknowledged()).isEqualTo(BIG - 1);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(report.errors()).singleElement().satisfies(e -> assertThat(e.key()).isEqualTo("c000100"));
    assertThat(count("crm.customers")).isEqualTo(BIG - 1);
    assertThat(stages()).isEmpty();
  }

  private long count(String table) throws SQLException {
    return Long.parseLong(value("SELECT count(*) FROM " + table));
  }

  private String value(String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private List<String> primaryKey(String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        ResultSet rs = c.getMetaData().getPrimaryKeys(null, "crm", table)) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME"));
      }
    }
    return columns;
  }

  /** Stages left behind in the database. */
  private List<String> stages() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
            + "WHERE table_name LIKE 'roundtrip_stage_%'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  private List<String> rows() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, email, name, clv FROM crm.customers ORDER BY id")) {
      while (rs.next()) {
        rows.add(String.join("|", Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getObject(4) == null ? "null" : String.valueOf(rs.getDouble(4)))));
      }
    }
    return rows;
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
