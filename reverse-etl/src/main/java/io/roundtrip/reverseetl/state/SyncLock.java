package io.roundtrip.reverseetl.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run of a sync at a time. Two runs at once would both send what the state lacks, so a
 * destination that is not idempotent would get it twice, and the second commit would forget what
 * the first acknowledged.
 *
 * <p>The lock is a file created only if absent ({@code run.lock} in the sync's folder; atomic on
 * local and HDFS file systems), naming the run, host and process that hold it. A lock whose
 * process is gone from this host (a run that was killed) is taken over; one held from another
 * host is reported with the holder, for a person to judge.
 */
public final class SyncLock implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path file;

  private SyncLock(FileSystem fs, Path file) {
    this.fs = fs;
    this.file = file;
  }

  /** Takes the lock of the sync whose folder is {@code folder}, or fails naming who holds it. */
  static SyncLock acquire(FileSystem fs, Path folder, String sync) {
    Path file = new Path(folder, "run.lock");
    try {
      fs.mkdirs(folder);
      for (int attempt = 0; attempt < 2; attempt++) {
        try (OutputStream out = fs.create(file, false)) {
          out.write(JSON.writeValueAsBytes(holder()));
          return new SyncLock(fs, file);
        } catch (IOException e) {
          if (!fs.exists(file)) {
            throw e;
          }
          Map<?, ?> holder = read(fs, file);
          if (holder == null ? young(fs, file) : !abandoned(holder)) {
            throw new SyncLockedException("sync " + sync + " is already running"
                + (holder == null ? "" : ": run by " + holder.get("run_by") + " on " + holder.get("host")
                    + " (process " + holder.get("pid") + ") since " + holder.get("since"))
                + ". If that run is gone, delete " + file + " and run again.");
          }
          fs.delete(file, false); // left by a run that was killed
        }
      }
      throw new SyncLockedException("sync " + sync + ": could not take " + file + "; other runs keep taking it");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock sync " + sync, e);
    }
  }

  /** An unreadable lock file is being written by its taker, unless it has been so for a minute. */
  private static boolean young(FileSystem fs, Path file) throws IOException {
    return System.currentTimeMillis() - fs.getFileStatus(file).getModificationTime() < 60_000;
  }

  private static Map<String, Object> holder() throws IOException {
    Map<String, Object> holder = new LinkedHashMap<>();
    holder.put("run_by", System.getProperty("user.name"));
    holder.put("host", InetAddress.getLocalHost().getHostName());
    holder.put("pid", ProcessHandle.current().pid());
    holder.put("since", Instant.now().toString());
    return holder;
  }

  /** Null when the file is empty or unreadable: being written, or left by a crash while writing it. */
  private static Map<?, ?> read(FileSystem fs, Path file) {
    try (InputStream in = fs.open(file)) {
      return JSON.readValue(in, Map.class);
    } catch (IOException e) {
      return null;
    }
  }

  /** Held by a process of this host that no longer runs. */
  private static boolean abandoned(Map<?, ?> holder) throws IOException {
    if (!InetAddress.getLocalHost().getHostName().equals(holder.get("host"))
        || !(holder.get("pid") instanceof Number pid)) {
      return false;
    }
    return ProcessHandle.of(pid.longValue()).map(process -> !process.isAlive()).orElse(true);
  }

  @Override
  public void close() {
    try {
      fs.delete(file, false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release " + file, e);
    }
  }
}
