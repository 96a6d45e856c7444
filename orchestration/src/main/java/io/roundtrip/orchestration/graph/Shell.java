package io.roundtrip.orchestration.graph;

import java.util.List;

/** POSIX shell quoting: what a command line looks like when a person or bash reads it. */
public final class Shell {

  private Shell() {}

  /** The words joined by spaces, each quoted only when the shell would otherwise change it. */
  public static String join(List<String> words) {
    return String.join(" ", words.stream().map(Shell::quote).toList());
  }

  public static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
      return word;
    }
    // Airflow templates stay as they are: Jinja renders them before bash sees the line
    if (word.matches("\\{\\{[^'}]*\\}\\}")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
