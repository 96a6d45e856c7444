package io.roundtrip.warehouse.delta;

import io.delta.storage.CloseableIterator;
import io.delta.storage.LogStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Delta's log store for {@code file:} paths, through {@code java.nio} instead of Hadoop's local
 * file system.
 *
 * <p>Hadoop's {@code RawLocalFileSystem}, without its native library (the usual case), forks a
 * {@code chmod} for every file it creates and a {@code readlink} for every rename; that made a
 * metadata-only commit cost 15 to 30 ms, most of a load's per-table cost. Here a commit file is
 * written under a temporary name and published with a hard link, which the kernel creates
 * atomically and refuses when the name exists: the put-if-absent Delta needs, also across
 * processes. Used by both Delta Lake for Spark and Delta Kernel ({@link DeltaSettings}).
 */
public final class LocalFileLogStore extends LogStore {

  public LocalFileLogStore(Configuration initHadoopConf) {
    super(initHadoopConf);
  }

  @Override
  public CloseableIterator<String> read(Path path, Configuration hadoopConf) throws IOException {
    try {
      return new Lines(Files.newBufferedReader(file(path).toPath(), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      // Delta tells "absent" (no _last_checkpoint yet) from "unreadable" by this exception type
      throw new java.io.FileNotFoundException(path.toString());
    }
  }

  @Override
  public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration hadoopConf)
      throws IOException {
    java.nio.file.Path target = file(path).toPath();
    if (!Files.isDirectory(target.getParent())) {
      throw new java.io.FileNotFoundException("No such file or directory: " + target.getParent());
    }
    java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        while (actions.hasNext()) {
          out.write(actions.next());
          out.write('\n');
        }
      }
      if (overwrite) {
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } else {
        try {
          Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
          throw new FileAlreadyExistsException(path.toString());
        }
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Iterator<FileStatus> listFrom(Path path, Configuration hadoopConf) throws IOException {
    File dir = file(path).getParentFile();
    String from = path.getName();
    List<FileStatus> found = new ArrayList<>();
    try (Stream<java.nio.file.Path> children = Files.list(dir.toPath())) {
      children.filter(p -> p.getFileName().toString().compareTo(from) >= 0).sorted().forEach(p -> {
        File f = p.toFile();
        found.add(new FileStatus(f.length(), f.isDirectory(), 1, 0, f.lastModified(),
            new Path(path.getParent(), f.getName())));
      });
    } catch (NoSuchFileException e) {
      throw new java.io.FileNotFoundException("No such file or directory: " + dir);
    }
    return found.iterator();
  }

  @Override
  public Path resolvePathOnPhysicalStorage(Path path, Configuration hadoopConf) throws IOException {
    return path.getFileSystem(hadoopConf).makeQualified(path);
  }

  @Override
  public Boolean isPartialWriteVisible(Path path, Configuration hadoopConf) {
    return false;
  }

  private static File file(Path path) {
    return new File(path.toUri().getPath());
  }

  private static final class Lines implements CloseableIterator<String> {
    private final BufferedReader reader;
    private String next;
    private boolean read;

    Lines(BufferedReader reader) {
      this.reader = reader;
    }

    @Override
    public boolean hasNext() {
      if (!read) {
        try {
          next = reader.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        read = true;
      }
      return next != null;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      read = false;
      return next;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
