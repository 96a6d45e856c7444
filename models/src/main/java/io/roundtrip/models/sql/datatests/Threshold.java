package io.roundtrip.models.sql.datatests;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** dbt's {@code warn_if} / {@code error_if}: a comparison of the failing row count, {@code !=0} by default. */
public record Threshold(String operator, long value) {

  private static final Pattern FORM = Pattern.compile("\\s*(!=|<>|>=|<=|==|=|>|<)\\s*(\\d+)\\s*");

  public static final Threshold ANY = new Threshold("!=", 0);

  public static Threshold parse(String text) {
    if (text == null) {
      return ANY;
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot read the threshold '" + text + "'; write it as >0, !=0, >=10, ...");
    }
    return new Threshold(m.group(1), Long.parseLong(m.group(2)));
  }

  public boolean holds(long failures) {
    return switch (operator) {
      case "!=", "<>" -> failures != value;
      case ">=" -> failures >= value;
      case "<=" -> failures <= value;
      case "==", "=" -> failures == value;
      case ">" -> failures > value;
      case "<" -> failures < value;
      default -> throw new IllegalStateException(operator);
    };
  }
}
