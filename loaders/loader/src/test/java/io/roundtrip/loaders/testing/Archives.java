package io.roundtrip.loaders.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Small hand-written archives for tests. */
public final class Archives {

  private Archives() {}

  /** Writes the lines as one NDJSON file (gzipped when the name ends in .gz) and returns its path. */
  public static Path write(Path dir, String name, List<String> lines) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      try (OutputStream raw = Files.newOutputStream(file);
          OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
