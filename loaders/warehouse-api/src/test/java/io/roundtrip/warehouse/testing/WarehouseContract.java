package io.roundtrip.warehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.warehouse.ColumnType;
import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.MergeSpec;
import io.roundtrip.warehouse.SchemaChange;
import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedAppends.CommitOutcome;
import io.roundtrip.warehouse.StagedAppends.CommitStamp;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.StagedWriters;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every warehouse backend promises, run against each one (Delta on a temporary folder,
 * PostgreSQL on an embedded server): a subclass says how to open a fresh, empty warehouse. The
 * loader, the models and the syncs rely on exactly these rules, so a backend that passes here can
 * take their place.
 */
public abstract class WarehouseContract {

  protected static final String NS = "shop";
  private static final StructType PEOPLE = new StructType()
      .add("id", DataTypes.StringType).add("visits", DataTypes.LongType).add("seen_at", DataTypes.TimestampType);

  @TempDir
  protected Path dir;

  protected Warehouse warehouse;

  /** The session the warehouse runs in. */
  protected abstract SparkSession spark();

  /** A new warehouse with no tables; {@code dir} is this test's own folder, for backends that need one. */
  protected abstract Warehouse open(Path dir);

  @BeforeEach
  void openWarehouse() {
    warehouse = open(dir);
  }

  private static TableId table(String name) {
    return new TableId(NS, name);
  }

  private Dataset<Row> rows(StructType schema, Object[]... values) {
    List<Row> rows = new ArrayList<>();
    for (Object[] row : values) {
      rows.add(RowFactory.create(row));
    }
    return spark().createDataFrame(rows, schema);
  }

  /** The table's rows as text, ordered by its first column: {@code a|b|null}. */
  private List<String> contents(TableId table) {
    Dataset<Row> rows = warehouse.read(table);
    return rows.orderBy(rows.columns()[0]).collectAsList().stream()
        .map(r -> String.join("|", java.util.stream.IntStream.range(0, r.size())
            .mapToObj(i -> String.valueOf(r.get(i))).toList()))
        .toList();
  }

  private static Map<String, String> columns(StructType schema) {
    Map<String, String> columns = new LinkedHashMap<>();
    Arrays.stream(schema.fields()).forEach(f -> columns.put(f.name(), f.dataType().sql().toLowerCase(java.util.Locale.ROOT)));
    return columns;
  }

  private static Instant at(String time) {
    return Instant.parse(time);
  }

  // --- schema ----------------------------------------------------------------------------------

  @Test
  void aTableThatDoesNotExistHasNoSchemaAndIsNotListed() {
    assertThat(warehouse.schema(table("people"))).isEmpty();
    assertThat(warehouse.tables(NS)).isEmpty();
    assertThat(warehouse.namespaces()).doesNotContain(NS);
  }

  @Test
  void aSchemaChangeIsAPreviewUntilItsCommitCreatesTheTable() {
    SchemaChange change = warehouse.updateSchema(table("people"))
        .addColumn("id", ColumnType.STRING).addColumn("visits", ColumnType.BIGINT).addColumn("seen_at", ColumnType.TIMESTAMP);
    assertThat(columns(change.apply())).containsExactly(Map.entry("id", "string"), Map.entry("visits", "bigint"),
        Map.entry("seen_at", "timestamp"));
    assertThat(change.isEmpty()).isFalse();
    assertThat(warehouse.schema(table("people"))).isEmpty();

    change.commit();

    assertThat(columns(warehouse.schema(table("people")).orElseThrow())).containsExactly(Map.entry("id", "string"),
        Map.entry("visits", "bigint"), Map.entry("seen_at", "timestamp"));
    assertThat(warehouse.read(table("people")).count()).isZero();
    assertThat(warehouse.tables(NS)).containsExactly(table("people"));
  }

