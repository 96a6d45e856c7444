package io.roundtrip.app.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The benchmarks' {@code --work} option: a folder to keep their data in, or a temporary one deleted after. */
final class WorkFolder {

  @Option(names = "--work", paramLabel = "DIR",
      description = "Folder for the benchmark's inputs and outputs (default: a temporary folder, deleted after).")
  Path work;

  /** The folder to work in: the one given, or a new temporary one. */
  Path open(String benchmark) throws IOException {
    return work != null ? work : Files.createTempDirectory("roundtrip-bench-" + benchmark);
  }

  /** Deletes the folder if it was a temporary one. */
  void close(Path dir) throws IOException {
    if (work != null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
