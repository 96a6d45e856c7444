package io.roundtrip.reverseetl.delivery;

import io.roundtrip.reverseetl.destination.RecordResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What an HTTP response or a transport failure means for the records of the request, as a pure
 * decision (no sleeping, no resending):
 *
 * <ul>
 *   <li>2xx: applied;
 *   <li>429, 408 and 423: not applied, try again, after {@code Retry-After} when given;
 *   <li>5xx: try again if the request is idempotent; otherwise unknown, because a gateway may
 *       answer 502 or 504 after the API applied it (a survey email already went out);
 *   <li>other 4xx: refused as sent, for the whole batch (the sender splits it to find the bad
 *       records);
 *   <li>a connection that was never made: not applied, try again;
 *   <li>a timeout or broken connection after the request went out: try again if the request is
 *       idempotent; otherwise unknown, because replaying it could apply it twice.
 * </ul>
 */
public final class ResponseClassifier {

  private ResponseClassifier() {}

  public static RecordResult classify(int status, Optional<String> retryAfter, String body, Instant now,
      boolean idempotent) {
    if (status >= 200 && status < 300) {
      return RecordResult.ok();
    }
    String reason = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
    if (status >= 500 && !idempotent) {
      return new RecordResult.Unknown(reason);
    }
    if (status == 429 || status == 408 || status == 423 || status >= 500) {
      return new RecordResult.Retry(reason, retryAfter.flatMap(value -> retryAfter(value, now)).orElse(null));
    }
    return new RecordResult.Rejected(reason, true);
  }

  public static RecordResult classify(IOException failure, boolean idempotent) {
    String reason = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    if (failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException) {
      return new RecordResult.Retry(reason, null); // nothing was sent
    }
    if (idempotent) {
      return new RecordResult.Retry(reason, null);
    }
    // HttpTimeoutException and a connection reset both come after the request may have arrived
    return new RecordResult.Unknown(reason);
  }

  /** {@code Retry-After} as seconds or as an HTTP date; empty when it is neither. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }
}