  @Test
  void addingAColumnThatExistsWithItsTypeChangesNothingAndWithAnotherTypeFailsNamingBoth() {
    warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p1", 1L, null}), WriteMode.append());

    SchemaChange same = warehouse.updateSchema(table("people")).addColumn("visits", ColumnType.BIGINT);
    assertThat(same.isEmpty()).isTrue();
    assertThatThrownBy(() -> warehouse.updateSchema(table("people")).addColumn("visits", ColumnType.STRING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot add column visits as string: it exists as bigint");
  }

  @Test
  void addedColumnsComeAtTheEndAndOldRowsHaveNullsThere() {
    warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p1", 1L, null}), WriteMode.append());

    warehouse.updateSchema(table("people")).addColumn("plan", ColumnType.STRING).addColumn("paid", ColumnType.BOOLEAN)
        .commit();

    assertThat(columns(warehouse.schema(table("people")).orElseThrow()).keySet())
        .containsExactly("id", "visits", "seen_at", "plan", "paid");
    assertThat(contents(table("people"))).containsExactly("p1|1|null|null|null");
  }

  @Test
  void wideningTakesBigintToDoubleAndKeepsEveryValue() {
    long largestExact = 1L << 53;
    warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p1", 3L, null}, new Object[] {"p2", largestExact, null},
        new Object[] {"p3", null, null}), WriteMode.append());

    SchemaChange change = warehouse.updateSchema(table("people")).widenColumn("visits", ColumnType.DOUBLE);
    assertThat(columns(change.apply())).containsEntry("visits", "double");
    change.commit();

    assertThat(columns(warehouse.schema(table("people")).orElseThrow())).containsExactly(Map.entry("id", "string"),
        Map.entry("visits", "double"), Map.entry("seen_at", "timestamp"));
    assertThat(contents(table("people"))).containsExactly("p1|3.0|null", "p2|9.007199254740992E15|null", "p3|null|null");
  }

  @Test
  void wideningAnythingButBigintToDoubleFailsNamingTheColumnAndTheTypes() {
    warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p1", 1L, null}), WriteMode.append());
    SchemaChange change = warehouse.updateSchema(table("people"));

    assertThatThrownBy(() -> change.widenColumn("id", ColumnType.DOUBLE))
        .hasMessage("Cannot widen column id from string to double");
    assertThatThrownBy(() -> change.widenColumn("visits", ColumnType.STRING))
        .hasMessage("Cannot widen column visits from bigint to string");
    assertThatThrownBy(() -> change.widenColumn("plan", ColumnType.DOUBLE))
        .hasMessage("Cannot widen column plan from nothing to double");
    assertThat(change.isEmpty()).isTrue();
  }

  // --- writes ----------------------------------------------------------------------------------

