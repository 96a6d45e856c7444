package io.roundtrip.reverseetl.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.reverseetl.destination.RecordResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseClassifierTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void successIsApplied() {
    assertThat(ResponseClassifier.classify(204, Optional.empty(), "", NOW, true)).isInstanceOf(RecordResult.Ok.class);
  }

  @Test
  void rateLimitIsRetriedAfterTheSecondsTheServerAskedFor() {
    RecordResult result = ResponseClassifier.classify(429, Optional.of("7"), "slow down", NOW, true);
    assertThat(result).isEqualTo(new RecordResult.Retry("HTTP 429: slow down", Duration.ofSeconds(7)));
  }

  @Test
  void retryAfterMayBeAnHttpDate() {
    RecordResult result = ResponseClassifier.classify(503, Optional.of("Mon, 23 Nov 2026 10:01:30 GMT"), "", NOW, true);
    assertThat(((RecordResult.Retry) result).retryAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aRetryAfterInThePastMeansNowAndGarbageMeansUnspecified() {
    assertThat(ResponseClassifier.retryAfter("Mon, 23 Nov 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    assertThat(ResponseClassifier.retryAfter("soon", NOW)).isEmpty();
    assertThat(ResponseClassifier.retryAfter("-3", NOW)).isEmpty();
  }

  @Test
  void serverErrorsAndTimeoutsAreRetriedClientErrorsAreRefusedForTheWholeBatch() {
    assertThat(ResponseClassifier.classify(500, Optional.empty(), "", NOW, true)).isInstanceOf(RecordResult.Retry.class);
    assertThat(ResponseClassifier.classify(408, Optional.empty(), "", NOW, true)).isInstanceOf(RecordResult.Retry.class);
    RecordResult refused = ResponseClassifier.classify(422, Optional.empty(), "{\"error\":\n \"bad email\"}", NOW, true);
    assertThat(refused).isEqualTo(new RecordResult.Rejected("HTTP 422: {\"error\": \"bad email\"}", true));
  }

  @Test
  void aServerErrorAfterANonIdempotentRequestIsUnknownNotRetried() {
    assertThat(ResponseClassifier.classify(502, Optional.empty(), "Bad Gateway", NOW, false))
        .isEqualTo(new RecordResult.Unknown("HTTP 502: Bad Gateway"));
    assertThat(ResponseClassifier.classify(429, Optional.of("2"), "", NOW, false)).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void aLongErrorBodyIsAbbreviated() {
    RecordResult refused = ResponseClassifier.classify(400, Optional.empty(), "x".repeat(5000), NOW, true);
    assertThat(((RecordResult.Rejected) refused).reason()).hasSize("HTTP 400: ".length() + 303).endsWith("...");
  }

  @Test
  void aRefusedConnectionIsRetriedEvenForNonIdempotentRequests() {
    assertThat(ResponseClassifier.classify(new ConnectException("refused"), false)).isInstanceOf(RecordResult.Retry.class);
  }

  @Test
  void aTimeoutAfterSendingIsUnknownUnlessTheRequestIsIdempotent() {
    IOException timeout = new HttpTimeoutException("request timed out");
    assertThat(ResponseClassifier.classify(timeout, false)).isEqualTo(
        new RecordResult.Unknown("HttpTimeoutException: request timed out"));
    assertThat(ResponseClassifier.classify(timeout, true)).isInstanceOf(RecordResult.Retry.class);
  }
}
