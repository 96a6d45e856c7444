package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.PendingSchemaChange;
import io.roundtrip.warehouse.TableId;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Additions and widenings of one table, committed as DDL: {@code CREATE TABLE} for a new table,
 * else {@code ALTER TABLE ... ADD COLUMN}, then the widening (in place by {@code ALTER COLUMN ...
 * TYPE} on PostgreSQL). The rules and messages are {@link PendingSchemaChange}'s, shared with Delta.
 */
final class JdbcSchemaChange extends PendingSchemaChange {

  /** Runs the DDL of a commit. */
  interface Ddl {
    void create(TableId table, StructType schema);

    void alter(TableId table, StructType current, List<StructField> added, StructType target, List<String> widened);
  }

  private final TableId table;
  private final Ddl ddl;

  JdbcSchemaChange(TableId table, StructType current, Ddl ddl) {
    super(current);
    this.table = table;
    this.ddl = ddl;
  }

  @Override
  public void commit() {
    if (current() == null) {
      ddl.create(table, apply());
    } else if (!isEmpty()) {
      ddl.alter(table, current(), added(), apply(), widened());
    }
  }
}