  @Test
  void appendCreatesTheTableAddsTheRowsColumnsAndReturnsTheRowsItAdded() {
    assertThat(warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p1", 1L, at("2026-01-02T03:04:05.123456Z")},
        new Object[] {"p2", 2L, null}), WriteMode.append())).isEqualTo(2);
    StructType withPlan = new StructType().add("id", DataTypes.StringType).add("plan", DataTypes.StringType);

    assertThat(warehouse.write(table("people"), rows(withPlan, new Object[] {"p3", "pro"}), WriteMode.append()))
        .isEqualTo(1);

    assertThat(columns(warehouse.schema(table("people")).orElseThrow()).keySet())
        .containsExactly("id", "visits", "seen_at", "plan");
    assertThat(contents(table("people"))).containsExactly("p1|1|2026-01-02T03:04:05.123456Z|null", "p2|2|null|null",
        "p3|null|null|pro");
  }

  @Test
  void overwriteReplacesTheRowsAndTheSchema() {
    warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p1", 1L, null}), WriteMode.append());
    StructType other = new StructType().add("id", DataTypes.StringType).add("score", DataTypes.DoubleType);

    warehouse.write(table("people"), rows(other, new Object[] {"q1", 0.5}, new Object[] {"q2", null}), WriteMode.overwrite());

    assertThat(columns(warehouse.schema(table("people")).orElseThrow())).containsExactly(Map.entry("id", "string"),
        Map.entry("score", "double"));
    assertThat(contents(table("people"))).containsExactly("q1|0.5", "q2|null");
  }

  @Test
  void replaceWhereReplacesOnlyTheMatchingRowsAndRefusesRowsOutsideTheCondition() {
    warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p1", 1L, null}, new Object[] {"p2", 2L, null},
        new Object[] {"p3", null, null}), WriteMode.append());

    warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p4", 2L, null}), WriteMode.replaceWhere("visits = 2"));

    assertThat(contents(table("people"))).containsExactly("p1|1|null", "p3|null|null", "p4|2|null");
    assertThatThrownBy(() -> warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p5", 7L, null}),
        WriteMode.replaceWhere("visits = 2"))).isNotNull();
    assertThat(contents(table("people"))).containsExactly("p1|1|null", "p3|null|null", "p4|2|null");
  }

  @Test
  void replaceKeysReplacesTheRowsOfTheKeysRemovesKeysWithoutANewRowAndAddsNewColumns() {
    warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p1", 1L, null}, new Object[] {"p2", 2L, null},
        new Object[] {"p3", 3L, null}), WriteMode.append());
    StructType withPlan = new StructType().add("plan", DataTypes.StringType).add("id", DataTypes.StringType)
        .add("visits", DataTypes.LongType);
    Dataset<Row> keys = rows(new StructType().add("id", DataTypes.StringType), new Object[] {"p2"},
        new Object[] {"p3"}, new Object[] {"p9"});

    // p2 replaced, p3 gone (no new row), p9 new; p1 kept as it was
    warehouse.write(table("people"), rows(withPlan, new Object[] {"pro", "p2", 20L}, new Object[] {"free", "p9", 9L}),
        WriteMode.replaceKeys(List.of("id"), keys));

    assertThat(columns(warehouse.schema(table("people")).orElseThrow()).keySet())
        .containsExactly("id", "visits", "seen_at", "plan");
    assertThat(contents(table("people"))).containsExactly("p1|1|null|null", "p2|20|null|pro", "p9|9|null|free");
  }

  // --- merge -----------------------------------------------------------------------------------

  /** The users-table merge's shape: an exact recomputation, or newer values over older ones. */
  private static MergeSpec profileMerge() {
    Map<String, String> exact = new LinkedHashMap<>();
    exact.put("visits", "s.visits");
    exact.put("seen_at", "s.seen_at");
    Map<String, String> newer = new LinkedHashMap<>();
    newer.put("visits", "coalesce(s.visits, t.visits)");
    newer.put("seen_at", "greatest(t.seen_at, s.seen_at)");
    Map<String, String> insert = new LinkedHashMap<>();
    insert.put("id", "s.id");
    insert.put("visits", "s.visits");
    insert.put("seen_at", "s.seen_at");
    return new MergeSpec(List.of("id"),
        List.of(new MergeSpec.WhenMatched("s._exact", exact), new MergeSpec.WhenMatched(null, newer)), insert);
  }

  @Test
  void mergeUpdatesByTheFirstClauseThatHoldsInsertsNewKeysAndCountsBoth() {
    warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p1", 1L, at("2026-01-05T00:00:00Z")},
        new Object[] {"p2", 2L, at("2026-01-05T00:00:00Z")}, new Object[] {"p3", 3L, null}), WriteMode.append());
    StructType source = PEOPLE.add("_exact", DataTypes.BooleanType);

    MergeCounts counts = warehouse.merge(table("people"), rows(source,
        new Object[] {"p1", null, at("2026-01-01T00:00:00Z"), false}, // newer rule: keeps 1, keeps the later time
        new Object[] {"p2", null, at("2026-01-01T00:00:00Z"), true}, // exact rule: takes the nulls and the time
        new Object[] {"p4", 4L, at("2026-01-07T00:00:00Z"), false}), profileMerge());

    assertThat(counts).isEqualTo(new MergeCounts(1, 2));
    assertThat(contents(table("people"))).containsExactly("p1|1|2026-01-05T00:00:00Z", "p2|null|2026-01-01T00:00:00Z",
        "p3|3|null", "p4|4|2026-01-07T00:00:00Z");
  }

  @Test
  void aMergeWithoutInsertValuesOnlyUpdatesAndAClauseWhoseConditionFailsLeavesTheRow() {
    warehouse.write(table("people"), rows(PEOPLE, new Object[] {"p1", 1L, null}, new Object[] {"p2", 2L, null}),
        WriteMode.append());
    MergeSpec onlyBigger = new MergeSpec(List.of("id"),
        List.of(new MergeSpec.WhenMatched("s.visits > t.visits", Map.of("visits", "s.visits"))), Map.of());

    MergeCounts counts = warehouse.merge(table("people"), rows(PEOPLE, new Object[] {"p1", 5L, null},
        new Object[] {"p2", 0L, null}, new Object[] {"p9", 9L, null}), onlyBigger);

    assertThat(counts).isEqualTo(new MergeCounts(0, 1));
    assertThat(contents(table("people"))).containsExactly("p1|5|null", "p2|2|null");
  }

  // --- names -----------------------------------------------------------------------------------

  @Test
  void reservedWordsWorkAsTableAndColumnNames() {
    StructType keywords = new StructType().add("select", DataTypes.StringType).add("from", DataTypes.LongType)
        .add("user", DataTypes.StringType).add("_order", DataTypes.StringType);
    TableId order = table("order");

    warehouse.write(order, rows(keywords, new Object[] {"a", 1L, "u", "o"}), WriteMode.append());
    warehouse.updateSchema(order).addColumn("group", ColumnType.BOOLEAN).commit();

    assertThat(columns(warehouse.schema(order).orElseThrow()).keySet()).containsExactly("select", "from", "user",
        "_order", "group");
    assertThat(contents(order)).containsExactly("a|1|u|o|null");
    assertThat(warehouse.tables(NS)).containsExactly(order);
  }

  @Test
  void tablesAndNamespacesAreListedInNameOrder() {
    for (String name : List.of("tracks", "_users", "accounts", "page_viewed")) {
      warehouse.write(table(name), rows(PEOPLE, new Object[] {"p1", 1L, null}), WriteMode.append());
    }
    warehouse.write(new TableId("ads", "clicks"), rows(PEOPLE, new Object[] {"p1", 1L, null}), WriteMode.append());

    assertThat(warehouse.tables(NS)).containsExactly(table("_users"), table("accounts"), table("page_viewed"),
        table("tracks"));
    assertThat(warehouse.namespaces()).containsSubsequence("ads", NS);
  }

  // --- staged appends --------------------------------------------------------------------------

  private StagedAppends appends() {
    return warehouse.ability(StagedAppends.class).orElseThrow();
  }

  private StagedFile stage(TableId table, StructType schema, Object[]... rows) {
    StagedWriters writers = appends().writers("contract-" + System.nanoTime());
    StagedWriter writer = writers.open(table, schema, 0);
    for (Object[] row : rows) {
      Object[] internal = new Object[row.length];
      for (int i = 0; i < row.length; i++) {
        internal[i] = row[i] instanceof String text ? UTF8String.fromString(text)
            : row[i] instanceof Instant instant ? instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000
            : row[i];
      }
      writer.write(new GenericInternalRow(internal));
    }
    return writer.finish();
  }

  @Test
  void stagedRowsCanBeReadButAreNotInTheTableUntilCommitted() {
    StagedFile first = stage(table("people"), PEOPLE, new Object[] {"p1", 1L, at("2026-03-01T10:00:00.000001Z")});
    StagedFile second = stage(table("people"), PEOPLE, new Object[] {"p2", null, null}, new Object[] {"p3", 3L, null});

    assertThat(first.rows()).isEqualTo(1);
    assertThat(second.rows()).isEqualTo(2);
    assertThat(warehouse.schema(table("people"))).isEmpty();
    assertThat(appends().read(List.of(first, second), PEOPLE).orderBy("id").collectAsList().toString())
        .isEqualTo("[[p1,1,2026-03-01T10:00:00.000001Z], [p2,null,null], [p3,3,null]]");

    CommitOutcome outcome = appends().commit(table("people"), PEOPLE, List.of(first, second), null);

    assertThat(outcome).isEqualTo(new CommitOutcome(3, false));
    assertThat(contents(table("people"))).containsExactly("p1|1|2026-03-01T10:00:00.000001Z", "p2|null|null",
        "p3|3|null");
  }

  @Test
  void aCommitWhoseStampTheTableHasIsLeftOutAndAnEarlierVersionToo() {
    CommitStamp stamp = new CommitStamp("roundtrip-load:shop", 5);
    appends().commit(table("people"), PEOPLE, List.of(stage(table("people"), PEOPLE, new Object[] {"p1", 1L, null})),
        stamp);

    StagedFile again = stage(table("people"), PEOPLE, new Object[] {"p1", 1L, null});
    assertThat(appends().commit(table("people"), PEOPLE, List.of(again), stamp)).isEqualTo(new CommitOutcome(0, true));
    StagedFile older = stage(table("people"), PEOPLE, new Object[] {"p0", 0L, null});
    assertThat(appends().commit(table("people"), PEOPLE, List.of(older), new CommitStamp(stamp.appId(), 4)).alreadyCommitted())
        .isTrue();
    appends().discard(List.of(again, older));
    assertThat(contents(table("people"))).containsExactly("p1|1|null");

    StagedFile later = stage(table("people"), PEOPLE, new Object[] {"p2", 2L, null});
    assertThat(appends().commit(table("people"), PEOPLE, List.of(later), new CommitStamp(stamp.appId(), 6)))
        .isEqualTo(new CommitOutcome(1, false));
    StagedFile otherApp = stage(table("people"), PEOPLE, new Object[] {"p3", 3L, null});
    assertThat(appends().commit(table("people"), PEOPLE, List.of(otherApp), new CommitStamp("roundtrip-load:ads", 1)))
        .isEqualTo(new CommitOutcome(1, false));
    StagedFile unstamped = stage(table("people"), PEOPLE, new Object[] {"p4", 4L, null});
    assertThat(appends().commit(table("people"), PEOPLE, List.of(unstamped), null)).isEqualTo(new CommitOutcome(1, false));
    assertThat(contents(table("people"))).containsExactly("p1|1|null", "p2|2|null", "p3|3|null", "p4|4|null");
  }

  @Test
  void stampsAreKeptPerTable() {
    CommitStamp stamp = new CommitStamp("roundtrip-load:shop", 1);
    appends().commit(table("pages"), PEOPLE, List.of(stage(table("pages"), PEOPLE, new Object[] {"p1", 1L, null})), stamp);

    CommitOutcome other = appends().commit(table("screens"), PEOPLE,
        List.of(stage(table("screens"), PEOPLE, new Object[] {"s1", 1L, null})), stamp);

    assertThat(other).isEqualTo(new CommitOutcome(1, false));
  }

  @Test
  void aCommitWithNoFilesStillCreatesTheTable() {
    assertThat(appends().commit(table("people"), PEOPLE, List.of(), null)).isEqualTo(new CommitOutcome(0, false));
    assertThat(columns(warehouse.schema(table("people")).orElseThrow()).keySet()).containsExactly("id", "visits", "seen_at");
  }
}
