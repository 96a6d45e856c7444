package io.roundtrip.reverseetl.destinations.table;

import io.roundtrip.reverseetl.destination.SyncRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Puts a batch into a table: the staging table, or the target itself when it started empty. */
public interface StageLoader {

  /** @param table the quoted, qualified name of the table to insert into */
  void load(Connection connection, String table, List<String> columns, List<SyncRecord> records) throws SQLException;

  /** Portable: one batched, parameterised INSERT (Snowflake, or any JDBC database). */
  StageLoader BATCH_INSERT = (connection, table, columns, records) -> {
    String sql = "INSERT INTO " + table + " (" + columns.stream().map(TableSql::quote)
        .collect(Collectors.joining(", ")) + ") VALUES (" + columns.stream().map(c -> "?")
        .collect(Collectors.joining(", ")) + ")";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (SyncRecord record : records) {
        for (int i = 0; i < columns.size(); i++) {
          Object value = record.fields().get(columns.get(i));
          insert.setObject(i + 1, value instanceof Instant instant ? Timestamp.from(instant)
              : value instanceof java.util.Map<?, ?> || value instanceof List<?> ? CsvRows.json(value) : value);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  };
}
