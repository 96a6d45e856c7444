package io.roundtrip.warehouse.delta;

import io.delta.kernel.Operation;
import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.DataFileStatus;
import io.roundtrip.warehouse.StagedAppends.CommitOutcome;
import io.roundtrip.warehouse.StagedAppends.CommitStamp;
import io.roundtrip.warehouse.StagedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The Delta log through Delta Kernel: snapshots and metadata-only append commits in plain Java,
 * without the Spark jobs Delta Lake for Spark runs to rebuild a table's state. A load reads and
 * commits hundreds of tables; this is what makes each of them cost milliseconds.
 */
final class KernelTables {

  private static final String ENGINE_INFO = "Roundtrip";

  private final Engine engine;

  KernelTables(Configuration hadoopConf) {
    Configuration conf = new Configuration(hadoopConf);
    conf.set("io.delta.kernel.logStore.file.impl", LocalFileLogStore.class.getName());
    this.engine = DefaultEngine.create(conf);
  }

  /** The table's latest snapshot, or empty when there is no Delta table at the location. */
  Optional<Snapshot> latest(String location) {
    try {
      return Optional.of(Table.forPath(engine, location).getLatestSnapshot(engine));
    } catch (TableNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The paths of the snapshot's data files, when reading them as plain Parquet gives the table's
   * rows: no deletion vectors, column mapping or other reader feature, no partition columns. Empty
   * when the table needs Delta's own reader.
   */
  Optional<List<String>> plainFiles(Snapshot snapshot) {
    return plainFiles(snapshot, null);
  }

  /**
   * As {@link #plainFiles(Snapshot)}, leaving out the files whose statistics show they hold no row
   * matching {@code filter} (null: every file).
   */
  Optional<List<String>> plainFiles(Snapshot snapshot, Predicate filter) {
    Protocol protocol = ((SnapshotImpl) snapshot).getProtocol();
    if (protocol.getMinReaderVersion() > 1 || !snapshot.getPartitionColumnNames().isEmpty()) {
      return Optional.empty();
    }
    List<String> paths = new ArrayList<>();
    ScanBuilder builder = snapshot.getScanBuilder();
    if (filter != null) {
      builder = builder.withFilter(filter);
    }
    try (CloseableIterator<FilteredColumnarBatch> batches = builder.build().getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            Row file = rows.next();
            if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(file) != null) {
              return Optional.empty();
            }
            paths.add(InternalScanFileUtils.getAddFileStatus(file).getPath());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files of " + snapshot, e);
    }
    return Optional.of(paths);
  }

  /**
   * The snapshot's rows with only {@code columns}, read by Delta Kernel's own Parquet reader on
   * this thread: for small tables, where a Spark job would cost more than the reading.
   */
  List<org.apache.spark.sql.Row> scan(Snapshot snapshot, List<String> columns) {
    StructType schema = snapshot.getSchema();
    StructType read = new StructType();
    for (String column : columns) {
      read = read.add(schema.get(column));
    }
    Scan scan = snapshot.getScanBuilder().withReadSchema(read).build();
    Row state = scan.getScanState(engine);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(engine, state);
    List<org.apache.spark.sql.Row> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            Row file = fileRows.next();
            CloseableIterator<ColumnarBatch> data = engine.getParquetHandler().readParquetFiles(
                Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(file)), physical,
                Optional.empty());
            try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, state, file, data)) {
              while (logical.hasNext()) {
                try (CloseableIterator<Row> rows = logical.next().getRows()) {
                  while (rows.hasNext()) {
                    out.add(sparkRow(rows.next(), read));
                  }
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + snapshot, e);
    }
    return out;
  }

  private static org.apache.spark.sql.Row sparkRow(Row row, StructType schema) {
    Object[] values = new Object[schema.length()];
    for (int i = 0; i < values.length; i++) {
      if (row.isNullAt(i)) {
        continue;
      }
      DataType type = schema.at(i).getDataType();
      if (type instanceof StringType) {
        values[i] = row.getString(i);
      } else if (type instanceof LongType) {
        values[i] = row.getLong(i);
      } else if (type instanceof DoubleType) {
        values[i] = row.getDouble(i);
      } else if (type instanceof BooleanType) {
        values[i] = row.getBoolean(i);
      } else if (type instanceof TimestampType) {
        long micros = row.getLong(i);
        values[i] = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
      } else if (type instanceof IntegerType) {
        values[i] = (long) row.getInt(i);
      } else {
        throw new IllegalArgumentException("Driver scans read string, number, boolean and timestamp columns, not "
            + schema.at(i).getName() + " " + type);
      }
    }
    return org.apache.spark.sql.RowFactory.create(values);
  }

  /** The snapshot's schema in Spark's terms. */
  static org.apache.spark.sql.types.StructType sparkSchema(Snapshot snapshot) {
    return (org.apache.spark.sql.types.StructType) org.apache.spark.sql.types.DataType.fromJson(
        snapshot.getSchema().toJson());
  }

  /**
   * Appends the files in one commit stamped with {@code stamp}, creating the table with
   * {@code schema} when it does not exist; an existing table must have exactly that schema.
   */
  CommitOutcome append(String location, org.apache.spark.sql.types.StructType schema, List<StagedFile> files,
      CommitStamp stamp) {
    Optional<Snapshot> current = latest(location);
    Table table = Table.forPath(engine, location);
    TransactionBuilder builder = table.createTransactionBuilder(engine, ENGINE_INFO,
        current.isPresent() ? Operation.WRITE : Operation.CREATE_TABLE);
    if (current.isEmpty()) {
      builder = builder.withSchema(engine, KernelSchemas.toKernel(schema));
    } else if (!sparkSchema(current.get()).equals(schema)) {
      throw new IllegalStateException("Table " + location + " has schema " + sparkSchema(current.get()).simpleString()
          + ", not the " + schema.simpleString() + " its new files were written with; was it changed meanwhile?");
    }
    Transaction txn;
    try {
      txn = (stamp == null ? builder : builder.withTransactionId(engine, stamp.appId(), stamp.version())).build(engine);
    } catch (ConcurrentTransactionException e) {
      return new CommitOutcome(0, true); // this work's commit is in the log already
    }
    Row state = txn.getTransactionState(engine);
    List<DataFileStatus> statuses = new ArrayList<>(files.size());
    long rows = 0;
    for (StagedFile file : files) {
      statuses.add(new DataFileStatus(file.location(), file.bytes(), System.currentTimeMillis(),
          Optional.of(FileStatistics.decode(file.statistics(), schema))));
      rows += file.rows();
    }
    CloseableIterator<Row> actions = Transaction.generateAppendActions(engine, state,
        Utils.toCloseableIterator(statuses.iterator()), Transaction.getWriteContext(engine, state, Map.of()));
    TransactionCommitResult result = txn.commit(engine, CloseableIterable.inMemoryIterable(actions));
    for (PostCommitHook hook : result.getPostCommitHooks()) {
      try {
        hook.threadSafeInvoke(engine); // checkpoints every 10 versions keep the log quick to read
      } catch (IOException e) {
        throw new UncheckedIOException("Committed version " + result.getVersion() + " of " + location
            + " but its " + hook.getType() + " failed", e);
      }
    }
    return new CommitOutcome(rows, false);
  }
}
