package io.roundtrip.app.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a Roundtrip command in a new JVM, as a user runs it from the shell (same classpath and JVM
 * options as this process), and measures its wall time and peak resident memory.
 */
final class FreshProcess {

  /**
   * @param seconds wall time from start to exit
   * @param peakResidentBytes the process's resident-set high-water mark (Linux's VmHWM), or -1
   */
  record Result(int exitCode, double seconds, long peakResidentBytes, String stdout, String stderr) {}

  private FreshProcess() {}

  static Result run(Path workDir, List<String> args) throws IOException, InterruptedException {
    return run(workDir, args, java.util.Map.of());
  }

  /** @param env variables added to this process's environment for the command */
  static Result run(Path workDir, List<String> args, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.roundtrip.app.cli.RoundtripCommand");
    command.addAll(args);
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    long peak = -1;
    while (!process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, highWaterMark(process.pid()));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Result result = new Result(process.exitValue(), seconds, peak, Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return result;
  }

  /** VmHWM from /proc: the most memory the process has had resident so far. */
  private static long highWaterMark(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process just exited, or this is not Linux
    }
    return -1;
  }
}
