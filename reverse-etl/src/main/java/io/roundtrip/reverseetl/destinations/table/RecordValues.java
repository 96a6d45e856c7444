package io.roundtrip.reverseetl.destinations.table;

import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.warehouse.jdbc.StageLoader;
import io.roundtrip.warehouse.jdbc.TableSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Records as the rows a {@link StageLoader} takes: their values in the order of the columns. */
final class RecordValues {

  private RecordValues() {}

  /** A record's values in the order of {@code columns} ({@link TableSql#KEY}: its sync key). */
  static Object[] values(List<String> columns, SyncRecord record) {
    Object[] values = new Object[columns.size()];
    Map<String, Object> fields = record.fields();
    for (int i = 0; i < values.length; i++) {
      String column = columns.get(i);
      values[i] = TableSql.KEY.equals(column) ? record.key() : fields.get(column);
    }
    return values;
  }

  /** Loads a batch of records in one go (the caller commits). */
  static void load(StageLoader loader, Connection connection, String table, List<String> columns,
      List<SyncRecord> records) throws SQLException {
    StageLoader.Sink sink = loader.open(connection, table, columns);
    try {
      for (SyncRecord record : records) {
        sink.write(values(columns, record));
      }
      sink.finish();
    } catch (SQLException | RuntimeException e) {
      sink.cancel(e);
      throw e;
    }
  }
}
