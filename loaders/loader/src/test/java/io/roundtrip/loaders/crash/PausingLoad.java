package io.roundtrip.loaders.crash;

import io.roundtrip.loaders.load.LoadJob;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadRequest;
import io.roundtrip.warehouse.MergeCounts;
import io.roundtrip.warehouse.MergeSpec;
import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WriteMode;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import io.roundtrip.warehouse.testing.ForwardingStagedAppends;
import io.roundtrip.warehouse.testing.ForwardingWarehouse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A load run as its own process, which {@link KillTest} kills with SIGKILL at a chosen point. The
 * point is reached, announced on stdout with {@link #MARK}, and the process carries on (or waits),
 * so the kill lands while the load is busy there:
 *
 * <ul>
 *   <li>{@code parse}: the first progress report of the parse, 10 ms in (files still being read);
 *   <li>{@code commits}: after three tables committed, before the next;
 *   <li>{@code merge}: while {@code users} is being merged (the merge runs on).
 * </ul>
 *
 * <p>Arguments: warehouse folder, input folder, point.
 */
public final class PausingLoad {

  static final String MARK = "REACHED ";

  public static void main(String[] args) throws Exception {
    String point = args[2];
    Warehouse real = DeltaWarehouses.at(SharedSpark.session(), args[0]);
    Warehouse warehouse = new Pausing(real, point);
    LoadJob job = new LoadJob(SharedSpark.session(), warehouse, new NameRules(Dialect.DELTA));
    LoadProgress progress = new LoadProgress() {
      @Override
      public void parsed(long filesDone, long filesTotal, long events) {
        if (point.equals("parse") && filesDone < filesTotal) {
          reached("parse " + filesDone + "/" + filesTotal);
          hold();
        }
      }

      @Override
      public Duration parseReportInterval() {
        return Duration.ofMillis(10); // the parse of a test day can take less than the usual second
      }
    };
    job.run(job.plan(LoadRequest.of("web", args[1])), progress);
    System.out.println("FINISHED");
    System.exit(0);
  }

  private static void reached(String what) {
    System.out.println(MARK + what);
    System.out.flush();
  }

  /** Waits for the kill; the load's own threads go on meanwhile. */
  private static void hold() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Pausing extends ForwardingWarehouse {
    private final String point;
    private final AtomicInteger commits = new AtomicInteger();

    Pausing(Warehouse real, String point) {
      super(real);
      this.point = point;
    }

    @Override
    public MergeCounts merge(TableId table, Dataset<Row> rows, MergeSpec spec) {
      if (point.equals("merge") && table.name().equals("users")) {
        busyWith("merge of users", () -> real.merge(table, rows, spec));
      }
      return real.merge(table, rows, spec);
    }

    @Override
    public long write(TableId table, Dataset<Row> rows, WriteMode mode) {
      if (point.equals("merge") && table.name().equals("users")) {
        busyWith("creation of users", () -> real.write(table, rows, mode));
      }
      return real.write(table, rows, mode);
    }

    /** Starts the real work, says so, and waits: the kill comes while the work runs. */
    private void busyWith(String what, Runnable work) {
      Thread worker = new Thread(work, "paused-" + what);
      worker.start();
      reached(what);
      hold();
    }

    @Override
    public <T> Optional<T> ability(Class<T> ability) {
      if (ability != StagedAppends.class || !point.equals("commits")) {
        return super.ability(ability);
      }
      return Optional.of(ability.cast(new ForwardingStagedAppends(real.ability(StagedAppends.class).orElseThrow()) {
        @Override
        public CommitOutcome commit(TableId table, StructType schema, List<StagedFile> files, CommitStamp stamp) {
          synchronized (commits) {
            if (commits.get() == 3) {
              reached("commits: 3 tables committed, " + table + " next");
              hold();
            }
            CommitOutcome outcome = super.commit(table, schema, files, stamp);
            commits.incrementAndGet();
            return outcome;
          }
        }
      }));
    }
  }
}
