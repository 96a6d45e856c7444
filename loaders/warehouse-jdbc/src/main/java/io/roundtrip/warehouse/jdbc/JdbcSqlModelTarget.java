package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.SqlModelTarget;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Widening;
import io.roundtrip.warehouse.WriteMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * SQL models on a JDBC warehouse, everything as the database's own SQL (the statements are the
 * dialect's, after dbt-postgres' and dbt-snowflake's materializations):
 * <ul>
 *   <li>a view: {@code CREATE OR REPLACE VIEW}; on PostgreSQL, whose replace keeps the columns, a
 *       change of columns drops the view and creates it in the same transaction;</li>
 *   <li>a table: PostgreSQL makes {@code <name>__rt_tmp} from the SELECT, drops the old relation and
 *       renames the new one into its place, in one transaction; Snowflake runs one
 *       {@code CREATE OR REPLACE TABLE ... COPY GRANTS AS};</li>
 *   <li>an incremental run: the SELECT's rows into a staging table first (dbt's {@code __dbt_tmp}),
 *       then in one transaction the table's columns changed as allowed, and the rows appended
 *       ({@code INSERT ... SELECT}), merged on the unique key (the warehouse's upsert: UPDATE ... FROM
 *       then INSERT of the new keys on PostgreSQL, MERGE on Snowflake) or replacing a time range
 *       (DELETE of the range, then INSERT);</li>
 *   <li>a seed: its rows through the warehouse's write path into a table beside the model's, swapped
 *       in as a table model's is.</li>
 * </ul>
 * Queries (data tests' failing rows, row counts) run in the database through {@link JdbcWarehouse#query}.
 */
final class JdbcSqlModelTarget implements SqlModelTarget {

  /** dbt's {@code __dbt_tmp}, under a name of our own. */
  static final String SCRATCH = "__rt_tmp";

  private final JdbcWarehouse warehouse;
  private final SqlDialect dialect;

  JdbcSqlModelTarget(JdbcWarehouse warehouse) {
    this.warehouse = warehouse;
    this.dialect = warehouse.sqlDialect();
  }

  @Override
  public String relationName(Relation relation) {
    return dialect.table(relation.tableId());
  }

  @Override
  public Optional<RelationInfo> describe(Relation relation) {
    return warehouse.connected(c -> {
      Optional<Kind> kind = warehouse.catalog().kind(c, relation.tableId());
      if (kind.isEmpty()) {
        return Optional.empty();
      }
      StructType columns = warehouse.catalog().columns(c, relation.tableId()).map(Catalog::schema)
          .orElseGet(StructType::new);
      return Optional.of(new RelationInfo(kind.get(), columns));
    });
  }

  @Override
  public Dataset<Row> query(String select) {
    return warehouse.query(select);
  }

  @Override
  public void createView(Relation relation, String select) {
    TableId view = relation.tableId();
    warehouse.ensureSchema(relation.schema());
    warehouse.transaction(c -> {
      Optional<Kind> existing = warehouse.catalog().kind(c, view);
      if (existing.isPresent() && existing.get() == Kind.VIEW && dialect.viewReplaceKeepsColumns()) {
        Savepoint before = c.setSavepoint();
        try {
          execute(c, dialect.replaceView(view, select)); // the views on it stay as they are
          return null;
        } catch (SQLException e) {
          if (!dialect.isViewColumnChange(e)) {
            throw e;
          }
          c.rollback(before);
        }
      }
      List<String> statements = new ArrayList<>();
      // dbt drops a table that becomes a view; a view whose columns change is made anew
      existing.ifPresent(kind -> statements.add(dialect.dropRelation(view, kind)));
      statements.add(dialect.replaceView(view, select));
      replacing(c, view, existing, statements);
      return null;
    });
  }

  @Override
  public long replaceTable(Relation relation, String select) {
    TableId table = relation.tableId();
    warehouse.ensureSchema(relation.schema());
    return warehouse.transaction(c -> {
      Optional<Kind> existing = warehouse.catalog().kind(c, table);
      replacing(c, table, existing, dialect.replaceTable(table, scratch(table), select, existing));
      return count(c, table);
    });
  }

  /** Seeds: written by the warehouse (its types, its COPY) beside the table, then swapped in. */
  @Override
  public long replaceTable(Relation relation, Dataset<Row> rows) {
    TableId table = relation.tableId();
    TableId scratch = scratch(table);
    warehouse.write(scratch, rows, WriteMode.overwrite());
    return warehouse.transaction(c -> {
      Optional<Kind> existing = warehouse.catalog().kind(c, table);
      replacing(c, table, existing, dialect.swapIn(scratch, table, existing));
      return count(c, table);
    });
  }

  @Override
  public long writeIncremental(Relation relation, String select, IncrementalWrite write) {
    TableId table = relation.tableId();
    warehouse.ensureStaging();
    String stage = StageNames.next(Instant.now());
    try {
      return warehouse.transaction(c -> {
        Optional<Kind> kind = warehouse.catalog().kind(c, table);
        if (!kind.equals(Optional.of(Kind.TABLE))) {
          throw new IllegalArgumentException("No such table: " + relation);
        }
        execute(c, dialect.createStageAs(stage, select));
        TableId staged = new TableId(SqlDialect.STAGING, stage);
        List<String> columns = conform(c, table, staged, write.columns());
        if (write instanceof IncrementalWrite.Append) {
          return insert(c, table, columns, stage);
        } else if (write instanceof IncrementalWrite.Merge merge) {
          List<String> keys = new ArrayList<>();
          for (String key : merge.uniqueKey()) {
            keys.add(columns.stream().filter(k -> k.equalsIgnoreCase(key.strip())).findFirst().orElseThrow(() ->
                new IllegalArgumentException("The unique_key column " + key + " is not among the model's columns")));
          }
          MergeCounts counts = dialect.runUpsert(c, dialect.upsert(table, columns, keys, List.of(stage)));
          return counts.inserted() + counts.updated();
        } else if (write instanceof IncrementalWrite.ReplaceRange range) {
          String column = columns.stream().filter(k -> k.equalsIgnoreCase(range.timeColumn())).findFirst()
              .orElse(range.timeColumn());
          Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
          try (PreparedStatement delete = c.prepareStatement(dialect.deleteRange(table, column))) {
            delete.setTimestamp(1, Timestamp.from(range.start()), utc);
            delete.setTimestamp(2, Timestamp.from(range.end()), utc);
            delete.executeLargeUpdate();
          }
          return insert(c, table, columns, stage);
        }
        throw new IllegalArgumentException("Unknown incremental write " + write);
      });
    } finally {
      warehouse.connected(c -> execute(c, dialect.dropStage(stage)));
    }
  }

  /**
   * Runs the statements that replace a relation, keeping the views that read it: where dropping it
   * drops them (PostgreSQL), their definitions are read first and each is created again on the new
   * relation, in the same transaction. A view that no longer fits (it reads a column that is gone)
   * stays dropped, as dbt-postgres drops every one; a view that is a model is built again by the run.
   * Their grants are not kept.
   */
  private void replacing(Connection c, TableId relation, Optional<Kind> existing, List<String> statements)
      throws SQLException {
    List<String[]> views = new ArrayList<>();
    Optional<String> query = dialect.dependentViewsQuery();
    if (existing.isPresent() && query.isPresent()) {
      try (PreparedStatement dependents = c.prepareStatement(query.get())) {
        dependents.setString(1, dialect.table(relation));
        try (ResultSet rows = dependents.executeQuery()) {
          while (rows.next()) {
            views.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
          }
        }
      }
    }
    for (String statement : statements) {
      execute(c, statement);
    }
    for (String[] view : views) {
      Savepoint before = c.setSavepoint();
      try {
        execute(c, "CREATE VIEW " + dialect.quote(dialect.warehouseName(view[0])) + "."
            + dialect.quote(dialect.warehouseName(view[1])) + " AS " + view[2]);
        c.releaseSavepoint(before);
      } catch (SQLException e) {
        c.rollback(before);
      }
    }
  }

  /**
   * Changes the table's columns as {@code policy} allows and returns the columns the new rows fill,
   * in the table's order and names: KEEP leaves the table as it is (the rows' other columns left
   * out), ADD_NEW adds the rows' new columns, SYNC also drops the columns the rows lack and retypes
   * those whose type no longer holds the rows' (a narrower number is no change, as the runner's
   * column check says).
   */
  private List<String> conform(Connection c, TableId table, TableId staged, Columns policy) throws SQLException {
    List<SqlDialect.Declared> current = warehouse.catalog().declared(c, table);
    List<SqlDialect.Declared> incoming = warehouse.catalog().declared(c, staged);
    StructType currentTypes = warehouse.catalog().columns(c, table).map(Catalog::schema).orElseThrow();
    StructType incomingTypes = warehouse.catalog().columns(c, staged).map(Catalog::schema).orElseThrow();
    List<SqlDialect.Declared> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<SqlDialect.Declared> retyped = new ArrayList<>();
    List<String> filled = new ArrayList<>();
    for (SqlDialect.Declared column : current) {
      Optional<SqlDialect.Declared> match = find(incoming, column.name());
      if (match.isEmpty()) {
        if (policy == Columns.SYNC) {
          removed.add(column.name());
        }
        continue;
      }
      filled.add(column.name());
      if (policy == Columns.SYNC && !Widening.holds(type(currentTypes, column.name()), type(incomingTypes, match.get().name()))) {
        retyped.add(new SqlDialect.Declared(column.name(), match.get().type()));
      }
    }
    if (policy != Columns.KEEP) {
      for (SqlDialect.Declared column : incoming) {
        if (find(current, column.name()).isEmpty()) {
          added.add(column);
          filled.add(column.name());
        }
      }
    }
    for (String statement : dialect.alterColumns(table, added, removed, retyped)) {
      execute(c, statement);
    }
    return filled;
  }

  private static Optional<SqlDialect.Declared> find(List<SqlDialect.Declared> columns, String name) {
    return columns.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
  }

  private static DataType type(StructType schema, String name) {
    for (StructField field : schema.fields()) {
      if (field.name().equals(name)) {
        return field.dataType();
      }
    }
    throw new IllegalStateException("No column " + name + " in " + schema.simpleString());
  }

  /** The staged rows into the table's columns (the staged ones are found by the same names, in any case). */
  private long insert(Connection c, TableId table, List<String> columns, String stage) throws SQLException {
    try (Statement statement = c.createStatement()) {
      return statement.executeLargeUpdate(dialect.insertStaged(table, columns, List.of(stage), false));
    }
  }

  private long count(Connection c, TableId table) throws SQLException {
    try (Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + dialect.table(table))) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * The name beside the table that a replace builds into: {@code <name>__rt_tmp}, the name shortened
   * first when the database would not keep it whole.
   */
  TableId scratch(TableId table) {
    String name = table.name();
    int room = dialect.maxIdentifierBytes() - SCRATCH.length();
    while (dialect.stored(name).getBytes(StandardCharsets.UTF_8).length > room) {
      name = name.substring(0, name.length() - 1);
    }
    return new TableId(table.namespace(), name + SCRATCH);
  }

  private static Void execute(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
    return null;
  }
}
