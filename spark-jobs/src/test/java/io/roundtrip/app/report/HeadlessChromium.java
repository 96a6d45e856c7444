package io.roundtrip.app.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, run headless on a file: its DOM after load, or a screenshot. Each run
 * gets a new profile folder, and none of the background services that would reach for the network
 * (on a closed network they make Chromium wait for refused connections).
 */
final class HeadlessChromium {

  private static final long TIMEOUT_SECONDS = 120;

  private final Path binary;
  private final Path work;

  /** @throws AssertionError when chromium is not installed: {@code .ci/run} installs it, so a test must not skip */
  HeadlessChromium(Path work) {
    this.binary = find().orElseThrow(() -> new AssertionError("chromium is not on the PATH: install Debian's "
        + "chromium package (apt-get install -y chromium), as .ci/run does"));
    this.work = work;
  }

  private static java.util.Optional<Path> find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return java.util.Optional.of(candidate);
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** The page's DOM, serialised after its load event (scripts have run). */
  String dumpDom(Path page, int width, int height) throws Exception {
    return run(page, width, height, "--dump-dom");
  }

  /** A PNG of the window, {@code width} by {@code height} CSS pixels at scale 1. */
  Path screenshot(Path page, int width, int height, Path png) throws Exception {
    run(page, width, height, "--screenshot=" + png.toAbsolutePath());
    if (!Files.isRegularFile(png)) {
      throw new AssertionError("chromium wrote no screenshot to " + png);
    }
    return png;
  }

  private String run(Path page, int width, int height, String action) throws Exception {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    Path stdout = work.resolve("chromium-" + System.nanoTime() + ".out");
    Path stderr = work.resolve("chromium-" + System.nanoTime() + ".err");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--hide-scrollbars", "--force-device-scale-factor=1",
        "--window-size=" + width + "," + height, action, page.toUri().toString()));
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + tail(stderr));
      }
      if (process.exitValue() != 0) {
        throw new AssertionError("chromium exited with " + process.exitValue() + ": " + tail(stderr));
      }
      return Files.readString(stdout, StandardCharsets.UTF_8);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      delete(profile);
    }
  }

  private static String tail(Path file) throws IOException {
    String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
