package io.roundtrip.reverseetl.destinations.table;

import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.Staging;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.warehouse.jdbc.JdbcWarehouses;
import io.roundtrip.warehouse.jdbc.StageLoader;
import io.roundtrip.warehouse.jdbc.TableSql;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A database table as a destination (PostgreSQL, Snowflake). Two ways in:
 *
 * <ul>
 *   <li><b>staged</b> ({@link #staging}), for a big run: the engine's writers load the records in
 *       parallel into a stage of their own ({@code COPY} per partition), then one statement in one
 *       transaction applies it (see {@link TableStage});
 *   <li><b>batch by batch</b> ({@link #push}): each batch is staged in the session's stage and
 *       applied by one statement in one transaction. A batch that fails on its data (SQLSTATE
 *       classes 22, 23) is refused as a whole, and the sender splits it to find the bad rows; a
 *       lost connection or a serialization failure is retried. Into a table that was empty when
 *       the sync began, inserts and upserts are loaded directly, without the stage, until a key
 *       collides.
 * </ul>
 *
 * <p>Insert is {@code ON CONFLICT DO NOTHING} / {@code MERGE} without update; update changes the
 * rows whose key the table has and reports the others as skipped (Segment's update: records the
 * destination has, whoever created them); upsert does both; delete removes the staged keys. Every
 * operation is idempotent.
 */
public final class TableDestination implements Destination {

  /**
   * @param keyFields the table's primary key: destination fields the mapping fills from the
   *     model's key
   * @param createTable create the table (typed from the first records) when it does not exist
   * @param nullOverwrites whether a null in the model replaces a value in the table
   */
  public record Settings(String jdbcUrl, String user, String password, String table, List<String> keyFields,
      boolean createTable, boolean nullOverwrites, int batchSize) {
    public Settings {
      if (keyFields == null || keyFields.isEmpty()) {
        throw new IllegalArgumentException("table destination " + table + ": key_fields is required");
      }
      keyFields = List.copyOf(keyFields);
    }

    /** Without the password: settings end up in logs and exception messages. */
    @Override
    public String toString() {
      return "Settings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=[redacted], table=" + table
          + ", keyFields=" + keyFields + "]";
    }
  }

  private final Settings settings;
  private final TableSql sql;
  private final StageLoader loader;
  private Connection connection;
  private List<String> tableColumns;
  private boolean sessionStage;
  /**
   * The table was empty when this destination first looked: inserts and upserts load straight
   * into it (no staging, no merge), as long as no key collides.
   */
  private boolean bulkLoading;

  private static final String UNIQUE_VIOLATION = "23505";

  public TableDestination(Settings settings, TableSql sql, StageLoader loader) {
    this.settings = settings;
    this.sql = sql;
    this.loader = loader;
  }

  /** The warehouse's PostgreSQL dialect, and its COPY. */
  public static TableDestination postgres(Settings settings) {
    TableSql sql = JdbcWarehouses.tableSql("postgres");
    return new TableDestination(settings, sql, sql.stageLoader());
  }

  /** The warehouse's Snowflake dialect (lower-case names stored upper-case), and batched inserts. */
  public static TableDestination snowflake(Settings settings) {
    TableSql sql = JdbcWarehouses.tableSql("snowflake");
    return new TableDestination(settings, sql, sql.stageLoader());
  }

  /** For tests: a connection supplied by the caller (a recording fake, an embedded database). */
  public TableDestination withConnection(Connection supplied) {
    this.connection = supplied;
    return this;
  }

  @Override
  public Set<Operation> operations() {
    return Set.of(Operation.INSERT, Operation.UPDATE, Operation.UPSERT, Operation.DELETE);
  }

  @Override
  public int maxBatchSize() {
    return settings.batchSize();
  }

  @Override
  public boolean idempotent(Operation operation) {
    return true;
  }

  @Override
  public boolean usesIdempotencyKeys() {
    return false;
  }

  @Override
  public Optional<Staging> staging() {
    return Optional.of(this::openStage);
  }

  private Staging.Stage openStage(String name, Operation operation, List<String> fields,
      Supplier<List<SyncRecord>> sample) {
    try {
      Connection c = connection();
      List<String> columns = new ArrayList<>(new LinkedHashSet<>(settings.keyFields()));
      fields.stream().filter(f -> !columns.contains(f)).forEach(columns::add);
      String stage = TableSql.beside(settings.table(), name);
      if (tableColumns.isEmpty() && settings.createTable() && operation != Operation.UPDATE) {
        // the run creates the table: it is loaded under the stage's name, then keyed and renamed
        Map<String, TableSql.ColumnKind> kinds = kinds(columns, typing(sample));
        return TableStage.open(c, settings, sql, loader, stage, operation, fields, columns, kinds,
            () -> tableColumns = null);
      }
      ensureTable(sample);
      List<String> unknown = columns.stream().filter(col -> !tableColumns.contains(col)).toList();
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("table " + settings.table() + " has no column " + unknown);
      }
      return TableStage.open(c, settings, sql, loader, stage, operation, fields, columns, null, () -> { });
    } catch (SQLException e) {
      rollback();
      throw new IllegalStateException("cannot stage into " + settings.table() + ": SQLSTATE " + e.getSQLState()
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<RecordResult> push(Operation operation, List<SyncRecord> records) {
    List<SyncRecord> batch = records.stream()
        .map(record -> KeyFields.fill(record, settings.keyFields(), settings.table())).toList();
    try {
      Connection c = connection();
      ensureTable(() -> batch);
      List<String> columns = operation == Operation.DELETE ? settings.keyFields() : columns(batch);
      List<String> unknown = columns.stream().filter(col -> !tableColumns.contains(col)).toList();
      if (!unknown.isEmpty()) {
        return Collections.nCopies(batch.size(), new RecordResult.Rejected("table " + settings.table()
            + " has no column " + unknown, false));
      }
      if (bulkLoading && (operation == Operation.INSERT || operation == Operation.UPSERT)) {
        try {
          RecordValues.load(loader, c, sql.qualified(settings.table()), columns, batch);
          c.commit();
          return Collections.nCopies(batch.size(), new RecordResult.Ok());
        } catch (SQLException e) {
          rollback();
          if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return Collections.nCopies(batch.size(), classify(e));
          }
          // someone else wrote the table, or this batch is a resend: merge from now on
          bulkLoading = false;
        }
      }
      Set<String> missing = Set.of();
      try (Statement statement = c.createStatement()) {
        if (!sessionStage) {
          statement.execute(sql.createSessionStage(settings.table()));
          sessionStage = true;
        }
        List<String> staged = new ArrayList<>(columns);
        staged.add(0, TableSql.KEY);
        RecordValues.load(loader, c, sql.qualified(TableSql.STAGE), staged, batch);
        if (operation == Operation.UPDATE) {
          missing = TableStage.missingKeys(c, sql, TableSql.STAGE, settings);
        }
        statement.executeUpdate(switch (operation) {
          case DELETE -> sql.delete(TableSql.STAGE, settings.table(), settings.keyFields());
          case INSERT -> apply(columns, TableSql.Mode.INSERT);
          case UPDATE -> apply(columns, TableSql.Mode.UPDATE);
          case UPSERT -> apply(columns, TableSql.Mode.UPSERT);
          default -> throw new IllegalArgumentException("A table does not support " + operation);
        });
        statement.execute(sql.clearStage(TableSql.STAGE));
        c.commit();
      }
      List<RecordResult> results = new ArrayList<>(batch.size());
      for (SyncRecord record : batch) {
        results.add(missing.contains(record.key()) ? skippedMissing() : RecordResult.ok());
      }
      return results;
    } catch (SQLException e) {
      rollback();
      return Collections.nCopies(batch.size(), classify(e));
    }
  }

  private String apply(List<String> columns, TableSql.Mode mode) {
    return sql.apply(TableSql.STAGE, settings.table(), columns, settings.keyFields(), mode, settings.nullOverwrites());
  }

  /** What an update reports for a key the table has no row for. */
  static RecordResult skippedMissing() {
    return new RecordResult.Skipped("the table has no row with this key (update changes only the rows it has)");
  }

  /** Connection and data errors as record results. */
  static RecordResult classify(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String reason = "SQLSTATE " + state + ": " + e.getMessage();
    if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")
        || state.startsWith("58")) {
      return new RecordResult.Retry(reason, null);
    }
    return new RecordResult.Rejected(reason, true);
  }

  private List<String> columns(List<SyncRecord> batch) {
    Set<String> columns = new LinkedHashSet<>(settings.keyFields());
    for (SyncRecord record : batch) {
      columns.addAll(record.fields().keySet());
    }
    return new ArrayList<>(columns);
  }

  /** The connection, with the table's columns known (none when it does not exist). */
  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
      tableColumns = null;
      sessionStage = false;
    }
    connection.setAutoCommit(false);
    if (tableColumns == null) {
      tableColumns = existingColumns(connection);
      if (!tableColumns.isEmpty()) {
        bulkLoading = isEmpty(connection);
      }
      connection.commit();
    }
    return connection;
  }

  /** Creates the table, typed from {@code sample}, when it is missing and may be created. */
  private void ensureTable(Supplier<List<SyncRecord>> sample) throws SQLException {
    if (!tableColumns.isEmpty()) {
      return;
    }
    if (!settings.createTable()) {
      throw new SQLException("table " + settings.table() + " does not exist (set create_table to create it)", "42P01");
    }
    List<SyncRecord> typing = typing(sample);
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.createTable(settings.table(), kinds(columns(typing), typing), settings.keyFields()));
    }
    connection.commit();
    tableColumns = existingColumns(connection);
    bulkLoading = true;
  }

  private List<SyncRecord> typing(Supplier<List<SyncRecord>> sample) {
    return sample.get().stream().map(record -> KeyFields.fill(record, settings.keyFields(), settings.table())).toList();
  }

  private boolean isEmpty(Connection c) throws SQLException {
    try (Statement statement = c.createStatement();
        ResultSet any = statement.executeQuery("SELECT 1 FROM " + sql.qualified(settings.table()) + " LIMIT 1")) {
      return !any.next();
    }
  }

  private List<String> existingColumns(Connection c) throws SQLException {
    String[] parts = settings.table().split("\\.", 2);
    String schema = parts.length == 2 ? parts[0] : null;
    String table = parts.length == 2 ? parts[1] : parts[0];
    List<String> columns = new ArrayList<>();
    DatabaseMetaData meta = c.getMetaData();
    // the names as the dialect stores them first (Snowflake: upper case), then as written
    String storedSchema = schema == null ? null : sql.stored(schema);
    for (String name : List.of(sql.stored(table), table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rs = meta.getColumns(null, storedSchema, name, null)) {
        while (rs.next()) {
          columns.add(sql.warehouseName(rs.getString("COLUMN_NAME")));
        }
      }
      if (!columns.isEmpty()) {
        break;
      }
    }
    return columns;
  }

  /** Column types from the values of the first records. */
  private static Map<String, TableSql.ColumnKind> kinds(List<String> columns, List<SyncRecord> batch) {
    Map<String, TableSql.ColumnKind> kinds = new LinkedHashMap<>();
    for (String column : columns) {
      TableSql.ColumnKind kind = TableSql.ColumnKind.TEXT;
      for (SyncRecord record : batch) {
        Object value = record.fields().get(column);
        if (value != null) {
          kind = value instanceof Long || value instanceof Integer ? TableSql.ColumnKind.BIGINT
              : value instanceof Double || value instanceof Float ? TableSql.ColumnKind.DOUBLE
              : value instanceof Boolean ? TableSql.ColumnKind.BOOLEAN
              : value instanceof java.time.Instant || value instanceof java.sql.Timestamp ? TableSql.ColumnKind.TIMESTAMP
              : value instanceof Map<?, ?> || value instanceof List<?> ? TableSql.ColumnKind.JSON
              : TableSql.ColumnKind.TEXT;
          break;
        }
      }
      kinds.put(column, kind);
    }
    return kinds;
  }

  private void rollback() {
    try {
      if (connection != null && !connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException ignored) {
      // the connection is gone; the next push opens a new one
      connection = null;
    }
  }

  @Override
  public void close() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // closing a broken connection has nothing to report
    }
  }
}
