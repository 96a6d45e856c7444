package io.roundtrip.models.ltv;

import io.roundtrip.models.csv.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads transactions from CSV: header {@code customer_id,date,amount}, dates as yyyy-MM-dd,
 * amounts as decimal numbers with a point ("12.50", "-3", "1e3"), RFC 4180 quoting, UTF-8 with or
 * without a byte order mark, LF or CRLF. Blank lines are skipped.
 *
 * <p>A bad file is rejected as a whole, but only after reading all of it, so that one run shows
 * every kind of problem: the exception lists the first {@link #MAX_REPORTED_ERRORS} bad lines
 * and counts the rest. A wrong header is reported at once (the rows would not mean anything).
 */
public final class TransactionsCsv {

  public static final String HEADER = "customer_id,date,amount";
  public static final int MAX_REPORTED_ERRORS = 10;

  private static final String[] COLUMNS = HEADER.split(",");

  private TransactionsCsv() {}

  /** Reads {@code file}; errors name it as given (e.g. "transactions.csv:17: ..."). */
  public static List<Transaction> read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    }
  }

  /** Reads CSV text; {@code source} names it in error messages. */
  public static List<Transaction> read(Reader reader, String source) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String header = in.readLine();
    if (header == null) {
      throw failure(source, List.of(source + ": empty file; expected header \"" + HEADER + "\""),
          1);
    }
    header = CsvLine.withoutByteOrderMark(header);
    checkHeader(source, header);
    List<Transaction> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int errorCount = 0;
    int lineNumber = 1;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String where = source + ":" + lineNumber + ": ";
      String error;
      try {
        Transaction t = parse(line);
        if (errorCount == 0) {
          out.add(t); // once the file is known to be bad, only look for more errors
        }
        continue;
      } catch (CsvLine.Malformed e) {
        error = where + e.getMessage();
      }
      errorCount++;
      if (errors.size() < MAX_REPORTED_ERRORS) {
        errors.add(error);
      }
    }
    if (errorCount > 0) {
      throw failure(source, errors, errorCount);
    }
    return out;
  }

  private static void checkHeader(String source, String header) throws IOException {
    List<String> names;
    try {
      names = CsvLine.fields(header);
    } catch (CsvLine.Malformed e) {
      names = List.of();
    }
    boolean ok = names.size() == COLUMNS.length;
    for (int i = 0; ok && i < COLUMNS.length; i++) {
      ok = names.get(i).trim().toLowerCase(Locale.ROOT).equals(COLUMNS[i]);
    }
    if (!ok) {
      throw failure(source, List.of(source + ":1: expected header \"" + HEADER + "\", found \""
          + header + "\""), 1);
    }
  }

  private static Transaction parse(String line) throws CsvLine.Malformed {
    List<String> f = CsvLine.fields(line);
    if (f.size() != COLUMNS.length) {
      throw new CsvLine.Malformed("expected " + COLUMNS.length + " fields (" + HEADER + "), found "
          + f.size() + ": \"" + line + "\"");
    }
    String customerId = f.get(0).trim();
    if (customerId.isEmpty()) {
      throw new CsvLine.Malformed("field 'customer_id': empty");
    }
    String dateText = f.get(1).trim();
    LocalDate date;
    try {
      date = LocalDate.parse(dateText);
    } catch (DateTimeParseException e) {
      throw new CsvLine.Malformed("field 'date': not a date (yyyy-MM-dd): \"" + f.get(1) + "\"");
    }
    String amountText = f.get(2).trim();
    double amount;
    try {
      // BigDecimal, not Double.parseDouble, which would also take "NaN", "Infinity", "1d", "0x1p3".
      amount = new BigDecimal(amountText).doubleValue();
    } catch (NumberFormatException e) {
      throw new CsvLine.Malformed("field 'amount': not a number: \"" + f.get(2) + "\"");
    }
    if (!Double.isFinite(amount)) {
      throw new CsvLine.Malformed("field 'amount': out of range: \"" + f.get(2) + "\"");
    }
    return new Transaction(customerId, date, amount);
  }

  private static MalformedTransactionsException failure(String source, List<String> errors,
      int errorCount) {
    String message = errorCount == 1 ? errors.get(0)
        : source + ": " + errorCount + " malformed lines" + (errorCount > errors.size()
            ? ", the first " + errors.size() : "") + ":\n  " + String.join("\n  ", errors);
    return new MalformedTransactionsException(message, errors, errorCount);
  }
}
