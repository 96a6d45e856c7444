package io.roundtrip.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Shows users what went wrong in one line; the stack trace only with {@code --verbose}. */
public final class ErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception error, CommandLine command, ParseResult parsed) {
    var err = command.getErr();
    if (isVerbose(parsed)) {
      error.printStackTrace(err);
    }
    err.println("roundtrip " + command.getCommandName() + ": " + message(error));
    err.flush();
    return command.getExitCodeExceptionMapper() == null ? ExitCodes.FAILURE
        : command.getExitCodeExceptionMapper().getExitCode(error);
  }

  static String message(Throwable error) {
    // Spark's analysis errors append the whole query plan; the first part is the message
    String message = error instanceof org.apache.spark.sql.AnalysisException analysis
        ? analysis.getSimpleMessage() : error.getMessage();
    if (message == null || message.isBlank()) {
      message = error.getClass().getSimpleName();
    }
    return message;
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
