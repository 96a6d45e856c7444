package io.roundtrip.reverseetl.sync;

import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.Staging;
import io.roundtrip.reverseetl.state.SyncState;
import io.roundtrip.warehouse.Warehouse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Sends a big run to a destination that stages ({@link Staging}, a database table) from where the
 * rows are: each Spark partition writes its records into the stage on a connection of its own
 * (a {@code COPY} per partition, in parallel), then one statement applies the stage. What the
 * state records is exactly what that statement committed. This is what lets a first sync of a
 * million rows run at the speed of {@code COPY}, and what scales on a cluster: the driver sees
 * only each row's key and fingerprint, never the rows.
 *
 * <p>Each partition sends back its keys and fingerprints. Before the apply, they are checked: a
 * null or repeated key (a first run's plan did not look) drops the stage and fails the run with
 * nothing applied. If staging itself fails (a lost connection, a value the table refuses), the
 * stage is dropped and the caller sends through batches instead, which retry and isolate the bad
 * records one by one.
 */
final class StagedSend {

  /** Below this many rows a run goes batch by batch: a Spark job and a stage cost more than they save. */
  static final long AT_LEAST = 50_000;

  private final SparkSession spark;
  private final Warehouse warehouse;

  StagedSend(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /** The destination's staging, when a run of this sync and this size would use it. */
  static Optional<Staging> staging(SyncDefinition definition, ModeOperations operations, Destination destination) {
    Operation operation = operations.added();
    boolean stageable = operation == Operation.INSERT || operation == Operation.UPSERT || operation == Operation.UPDATE;
    // flatten makes a record's fields depend on its values: a stage needs them known beforehand
    return stageable && definition.mapper().fixedFields() ? destination.staging() : Optional.empty();
  }

  /**
   * Stages and applies the plan's rows. Returns false when it did not (staging failed and the
   * stage was dropped): the caller then sends them batch by batch.
   *
   * @throws SyncValidationException for a null or repeated key (nothing was applied)
   */
  boolean send(SyncPlan plan, Staging staging, Delivery delivery, Consumer<String> decisions) {
    SyncDefinition definition = plan.definition();
    ModelRows model = new ModelRows(spark, warehouse, definition, plan.modelVersion());
    Operation operation = plan.operations().added();
    List<String> fields = model.mapper().fieldNames();
    long started = System.nanoTime();
    Map<String, SyncState.Entry> entries = new HashMap<>();
    Set<String> repeated = new TreeSet<>();
    long nulls = 0;
    Set<String> missing;
    try (Staging.Stage stage = staging.open("roundtrip_stage_" + definition.name(), operation, fields,
        () -> model.sample(1_000))) {
      Dataset<Row> rows = model.rowsToStage(plan.rowsToSend());
      List<byte[]> parts;
      try {
        parts = rows.mapPartitions(writeInto(stage.writers(), model.rowRecords(), fields), Encoders.BINARY())
            .collectAsList();
      } catch (Exception e) { // Spark's own exceptions are checked, and thrown all the same
        decisions.accept("staging the rows in parallel failed (" + rootMessage(e)
            + "); sending them in batches instead");
        return false;
      }
      for (byte[] part : parts) {
        nulls += read(part, delivery, operation, entries, repeated);
      }
      if (nulls > 0 || !repeated.isEmpty()) {
        throw SyncPlanner.invalidKeys(definition, model, nulls, repeated);
      }
      long staged = System.nanoTime();
      try {
        missing = stage.apply();
      } catch (RuntimeException e) {
        decisions.accept("applying the staged rows failed (" + rootMessage(e) + "); sending them in batches instead");
        return false;
      }
      decisions.accept(String.format("staged %d rows from %d partitions in parallel in %.1f s, applied them with one "
          + "statement in %.1f s", entries.size(), parts.size(), (staged - started) / 1e9,
          (System.nanoTime() - staged) / 1e9));
    }
    delivery.applied(operation, entries, missing, 1);
    return true;
  }

  /**
   * What each partition runs: its records into the stage, and back one byte array with the
   * number of rows without a key, then each row's key and fingerprint. Static, so the function
   * carries only what it is given.
   */
  private static MapPartitionsFunction<Row, byte[]> writeInto(Staging.Writers writers, RowRecords rowRecords,
      List<String> fields) {
    return rows -> {
      RowRecords.Positional values = rowRecords.positional(fields);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
      DataOutputStream out = new DataOutputStream(bytes);
      int nulls = 0;
      ByteArrayOutputStream keys = new ByteArrayOutputStream(1 << 16);
      DataOutputStream keyOut = new DataOutputStream(keys);
      int count = 0;
      try (Staging.Writer writer = writers.open()) {
        while (rows.hasNext()) {
          Row row = rows.next();
          String key = rowRecords.key(row);
          if (key == null) {
            nulls++;
            continue;
          }
          writer.write(key, values.values(row));
          keyOut.writeUTF(key);
          keyOut.writeLong(rowRecords.fingerprint(row));
          count++;
        }
        writer.commit();
      }
      out.writeInt(nulls);
      out.writeInt(count);
      keyOut.flush();
      keys.writeTo(out);
      out.flush();
      return List.of(bytes.toByteArray()).iterator();
    };
  }

  /**
   * Adds a partition's keys to {@code entries}, each with the state entry it gets once applied
   * (repeats to {@code repeated}); returns the partition's rows without a key.
   */
  private static int read(byte[] part, Delivery delivery, Operation operation, Map<String, SyncState.Entry> entries,
      Set<String> repeated) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(part))) {
      int nulls = in.readInt();
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String key = in.readUTF();
        if (entries.put(key, delivery.entryFor(operation, key, in.readLong())) != null) {
          repeated.add(key);
        }
      }
      return nulls;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
