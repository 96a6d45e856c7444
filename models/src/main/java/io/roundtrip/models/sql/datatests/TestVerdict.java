package io.roundtrip.models.sql.datatests;

import io.roundtrip.models.sql.project.NodeConfig;

/**
 * A data test's status from its failing row count, as dbt decides it: {@code fail} when the
 * severity is error and {@code error_if} holds, else {@code warn} when {@code warn_if} holds, else
 * {@code pass}.
 */
public final class TestVerdict {

  public static final String PASS = "pass";
  public static final String WARN = "warn";
  public static final String FAIL = "fail";

  private TestVerdict() {}

  public static String of(NodeConfig config, long failures) {
    Threshold errorIf = Threshold.parse(config.string("error_if").orElse(null));
    Threshold warnIf = Threshold.parse(config.string("warn_if").orElse(null));
    if (config.severity().equals("error") && errorIf.holds(failures)) {
      return FAIL;
    }
    if (warnIf.holds(failures)) {
      return WARN;
    }
    return PASS;
  }
}
