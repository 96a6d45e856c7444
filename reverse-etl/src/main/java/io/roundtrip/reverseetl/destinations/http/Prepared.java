package io.roundtrip.reverseetl.destinations.http;

import io.roundtrip.reverseetl.destination.RecordResult;
import java.util.Objects;

/**
 * A request payload built from a record, or the reason the record cannot be sent as it is. A
 * refused record is reported as Rejected for that record alone and never reaches the API.
 */
public sealed interface Prepared<T> {

  record Ready<T>(T value) implements Prepared<T> {
    public Ready {
      Objects.requireNonNull(value, "value");
    }
  }

  record Refused<T>(String reason) implements Prepared<T> {
    public RecordResult result() {
      return new RecordResult.Rejected(reason, false);
    }
  }

  static <T> Prepared<T> ready(T value) {
    return new Ready<>(value);
  }

  static <T> Prepared<T> refused(String reason) {
    return new Refused<>(reason);
  }
}
