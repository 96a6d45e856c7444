package io.roundtrip.reverseetl.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Sync state and intents, one folder per sync under {@code <warehouse>/_roundtrip/sync_state}.
 *
 * <p>State is a binary snapshot, {@code v<version>.state}: written to a temporary name and
 * renamed, so a reader sees the previous version or the new one, never half of one. A million
 * keys take a fraction of a second to read or write, where a table would take seconds per run.
 *
 * <p>A run holds the sync's lock ({@code run.lock}, see {@link SyncLock}) from planning to
 * commit, so two runs never send the same records.
 *
 * <p>Intents ({@code intents-*.jsonl}) are written before a run sends records through an
 * operation that is not idempotent, and removed when the run commits its state. If a run dies in between,
 * the next one finds them and asks the destination which were applied before sending anything.
 */
public final class StateStore {

  /** 2 added the skipped keys; a format 1 file reads as having none. */
  private static final int FORMAT = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final Configuration conf;

  public StateStore(String root, Configuration conf) {
    this.root = new Path(root);
    this.conf = conf;
  }

  private Path folder(String sync) {
    return new Path(root, sync);
  }

  public SyncState load(String sync) {
    try {
      FileSystem fs = root.getFileSystem(conf);
      Path latest = latest(fs, sync);
      if (latest == null) {
        return SyncState.empty();
      }
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(fs.open(latest), 1 << 16))) {
        int format = in.readInt();
        if (format != FORMAT && format != 1) {
          throw new IllegalStateException("Sync state " + latest + " has format " + format + ", expected " + FORMAT);
        }
        long version = in.readLong();
        String modelVersion = in.readBoolean() ? in.readUTF() : null;
        int acknowledged = in.readInt();
        Map<String, SyncState.Entry> entries = new HashMap<>(Math.max(16, acknowledged * 4 / 3 + 1));
        for (int i = 0; i < acknowledged; i++) {
          String key = in.readUTF();
          entries.put(key, new SyncState.Entry(in.readLong(), in.readBoolean()));
        }
        int failed = in.readInt();
        Map<String, SyncState.Failure> failures = new HashMap<>();
        for (int i = 0; i < failed; i++) {
          String key = in.readUTF();
          failures.put(key, new SyncState.Failure(in.readLong(), in.readInt(), in.readUTF()));
        }
        Map<String, Long> skipped = new HashMap<>();
        int skippedCount = format >= 2 ? in.readInt() : 0;
        for (int i = 0; i < skippedCount; i++) {
          String key = in.readUTF();
          skipped.put(key, in.readLong());
        }
        return new SyncState(version, modelVersion, entries, skipped, failures);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the state of sync " + sync, e);
    }
  }

  /** Writes the next version and removes older ones; one commit per run. */
  public void commit(String sync, SyncState state) {
    try {
      FileSystem fs = root.getFileSystem(conf);
      Path folder = folder(sync);
      fs.mkdirs(folder);
      Path temporary = new Path(folder, "_v" + state.version() + ".state.tmp");
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fs.create(temporary, true), 1 << 16))) {
        out.writeInt(FORMAT);
        out.writeLong(state.version());
        out.writeBoolean(state.modelVersion() != null);
        if (state.modelVersion() != null) {
          out.writeUTF(state.modelVersion());
        }
        out.writeInt(state.acknowledged().size());
        for (Map.Entry<String, SyncState.Entry> entry : state.acknowledged().entrySet()) {
          out.writeUTF(entry.getKey());
          out.writeLong(entry.getValue().hash());
          out.writeBoolean(entry.getValue().created());
        }
        out.writeInt(state.failures().size());
        for (Map.Entry<String, SyncState.Failure> failure : state.failures().entrySet()) {
          out.writeUTF(failure.getKey());
          out.writeLong(failure.getValue().hash());
          out.writeInt(failure.getValue().runs());
          out.writeUTF(failure.getValue().reason() == null ? "" : failure.getValue().reason());
        }
        out.writeInt(state.skipped().size());
        for (Map.Entry<String, Long> skipped : state.skipped().entrySet()) {
          out.writeUTF(skipped.getKey());
          out.writeLong(skipped.getValue());
        }
      }
      Path target = new Path(folder, String.format("v%012d.state", state.version()));
      if (!fs.rename(temporary, target)) {
        throw new IOException("could not rename " + temporary + " to " + target);
      }
      for (FileStatus status : fs.listStatus(folder)) {
        String name = status.getPath().getName();
        // Compare names: listStatus returns qualified paths, so equals(target) would never match.
        if (name.endsWith(".state") && !name.equals(target.getName())) {
          fs.delete(status.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the state of sync " + sync, e);
    }
  }

  private Path latest(FileSystem fs, String sync) throws IOException {
    Path folder = folder(sync);
    if (!fs.exists(folder)) {
      return null;
    }
    Path latest = null;
    for (FileStatus status : fs.listStatus(folder)) {
      String name = status.getPath().getName();
      if (name.matches("v\\d{12}\\.state") && (latest == null || name.compareTo(latest.getName()) > 0)) {
        latest = status.getPath();
      }
    }
    return latest;
  }

  /**
   * Takes the sync's run lock: hold it from planning to the end of the run (see {@link SyncLock}).
   *
   * @throws SyncLockedException when another run holds it
   */
  public SyncLock lock(String sync) {
    try {
      return SyncLock.acquire(root.getFileSystem(conf), folder(sync), sync);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock sync " + sync, e);
    }
  }

  /** A record about to be sent through a non-idempotent operation. */
  public record Intent(String runId, Operation operation, SyncRecord record) {}

  /**
   * Writes intents as a file of their own ({@code intents-<part>.jsonl}): a run writes one per
   * chunk before sending it, so a file is complete or absent (temporary name, then rename), on
   * any file system.
   */
  public void writeIntents(String sync, String part, List<Intent> intents) {
    try {
      FileSystem fs = root.getFileSystem(conf);
      fs.mkdirs(folder(sync));
      Path temporary = new Path(folder(sync), "_intents-" + part + ".jsonl.tmp");
      try (Writer out = new OutputStreamWriter(fs.create(temporary, true), StandardCharsets.UTF_8)) {
        for (Intent intent : intents) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("run", intent.runId());
          line.put("operation", intent.operation().name());
          line.put("key", intent.record().key());
          line.put("hash", intent.record().hash());
          line.put("idempotency_key", intent.record().idempotencyKey());
          line.put("fields", intent.record().fields());
          out.write(JSON.writeValueAsString(line));
          out.write('\n');
        }
      }
      Path target = new Path(folder(sync), "intents-" + part + ".jsonl");
      if (!fs.rename(temporary, target)) {
        throw new IOException("could not rename " + temporary + " to " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the intents of sync " + sync, e);
    }
  }

  /** Intents a run wrote and did not clear: it stopped before committing its state. */
  @SuppressWarnings("unchecked")
  public List<Intent> pendingIntents(String sync) {
    try {
      FileSystem fs = root.getFileSystem(conf);
      List<Intent> intents = new ArrayList<>();
      for (Path file : intentFiles(fs, sync)) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            Map<String, Object> value = JSON.readValue(line, LinkedHashMap.class);
            SyncRecord record = new SyncRecord((String) value.get("key"), (Map<String, Object>) value.get("fields"),
                ((Number) value.get("hash")).longValue(), (String) value.get("idempotency_key"));
            intents.add(new Intent((String) value.get("run"), Operation.valueOf((String) value.get("operation")),
                record));
          }
        }
      }
      return intents;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the intents of sync " + sync, e);
    }
  }

  public void clearIntents(String sync) {
    try {
      FileSystem fs = root.getFileSystem(conf);
      for (Path file : intentFiles(fs, sync)) {
        fs.delete(file, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear the intents of sync " + sync, e);
    }
  }

  private List<Path> intentFiles(FileSystem fs, String sync) throws IOException {
    List<Path> files = new ArrayList<>();
    if (!fs.exists(folder(sync))) {
      return files;
    }
    for (FileStatus status : fs.listStatus(folder(sync))) {
      String name = status.getPath().getName();
      if (name.startsWith("intents-") && name.endsWith(".jsonl")) {
        files.add(status.getPath());
      }
    }
    files.sort(null);
    return files;
  }
}
