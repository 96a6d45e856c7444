package io.roundtrip.reverseetl.destinations.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneAtATimeTest {

  private static SyncRecord record(String key) {
    return new SyncRecord(key, Map.of(), 0, "idem-" + key);
  }

  @Test
  void aRejectedRecordDoesNotStopTheOthers() {
    List<String> sent = new ArrayList<>();
    List<RecordResult> results = OneAtATime.send(List.of(record("a"), record("b"), record("c")), r -> {
      sent.add(r.key());
      return r.key().equals("b") ? new RecordResult.Rejected("bad", false) : RecordResult.ok();
    });

    assertThat(sent).containsExactly("a", "b", "c");
    assertThat(results).containsExactly(RecordResult.ok(), new RecordResult.Rejected("bad", false), RecordResult.ok());
  }

  @Test
  void aTransientFailureLeavesTheRestUnsentAsRetryWithTheSameHint() {
    List<String> sent = new ArrayList<>();
    List<RecordResult> results = OneAtATime.send(List.of(record("a"), record("b"), record("c")), r -> {
      sent.add(r.key());
      return r.key().equals("a") ? new RecordResult.Retry("HTTP 429", Duration.ofSeconds(5)) : RecordResult.ok();
    });

    assertThat(sent).containsExactly("a");
    assertThat(results.get(2)).isInstanceOf(RecordResult.Retry.class);
    assertThat(((RecordResult.Retry) results.get(2)).retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(((RecordResult.Retry) results.get(2)).reason()).startsWith("not sent");
  }

  @Test
  void recordsAfterAnUnknownAreRetryBecauseTheyWereNeverSent() {
    List<RecordResult> results = OneAtATime.send(List.of(record("a"), record("b")), r -> new RecordResult.Unknown("timeout"));

    assertThat(results.get(0)).isInstanceOf(RecordResult.Unknown.class);
    assertThat(results.get(1)).isInstanceOf(RecordResult.Retry.class);
  }
}
