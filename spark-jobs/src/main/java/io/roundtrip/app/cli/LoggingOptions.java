package io.roundtrip.app.cli;

import picocli.CommandLine.Option;

/** How much a command says on stderr. */
public final class LoggingOptions {

  @Option(names = {"-v", "--verbose"}, description = "Show Spark's log and full stack traces of errors.")
  boolean verbose;

  public boolean verbose() {
    return verbose;
  }
}
