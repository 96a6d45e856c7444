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
 * <p>State is a binary snapshot, {@code v<version>.state}, followed by the changes of the runs
 * since ({@code v<version>.changes}, each what one run changed, see {@link StateChanges}): a run
 * that sends 1% of a million-row audience writes 1% of the state. A snapshot is written again when
 * the changes since the last one are many (see {@link #commit(String, SyncState, StateChanges)}).
 * Every file is written to a temporary name and renamed, so a reader sees the previous version or
 * the new one, never half of one. A million keys take a fraction of a second to read or write,
 * where a table would take seconds per run.
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
  /** Change files after a snapshot before the next snapshot... */
  private static final int CHANGES_UP_TO = 10;
  /** ... or changes amounting to this share of the snapshot's entries. */
  private static final double CHANGED_SHARE_UP_TO = 0.2;
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
      List<Path> files = stateFiles(fs, sync);
      if (files.isEmpty()) {
        return SyncState.empty();
      }
      SyncState state = readSnapshot(fs, files.get(0));
      for (Path changes : files.subList(1, files.size())) {
        state = readChanges(fs, changes, state);
      }
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the state of sync " + sync, e);
    }
  }

  private static SyncState readSnapshot(FileSystem fs, Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(fs.open(file), 1 << 16))) {
      int format = in.readInt();
      if (format != FORMAT && format != 1) {
        throw new IllegalStateException("Sync state " + file + " has format " + format + ", expected " + FORMAT);
      }
      long version = in.readLong();
      String modelVersion = in.readBoolean() ? in.readUTF() : null;
      int acknowledged = in.readInt();
      Map<String, SyncState.Entry> entries = new HashMap<>(Math.max(16, acknowledged * 4 / 3 + 1));
      for (int i = 0; i < acknowledged; i++) {
        String key = in.readUTF();
        entries.put(key, new SyncState.Entry(in.readLong(), in.readBoolean()));
      }
      Map<String, SyncState.Failure> failures = readFailures(in);
      Map<String, Long> skipped = new HashMap<>();
      int skippedCount = format >= 2 ? in.readInt() : 0;
      for (int i = 0; i < skippedCount; i++) {
        String key = in.readUTF();
        skipped.put(key, in.readLong());
      }
      return new SyncState(version, modelVersion, entries, skipped, failures);
    }
  }

  /** Applies a change file to the state it was written after (its predecessor's version). */
  private static SyncState readChanges(FileSystem fs, Path file, SyncState base) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(fs.open(file), 1 << 16))) {
      int format = in.readInt();
      if (format != FORMAT) {
        throw new IllegalStateException("Sync state changes " + file + " have format " + format + ", expected "
            + FORMAT);
      }
      long version = in.readLong();
      long after = in.readLong();
      if (after != base.version()) {
        throw new IllegalStateException("Sync state changes " + file + " follow version " + after + ", but the state "
            + "before them is version " + base.version() + "; delete the sync's state folder to start over");
      }
      String modelVersion = in.readBoolean() ? in.readUTF() : null;
      Map<String, SyncState.Entry> entries = base.acknowledged();
      int forgotten = in.readInt();
      for (int i = 0; i < forgotten; i++) {
        entries.remove(in.readUTF());
      }
      int acknowledged = in.readInt();
      for (int i = 0; i < acknowledged; i++) {
        String key = in.readUTF();
        entries.put(key, new SyncState.Entry(in.readLong(), in.readBoolean()));
      }
      Map<String, Long> skipped = base.skipped();
      int unskipped = in.readInt();
      for (int i = 0; i < unskipped; i++) {
        skipped.remove(in.readUTF());
      }
      int skips = in.readInt();
      for (int i = 0; i < skips; i++) {
        String key = in.readUTF();
        skipped.put(key, in.readLong());
      }
      return new SyncState(version, modelVersion, entries, skipped, readFailures(in));
    }
  }

  private static Map<String, SyncState.Failure> readFailures(DataInputStream in) throws IOException {
    int failed = in.readInt();
    Map<String, SyncState.Failure> failures = new HashMap<>();
    for (int i = 0; i < failed; i++) {
      String key = in.readUTF();
      failures.put(key, new SyncState.Failure(in.readLong(), in.readInt(), in.readUTF()));
    }
    return failures;
  }

  private static void writeFailures(DataOutputStream out, Map<String, SyncState.Failure> failures) throws IOException {
    out.writeInt(failures.size());
    for (Map.Entry<String, SyncState.Failure> failure : failures.entrySet()) {
      out.writeUTF(failure.getKey());
      out.writeLong(failure.getValue().hash());
      out.writeInt(failure.getValue().runs());
      out.writeUTF(failure.getValue().reason() == null ? "" : failure.getValue().reason());
    }
  }

  /**
   * Commits what a run changed in {@code base} (the state it loaded): as a change file, or, when
   * the changes since the last snapshot would be many, as a new snapshot of the whole state.
   */
  public void commit(String sync, SyncState base, StateChanges changes) {
    try {
      FileSystem fs = root.getFileSystem(conf);
      List<Path> files = stateFiles(fs, sync);
      long snapshotSize = files.isEmpty() ? 0 : base.acknowledged().size();
      if (files.isEmpty() || files.size() > CHANGES_UP_TO || base.version() != version(files.get(files.size() - 1))
          || changes.size() > CHANGED_SHARE_UP_TO * Math.max(1, snapshotSize)) {
        commit(sync, changes.applyTo(base));
        return;
      }
      Path folder = folder(sync);
      Path temporary = new Path(folder, "_v" + changes.version() + ".changes.tmp");
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fs.create(temporary, true), 1 << 16))) {
        out.writeInt(FORMAT);
        out.writeLong(changes.version());
        out.writeLong(base.version());
        out.writeBoolean(changes.modelVersion() != null);
        if (changes.modelVersion() != null) {
          out.writeUTF(changes.modelVersion());
        }
        out.writeInt(changes.forgotten().size());
        for (String key : changes.forgotten()) {
          out.writeUTF(key);
        }
        out.writeInt(changes.acknowledged().size());
        for (Map.Entry<String, SyncState.Entry> entry : changes.acknowledged().entrySet()) {
          out.writeUTF(entry.getKey());
          out.writeLong(entry.getValue().hash());
          out.writeBoolean(entry.getValue().created());
        }
        out.writeInt(changes.unskipped().size());
        for (String key : changes.unskipped()) {
          out.writeUTF(key);
        }
        out.writeInt(changes.skipped().size());
        for (Map.Entry<String, Long> skipped : changes.skipped().entrySet()) {
          out.writeUTF(skipped.getKey());
          out.writeLong(skipped.getValue());
        }
        writeFailures(out, changes.failures());
      }
      Path target = new Path(folder, String.format("v%012d.changes", changes.version()));
      if (!fs.rename(temporary, target)) {
        throw new IOException("could not rename " + temporary + " to " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the state of sync " + sync, e);
    }
  }

  /** Writes a snapshot of the whole state as the next version and removes what came before it. */
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
        writeFailures(out, state.failures());
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
        if ((name.endsWith(".state") || name.endsWith(".changes")) && !name.equals(target.getName())) {
          fs.delete(status.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the state of sync " + sync, e);
    }
  }

  /** The latest snapshot, then the change files after it, in version order; empty when there is no state. */
  private List<Path> stateFiles(FileSystem fs, String sync) throws IOException {
    Path folder = folder(sync);
    List<Path> files = new ArrayList<>();
    if (!fs.exists(folder)) {
      return files;
    }
    Path snapshot = null;
    List<Path> changes = new ArrayList<>();
    for (FileStatus status : fs.listStatus(folder)) {
      String name = status.getPath().getName();
      if (name.matches("v\\d{12}\\.state") && (snapshot == null || name.compareTo(snapshot.getName()) > 0)) {
        snapshot = status.getPath();
      } else if (name.matches("v\\d{12}\\.changes")) {
        changes.add(status.getPath());
      }
    }
    if (snapshot == null) {
      return files;
    }
    long from = version(snapshot);
    files.add(snapshot);
    changes.stream().filter(p -> version(p) > from).sorted((a, b) -> Long.compare(version(a), version(b)))
        .forEach(files::add);
    return files;
  }

  private static long version(Path file) {
    return Long.parseLong(file.getName().substring(1, 13));
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
