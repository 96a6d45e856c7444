package io.roundtrip.loaders.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Finding and reading archive files through Hadoop's file system API, so the same code reads a
 * local folder, HDFS or S3 ({@code s3a://}).
 *
 * <p>An archive is a file or a folder searched recursively for {@code .json}, {@code .ndjson} and
 * {@code .gz} files (Segment's S3 archive is gzipped NDJSON, one folder per day). Hidden files
 * ({@code .x}, {@code _x}) are skipped. Compression is detected from the content, not the name.
 */
public final class Archive {

  private Archive() {}

  /** The archive's files in path order, with their sizes; checksums are not computed here. */
  public static List<ArchiveFile> list(String input, Configuration conf) {
    try {
      Path root = new Path(input);
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        throw new IllegalArgumentException("Input not found: " + input);
      }
      List<ArchiveFile> files = new ArrayList<>();
      FileStatus status = fs.getFileStatus(root);
      if (status.isFile()) {
        files.add(new ArchiveFile(status.getPath().toString(), status.getLen(), null));
      } else {
        RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
          FileStatus file = it.next();
          if (isArchiveFile(file.getPath(), root)) {
            files.add(new ArchiveFile(file.getPath().toString(), file.getLen(), null));
          }
        }
      }
      files.sort(java.util.Comparator.comparing(ArchiveFile::path));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + input, e);
    }
  }

  private static boolean isArchiveFile(Path path, Path root) {
    for (Path p = path; p != null && !p.equals(root); p = p.getParent()) {
      if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
        return false;
      }
    }
    String name = path.getName().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".gz");
  }

  /** SHA-256 of the file's bytes, in hex: a file's identity in the load manifest. */
  public static String checksum(String path, Configuration conf) {
    try (InputStream in = open(path, conf)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file's text, decompressed if it is gzip. */
  /** The file's lines, gunzipped when its first bytes say gzip (whatever its name). */
  public static LineReader openLines(String path, Configuration conf) throws IOException {
    BufferedInputStream in = new BufferedInputStream(open(path, conf), 1 << 16);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return new LineReader(first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in);
  }

  private static InputStream open(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    return p.getFileSystem(conf).open(p);
  }
}
