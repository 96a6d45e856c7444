package io.roundtrip.reverseetl.destinations.table;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.Staging;
import io.roundtrip.reverseetl.mapping.RecordMapper;
import io.roundtrip.warehouse.jdbc.StageLoader;
import io.roundtrip.warehouse.jdbc.TableSql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stage of a staged run: a table of its own beside the target (unlogged in PostgreSQL),
 * filled by {@link Writers} on their own connections, then applied in one transaction on the
 * destination's connection:
 *
 * <ul>
 *   <li>into a table that does not exist yet (the sync creates it): the stage is the new table,
 *       without its primary key; the apply adds the key (building its index once, sorted, and
 *       checking the keys) and renames the stage to the table's name;
 *   <li>update: the staged keys the table has no row for are read first (they are skipped), then
 *       one {@code UPDATE ... FROM} the stage;
 *   <li>insert and upsert into a table that is empty, with other writers locked out for the
 *       transaction: one plain {@code INSERT ... SELECT}, which costs half of a conflict-checking
 *       one (the first sync of an audience into a new table, the common case);
 *   <li>otherwise: the batch statement ({@code INSERT ... ON CONFLICT} / {@code MERGE}).
 * </ul>
 *
 * <p>The stage is dropped when the run is done with it, applied or not; one left by a killed run
 * has the same name and is replaced by the next.
 */
final class TableStage implements Staging.Stage {

  private final Connection connection;
  private final TableDestination.Settings settings;
  private final TableSql sql;
  private final StageLoader loader;
  private final String stage;
  private final Operation operation;
  private final List<String> fields;
  private final List<String> columns;
  private final boolean newTable;
  private final Runnable applied;

  private TableStage(Connection connection, TableDestination.Settings settings, TableSql sql, StageLoader loader,
      String stage, Operation operation, List<String> fields, List<String> columns, boolean newTable,
      Runnable applied) {
    this.connection = connection;
    this.settings = settings;
    this.sql = sql;
    this.loader = loader;
    this.stage = stage;
    this.operation = operation;
    this.fields = List.copyOf(fields);
    this.columns = List.copyOf(columns);
    this.newTable = newTable;
    this.applied = applied;
  }

