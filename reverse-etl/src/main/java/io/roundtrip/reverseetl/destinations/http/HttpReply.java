package io.roundtrip.reverseetl.destinations.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.roundtrip.reverseetl.destination.RecordResult;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** What one {@link HttpCall} came to, with its meaning for the records it carried. */
public sealed interface HttpReply {

  /**
   * The meaning, as {@link io.roundtrip.reverseetl.delivery.ResponseClassifier} decides it (plus
   * the untrusted-2xx rule of {@link HttpCall#expectJson}); the reason is already redacted.
   */
  RecordResult result();

  default boolean ok() {
    return result() instanceof RecordResult.Ok;
  }

  /**
   * A response arrived.
   *
   * @param json the parsed body, or a missing node when the body is empty or not JSON; parsed for
   *     error statuses too, since APIs explain refusals in JSON
   */
  record Received(int status, HttpHeaders headers, String body, JsonNode json, RecordResult result)
      implements HttpReply {

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public boolean successStatus() {
      return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
      return "Received[" + status + ", " + result + "]";
    }
  }

  /** No response: the connection failed or the request timed out. */
  record NotReceived(RecordResult result) implements HttpReply {}
}
