package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.StagedWriters;
import io.roundtrip.warehouse.TableId;
import java.time.Instant;
import org.apache.spark.sql.types.StructType;

/**
 * Opens staged writers in tasks: each writer stages its rows in a staging table of its own, whose
 * name is the {@link io.roundtrip.warehouse.StagedFile}'s location. A retried task writes new
 * staging tables, and only the ones whose writers finished reach the commit.
 */
final class JdbcStagedWriters implements StagedWriters {

  private final Connector connector;
  private final SqlDialect.Staging staging;
  /** Per task (each task deserialises its own copy of this object). */
  private transient TaskConnection connection;

  JdbcStagedWriters(Connector connector, SqlDialect.Staging staging) {
    this.connector = connector;
    this.staging = staging;
  }

  @Override
  public StagedWriter open(TableId table, StructType schema, int task) {
    String stage = StageNames.next(Instant.now());
    if (staging == SqlDialect.Staging.BATCH_INSERT) {
      return new InsertStagedWriter(table, schema, stage, connector);
    }
    if (connection == null) {
      connection = new TaskConnection(connector);
    }
    return new CopyStagedWriter(table, schema, stage, connection, connector.dialect());
  }
}
