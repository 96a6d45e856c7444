package io.roundtrip.reverseetl.testing;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.reverseetl.delivery.BackoffPolicy;
import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.history.SyncHistory;
import io.roundtrip.reverseetl.mapping.FieldMapping;
import io.roundtrip.reverseetl.mapping.RecordMapper;
import io.roundtrip.reverseetl.secrets.Redactor;
import io.roundtrip.reverseetl.state.StateStore;
import io.roundtrip.reverseetl.sync.SyncDefinition;
import io.roundtrip.reverseetl.sync.SyncJob;
import io.roundtrip.reverseetl.sync.SyncMode;
import io.roundtrip.reverseetl.sync.SyncPlan;
import io.roundtrip.reverseetl.report.SyncReport;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.WriteMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A warehouse with a model table of customers (id, email, name, clv), and a sync job over it. */
public final class SyncFixture {

  public static final TableId MODEL = new TableId("shop_models", "vip");
  static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType).add("email", DataTypes.StringType)
      .add("name", DataTypes.StringType).add("clv", DataTypes.DoubleType);

  public final WarehouseFixture warehouse;
  public final FakeClock clock = new FakeClock();
  private final Path root;

  public SyncFixture(Path root) {
    this.root = root;
    this.warehouse = new WarehouseFixture(root);
  }

  /** Replaces the model's rows: each {id, email, name, clv}. */
  public void model(Object[]... rows) {
    List<Row> data = new ArrayList<>();
    for (Object[] row : rows) {
      data.add(RowFactory.create(row));
    }
    warehouse.warehouse().write(MODEL, warehouse.spark().createDataFrame(data, SCHEMA), WriteMode.overwrite());
  }

  /** Replaces the model with the rows of a query over Spark's built-ins (e.g. {@code range(60000)}), {id, email, name, clv}. */
  public void modelFromSql(String select) {
    warehouse.warehouse().write(MODEL, warehouse.spark().sql(select), WriteMode.overwrite());
  }

  /** Runs SQL on the model table, written {@code MODEL} in the statement (UPDATE MODEL SET ...). */
  public void onModel(String statement) {
    String table = "delta.`" + root.resolve("warehouse").resolve(MODEL.namespace()).resolve(MODEL.name()) + "`";
    warehouse.spark().sql(statement.replace("MODEL", table));
  }

  public SyncDefinition definition(String name, SyncMode mode, int batchSize) {
    Map<String, FieldMapping> fields = new LinkedHashMap<>();
    fields.put("email", new FieldMapping.Column("email"));
    fields.put("name", new FieldMapping.Column("name"));
    fields.put("clv", new FieldMapping.Column("clv"));
    return definition(name, mode, batchSize, new RecordMapper(name, List.of("id"), fields, false));
  }

  /** A sync of the model with this mapping (its key columns included). */
  public SyncDefinition definition(String name, SyncMode mode, int batchSize, RecordMapper mapper) {
    return new SyncDefinition(name, MODEL.toString(), mode, mapper,
        new BatchSender.Options(batchSize, 0, new BackoffPolicy(java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(30), 4, java.time.Duration.ofMinutes(10))), 3, null, List.of());
  }

  public SyncJob job() {
    return new SyncJob(warehouse.spark(), warehouse.warehouse(),
        new StateStore(root.resolve("warehouse/_roundtrip/sync_state").toString(),
            warehouse.spark().sparkContext().hadoopConfiguration()),
        new SyncHistory(warehouse.spark(), warehouse.warehouse(), Redactor.of("s3cr3t-token")),
        clock, new Random(7));
  }

  public SyncReport sync(SyncDefinition definition, Destination destination) throws InterruptedException {
    SyncJob job = job();
    SyncPlan plan = job.plan(definition, destination, false);
    return job.run(plan, destination);
  }

  public static Object[] customer(String id, String name, double clv) {
    return new Object[] {id, id + "@example.com", name, clv};
  }
}