  /**
   * Creates the stage (replacing one a killed run left).
   *
   * @param fields the fields of the records, in the order their values come
   * @param columns the table columns they fill: the key fields and the fields
   * @param newTable the kinds of the columns of the table to create, or null when it exists
   * @param applied told when the apply committed (the table changed under the destination)
   */
  static TableStage open(Connection connection, TableDestination.Settings settings, TableSql sql, StageLoader loader,
      String stage, Operation operation, List<String> fields, List<String> columns,
      Map<String, TableSql.ColumnKind> newTable, Runnable applied) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.dropSharedStage(stage));
      statement.execute(newTable == null ? sql.createSharedStage(stage, settings.table())
          : sql.createUnkeyedTable(stage, newTable));
    }
    connection.commit();
    return new TableStage(connection, settings, sql, loader, stage, operation, fields, columns, newTable != null,
        applied);
  }

  /**
   * Each stage column's source in a written record: {@link Writers#KEY} for the sync key, a
   * field's position, or (for a key field the mapping leaves out) {@code -2 - i} for part i of
   * the key. Only an update stages the sync key: it names the keys the table lacks.
   */
  @Override
  public Staging.Writers writers() {
    List<String> staged = new ArrayList<>();
    List<Integer> sources = new ArrayList<>();
    if (operation == Operation.UPDATE) {
      staged.add(TableSql.KEY);
      sources.add(Writers.KEY);
    }
    for (String column : columns) {
      staged.add(column);
      int field = fields.indexOf(column);
      sources.add(field >= 0 ? field : -2 - settings.keyFields().indexOf(column));
    }
    return new Writers(settings.jdbcUrl(), settings.user(), settings.password(), sql.qualified(stage), staged,
        sources.stream().mapToInt(Integer::intValue).toArray(), settings.keyFields().size(), settings.table(), loader);
  }

  @Override
  public Set<String> apply() {
    try (Statement statement = connection.createStatement()) {
      Set<String> missing = Set.of();
      String lock = newTable ? null : sql.lockForApply(settings.table());
      if (lock != null) {
        statement.execute(lock);
      }
      if (newTable) {
        statement.execute(sql.addPrimaryKey(stage, settings.keyFields()));
        statement.execute(sql.rename(stage, settings.table()));
      } else if (operation == Operation.UPDATE) {
        missing = missingKeys(connection, sql, stage, settings);
        statement.executeUpdate(sql.apply(stage, settings.table(), columns, settings.keyFields(), TableSql.Mode.UPDATE,
            settings.nullOverwrites()));
      } else if (lock != null && isEmpty(statement)) {
        statement.executeUpdate(sql.insertAll(stage, settings.table(), columns));
      } else {
        statement.executeUpdate(sql.apply(stage, settings.table(), columns, settings.keyFields(),
            operation == Operation.INSERT ? TableSql.Mode.INSERT : TableSql.Mode.UPSERT, settings.nullOverwrites()));
      }
      connection.commit();
      applied.run();
      return missing;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new IllegalStateException("applying the stage to " + settings.table() + " failed: SQLSTATE "
          + e.getSQLState() + ": " + e.getMessage(), e);
    }
  }

  private boolean isEmpty(Statement statement) throws SQLException {
    try (ResultSet any = statement.executeQuery("SELECT 1 FROM " + sql.qualified(settings.table()) + " LIMIT 1")) {
      return !any.next();
    }
  }

  /** The sync keys of the staged records the table has no row for. */
  static Set<String> missingKeys(Connection connection, TableSql sql, String stage, TableDestination.Settings settings)
      throws SQLException {
    Set<String> missing = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql.missingKeys(stage, settings.table(), settings.keyFields()))) {
      while (rows.next()) {
        missing.add(rows.getString(1));
      }
    }
    return missing;
  }

  @Override
  public void close() {
    try (Statement statement = connection.createStatement()) {
      // after a new table's apply the stage has the table's name: nothing by the stage's is left
      statement.execute(sql.dropSharedStage(stage));
      connection.commit();
    } catch (SQLException ignored) {
      // the next run of the sync replaces a stage left behind
    }
  }

  /**
   * Writers into the stage, each on a connection of its own. Shipped to Spark's executors, so it
   * carries the credentials (as Spark's own JDBC writer does); {@link #toString} leaves them out.
   */
  record Writers(String jdbcUrl, String user, String password, String stage, List<String> columns, int[] sources,
      int keyParts, String table, StageLoader loader) implements Staging.Writers {

    static final int KEY = -1;

    @Override
    public Staging.Writer open() {
      try {
        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        connection.setAutoCommit(false);
        return new Writer(connection, loader.open(connection, stage, columns), sources, keyParts, table);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot write into the stage of " + table + ": SQLSTATE " + e.getSQLState()
            + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return "Writers[" + stage + ", " + columns + "]";
    }
  }

  /** One part of the rows on its way into the stage. */
  private static final class Writer implements Staging.Writer {
    private final Connection connection;
    private final StageLoader.Sink sink;
    private final int[] sources;
    private final int keyParts;
    private final String table;
    private final boolean needsKeyParts;
    private final Object[] row;
    private boolean committed;

    Writer(Connection connection, StageLoader.Sink sink, int[] sources, int keyParts, String table) {
      this.connection = connection;
      this.sink = sink;
      this.sources = sources;
      this.keyParts = keyParts;
      this.table = table;
      this.needsKeyParts = java.util.Arrays.stream(sources).anyMatch(source -> source < Writers.KEY);
      this.row = new Object[sources.length];
    }

    @Override
    public void write(String key, Object[] values) {
      String[] parts = needsKeyParts ? key.split(String.valueOf(RecordMapper.KEY_SEPARATOR), -1) : null;
      if (parts != null && parts.length != keyParts) {
        throw new IllegalArgumentException("table " + table + ": key_fields do not match the key of record "
            + key.replace(RecordMapper.KEY_SEPARATOR, '|'));
      }
      for (int i = 0; i < sources.length; i++) {
        int source = sources[i];
        row[i] = source >= 0 ? values[source] : source == Writers.KEY ? key : parts[-2 - source];
      }
      try {
        sink.write(row);
      } catch (SQLException e) {
        throw failed(e);
      }
    }

    @Override
    public void commit() {
      try {
        sink.finish();
        connection.commit();
        committed = true;
      } catch (SQLException e) {
        throw failed(e);
      }
    }

    private IllegalStateException failed(SQLException e) {
      return new IllegalStateException("writing into the stage of " + table + " failed: SQLSTATE " + e.getSQLState()
          + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
      try {
        if (!committed) {
          IllegalStateException failure = new IllegalStateException("stage write abandoned");
          sink.cancel(failure);
          connection.rollback();
        }
        connection.close();
      } catch (SQLException ignored) {
        // a broken connection: its transaction is gone with it
      }
    }
  }
}
