package io.roundtrip.warehouse.testing;

import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.StagedWriters;
import io.roundtrip.warehouse.TableId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Staged appends that hand every call to real ones: tests override the call they want to fail or watch. */
public class ForwardingStagedAppends implements StagedAppends {

  protected final StagedAppends real;

  public ForwardingStagedAppends(StagedAppends real) {
    this.real = real;
  }

  @Override
  public StagedWriters writers(String stageId) {
    return real.writers(stageId);
  }

  @Override
  public CommitOutcome commit(TableId table, StructType schema, List<StagedFile> files, CommitStamp stamp) {
    return real.commit(table, schema, files, stamp);
  }

  @Override
  public Dataset<Row> read(List<StagedFile> files, StructType schema) {
    return real.read(files, schema);
  }

  @Override
  public void discard(List<StagedFile> files) {
    real.discard(files);
  }

  @Override
  public void release(List<StagedFile> committed) {
    real.release(committed);
  }
}
