package io.roundtrip.warehouse.testing;

import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.MergeSpec;
import io.roundtrip.warehouse.SchemaChange;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A warehouse that hands every call to a real one: tests extend it and override the one call they
 * want to fail or observe. Abilities are those of the real warehouse.
 */
public class ForwardingWarehouse implements Warehouse {

  protected final Warehouse real;

  public ForwardingWarehouse(Warehouse real) {
    this.real = real;
  }

  @Override
  public String type() {
    return real.type();
  }

  @Override
  public Optional<StructType> schema(TableId table) {
    return real.schema(table);
  }

  @Override
  public SchemaChange updateSchema(TableId table) {
    return real.updateSchema(table);
  }

  @Override
  public long write(TableId table, Dataset<Row> rows, WriteMode mode) {
    return real.write(table, rows, mode);
  }

  @Override
  public MergeCounts merge(TableId table, Dataset<Row> rows, MergeSpec spec) {
    return real.merge(table, rows, spec);
  }

  @Override
  public Dataset<Row> read(TableId table) {
    return real.read(table);
  }

  @Override
  public List<TableId> tables(String namespace) {
    return real.tables(namespace);
  }

  @Override
  public List<String> namespaces() {
    return real.namespaces();
  }

  @Override
  public <T> Optional<T> ability(Class<T> ability) {
    return real.ability(ability);
  }
}
