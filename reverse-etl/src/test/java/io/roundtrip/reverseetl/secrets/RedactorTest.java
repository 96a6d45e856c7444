package io.roundtrip.reverseetl.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.reverseetl.destination.RecordResult;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void masksTheSecretAndItsUrlEncodedForms() {
    Redactor redactor = Redactor.of("p@ss word/1");

    assertThat(redactor.redact("a p@ss word/1 b p%40ss+word%2F1 c p%40ss%20word%2F1"))
        .isEqualTo("a [redacted] b [redacted] c [redacted]");
  }

  @Test
  void keepsTheKindAndRetryHintOfAResult() {
    Redactor redactor = Redactor.of("tok");

    assertThat(redactor.redact(new RecordResult.Retry("GET /u/tok/json", java.time.Duration.ofSeconds(3))))
        .isEqualTo(new RecordResult.Retry("GET /u/[redacted]/json", java.time.Duration.ofSeconds(3)));
    assertThat(redactor.redact(new RecordResult.Rejected("tok", true))).isEqualTo(new RecordResult.Rejected("[redacted]", true));
    assertThat(redactor.redact(RecordResult.ok())).isEqualTo(RecordResult.ok());
  }

  @Test
  void neverShowsTheSecretsInItsOwnDump() {
    assertThat(Redactor.of("tok").toString()).doesNotContain("tok");
  }

  @Test
  void payloadsLoseSecretNamedFieldsAndSecretValuesAtAnyDepth() {
    Redactor redactor = Redactor.of("hunter22");
    java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>();
    payload.put("email", "a@x");
    payload.put("api_key", "anything");
    payload.put("note", "pw is hunter22");
    payload.put("nested", java.util.Map.of("list", java.util.List.of("hunter22", 3L)));
    assertThat(redactor.fields(payload)).isEqualTo(java.util.Map.of("email", "a@x", "api_key", "[redacted]",
        "note", "pw is [redacted]", "nested", java.util.Map.of("list", java.util.List.of("[redacted]", 3L))));
  }
}
