package io.roundtrip.models.costs;

import java.util.List;

/**
 * Campaign costs that cannot be used: a file or table that is missing, lacks a column, or has
 * lines with a bad value. The message names each problem as {@code FILE:LINE: field 'NAME':
 * PROBLEM: "TEXT"} (for a table, the row's values instead of a line), one per line, up to {@link
 * CostRows#MAX_REPORTED_ERRORS}.
 */
public class MalformedCostsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> errors;

  MalformedCostsException(String message, List<String> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  MalformedCostsException(String message) {
    this(message, List.of(message));
  }

  /** The reported errors, one per line. */
  public List<String> errors() {
    return errors;
  }
}
