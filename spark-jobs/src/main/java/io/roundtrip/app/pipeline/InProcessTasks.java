package io.roundtrip.app.pipeline;

import io.roundtrip.orchestration.graph.Job;
import io.roundtrip.orchestration.runner.TaskExecutor;
import io.roundtrip.orchestration.runner.TaskFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import picocli.CommandLine;

/**
 * Runs a task's CLI invocation in this JVM, exactly the arguments an Airflow task passes, against
 * the Spark session the pipeline started (the commands find it and leave it running). Each task's
 * Spark jobs carry a job group of its own, so a timeout cancels that task's jobs only. A task's
 * output is kept and printed in one piece when it ends, so parallel tasks do not interleave lines.
 */
public final class InProcessTasks implements TaskExecutor {

  /** Exit code 1 is a failure of the run (retry); 2 usage, 3 configuration and 4 data would fail again. */
  private static final int RETRYABLE = 1;

  private final Supplier<CommandLine> commandLine;
  private final List<String> commonArgs;
  private final SparkContext spark;
  private final PrintWriter log;

  /**
   * @param commandLine a new command line per attempt (the CLI's, with its exit codes)
   * @param commonArgs appended to every command: the pipeline's own --config, --warehouse, --master
   */
  public InProcessTasks(Supplier<CommandLine> commandLine, List<String> commonArgs, SparkContext spark, PrintWriter log) {
    this.commandLine = commandLine;
    this.commonArgs = List.copyOf(commonArgs);
    this.spark = spark;
    this.log = log;
  }

  @Override
  public void run(Job job, List<String> command) throws TaskFailure {
    List<String> args = new ArrayList<>(command);
    args.addAll(commonArgs);
    StringWriter output = new StringWriter();
    PrintWriter out = new PrintWriter(output, true);
    CommandLine cli = commandLine.get();
    cli.setOut(out);
    cli.setErr(out);
    spark.setJobGroup(group(job), "pipeline task " + job.name(), true);
    int code;
    try {
      code = cli.execute(args.toArray(String[]::new));
    } finally {
      spark.clearJobGroup();
      out.flush();
      print(job, output.toString());
    }
    if (code != 0) {
      throw new TaskFailure("exit code " + code + ": " + lastLine(output.toString()), code, code == RETRYABLE);
    }
  }

  @Override
  public void cancel(Job job) {
    spark.cancelJobGroup(group(job));
  }

  private static String group(Job job) {
    return "roundtrip-pipeline-" + job.name();
  }

  private void print(Job job, String output) {
    synchronized (log) {
      output.lines().filter(line -> !line.isBlank()).forEach(line -> log.println("  " + job.name() + " | " + line));
      log.flush();
    }
  }

  private static String lastLine(String output) {
    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).trim();
  }
}
