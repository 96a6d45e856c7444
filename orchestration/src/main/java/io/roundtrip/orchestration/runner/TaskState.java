package io.roundtrip.orchestration.runner;

import java.util.Locale;

/** How a task of a run ended. */
public enum TaskState {
  SUCCEEDED,
  FAILED,
  /** not run because a task it runs after failed (Airflow's upstream_failed) */
  UPSTREAM_FAILED,
  /** not run again: the run this one resumes had done it */
  DONE_BEFORE;

  public boolean done() {
    return this == SUCCEEDED || this == DONE_BEFORE;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TaskState parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
