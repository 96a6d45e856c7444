package io.roundtrip.models;

import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;

/**
 * Where a model runs: the session, the warehouse, the source whose tables it reads, and the
 * namespace its tables go to ({@code <source>_models} unless configured otherwise).
 */
public record ModelContext(SparkSession spark, Warehouse warehouse, String source, String namespace) {

  public static String defaultNamespace(String source) {
    return source + "_models";
  }

  public TableId sourceTable(String table) {
    return new TableId(source, table);
  }

  public TableId modelTable(String table) {
    return new TableId(namespace, table);
  }

  public boolean exists(TableId table) {
    return warehouse.schema(table).isPresent();
  }
}
