package io.roundtrip.reverseetl.destinations.table;

import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.mapping.RecordMapper;
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
import java.util.Set;

/**
 * A database table as a destination (PostgreSQL, Snowflake). Each batch is staged and applied by
 * one statement in one transaction: insert ({@code ON CONFLICT DO NOTHING} / {@code MERGE}
 * without update), update, upsert, or delete. A batch that fails on its data (SQLSTATE classes
 * 22, 23) is refused as a whole, and the sender splits it to find the bad rows; a lost connection
 * or a serialization failure is retried. Every operation is idempotent. Into a table that was empty
 * when the sync began, inserts and upserts are loaded directly, without the staging table, until
 * a key collides.
 */
public final class TableDestination implements Destination {

  /**
   * @param keyFields the table's primary key: destination fields the mapping fills from the
   *     model's key
   * @param createTable create the table (typed from the first batch) when it does not exist
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
  }

  private final Settings settings;
  private final TableSql sql;
  private final StageLoader loader;
  private Connection connection;
  private List<String> tableColumns;
  /**
   * The table was empty when this destination first looked: inserts and upserts load straight
   * into it (no staging, no merge), as long as no key collides. The first sync of a big audience
   * into a new table is the common case and costs what a plain COPY costs.
   */
  private boolean bulkLoading;

  private static final String UNIQUE_VIOLATION = "23505";

  public TableDestination(Settings settings, TableSql sql, StageLoader loader) {
    this.settings = settings;
    this.sql = sql;
    this.loader = loader;
  }

  public static TableDestination postgres(Settings settings) {
    return new TableDestination(settings, new PostgresSql(), new PostgresCopyLoader());
  }

  public static TableDestination snowflake(Settings settings) {
    return new TableDestination(settings, new SnowflakeSql(), StageLoader.BATCH_INSERT);
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
  public List<RecordResult> push(Operation operation, List<SyncRecord> records) {
    List<SyncRecord> batch = records.stream().map(this::withKeyFields).toList();
    try {
      Connection c = connection(batch);
      List<String> columns = operation == Operation.DELETE ? settings.keyFields() : columns(batch);
      List<String> unknown = columns.stream().filter(col -> !tableColumns.contains(col)).toList();
      if (!unknown.isEmpty()) {
        return Collections.nCopies(batch.size(), new RecordResult.Rejected("table " + settings.table()
            + " has no column " + unknown, false));
      }
      if (bulkLoading && (operation == Operation.INSERT || operation == Operation.UPSERT)) {
        try {
          loader.load(c, TableSql.qualified(settings.table()), columns, batch);
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
      try (Statement statement = c.createStatement()) {
        loader.load(c, TableSql.STAGE, columns, batch);
        statement.executeUpdate(switch (operation) {
          case DELETE -> sql.delete(settings.table(), settings.keyFields());
          case INSERT -> sql.apply(settings.table(), columns, settings.keyFields(), TableSql.Mode.INSERT,
              settings.nullOverwrites());
          case UPDATE -> sql.apply(settings.table(), columns, settings.keyFields(), TableSql.Mode.UPDATE,
              settings.nullOverwrites());
          case UPSERT -> sql.apply(settings.table(), columns, settings.keyFields(), TableSql.Mode.UPSERT,
              settings.nullOverwrites());
          default -> throw new IllegalArgumentException("A table does not support " + operation);
        });
        statement.execute(sql.clearStage());
        c.commit();
      }
      return Collections.nCopies(batch.size(), new RecordResult.Ok());
    } catch (SQLException e) {
      rollback();
      return Collections.nCopies(batch.size(), classify(e));
    }
  }

  /**
   * The record with its key fields filled from the sync key when the mapping left them out: a
   * delete carries only the key, and {@code key_fields} name the model's primary key columns in
   * order.
   */
  private SyncRecord withKeyFields(SyncRecord record) {
    List<String> keys = settings.keyFields();
    if (record.fields().keySet().containsAll(keys)) {
      return record;
    }
    String[] parts = record.key().split(String.valueOf(RecordMapper.KEY_SEPARATOR), -1);
    if (parts.length != keys.size()) {
      throw new IllegalArgumentException("table " + settings.table() + ": key_fields " + keys + " do not match the key "
          + "of record " + record.key().replace(RecordMapper.KEY_SEPARATOR, '|'));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      fields.put(keys.get(i), parts[i]);
    }
    fields.putAll(record.fields());
    return new SyncRecord(record.key(), fields, record.hash(), record.idempotencyKey());
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

  private Connection connection(List<SyncRecord> batch) throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
      tableColumns = null;
    }
    connection.setAutoCommit(false);
    if (tableColumns == null) {
      tableColumns = existingColumns(connection);
      if (tableColumns.isEmpty()) {
        if (!settings.createTable()) {
          throw new SQLException("table " + settings.table() + " does not exist (set create_table to create it)",
              "42P01");
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute(sql.createTable(settings.table(), kinds(batch), settings.keyFields()));
        }
        connection.commit();
        tableColumns = existingColumns(connection);
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql.createStage(settings.table()));
        try (ResultSet any = statement.executeQuery("SELECT 1 FROM " + TableSql.qualified(settings.table()) + " LIMIT 1")) {
          bulkLoading = !any.next();
        }
      }
      connection.commit();
    }
    return connection;
  }

  private List<String> existingColumns(Connection c) throws SQLException {
    String[] parts = settings.table().split("\\.", 2);
    String schema = parts.length == 2 ? parts[0] : null;
    String table = parts.length == 2 ? parts[1] : parts[0];
    List<String> columns = new ArrayList<>();
    DatabaseMetaData meta = c.getMetaData();
    for (String name : List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rs = meta.getColumns(null, schema, name, null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME"));
        }
      }
      if (!columns.isEmpty()) {
        break;
      }
    }
    return columns;
  }

  /** Column types from the values of the first batch. */
  private Map<String, TableSql.ColumnKind> kinds(List<SyncRecord> batch) {
    Map<String, TableSql.ColumnKind> kinds = new LinkedHashMap<>();
    for (String column : columns(batch)) {
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
