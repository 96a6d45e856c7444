package io.roundtrip.models.ltv;

import java.io.IOException;
import java.util.List;

/**
 * A transactions file that cannot be read as such. The message is meant for the person who
 * wrote the file: it names the file, the line and the field, as {@code FILE:LINE: field 'NAME':
 * PROBLEM: "TEXT"}, one line per error (up to {@link TransactionsCsv#MAX_REPORTED_ERRORS}).
 */
public class MalformedTransactionsException extends IOException {

  private static final long serialVersionUID = 1L;

  private final List<String> errors;
  private final int errorCount;

  MalformedTransactionsException(String message, List<String> errors, int errorCount) {
    super(message);
    this.errors = List.copyOf(errors);
    this.errorCount = errorCount;
  }

  /** The reported errors, one per line, each starting with "FILE:LINE: ". */
  public List<String> errors() {
    return errors;
  }

  /** All errors found, including those not reported. */
  public int errorCount() {
    return errorCount;
  }
}
