package io.roundtrip.reverseetl.destinations.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.HttpCall;
import io.roundtrip.reverseetl.destinations.http.JsonHttpClient;
import io.roundtrip.reverseetl.destinations.http.RecordResults;
import io.roundtrip.reverseetl.secrets.Redactor;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * POSTs each batch as one JSON delivery to a configured URL (see {@link WebhookPayload} for the
 * body), with:
 *
 * <ul>
 *   <li>{@code X-Roundtrip-Delivery}: the delivery id, derived from the batch content ({@link
 *       DeliveryId}), so a resent batch carries the same id;
 *   <li>{@code X-Roundtrip-Signature}: {@code sha256=<hex HMAC-SHA256 of the body bytes>} with the
 *       configured secret ({@link WebhookSigner});
 *   <li>{@code X-Roundtrip-Timestamp}: when it was sent, in Unix seconds (informational; it is
 *       not covered by the signature).
 * </ul>
 *
 * <p>Every operation is allowed; its name is in the body. A 2xx acknowledges the whole batch; any
 * other answer applies to the whole batch as the shared classifier says (a 4xx makes the engine
 * split the batch). Idempotent: a receiver deduplicates by delivery id or by the records'
 * idempotency keys, so a timed-out delivery is simply resent. The response body is not read.
 */
public final class WebhookDestination implements Destination {

  private final WebhookConfig config;
  private final JsonHttpClient http;
  private final WebhookSigner signer;
  private final WebhookPayload payload = new WebhookPayload();
  private final Clock clock;

  public WebhookDestination(WebhookConfig config) {
    this(config, Clock.systemUTC());
  }

  /** @param clock for {@code X-Roundtrip-Timestamp} and {@code Retry-After} dates */
  public WebhookDestination(WebhookConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.signer = new WebhookSigner(config.secret());
    this.http = new JsonHttpClient(
        config.url(),
        Map.of("Accept", "application/json", "User-Agent", "Roundtrip-Webhook/1"),
        config.timeout(),
        Redactor.of(config.secret()),
        clock);
  }

  @Override
  public Set<Operation> operations() {
    return Collections.unmodifiableSet(EnumSet.allOf(Operation.class));
  }

  @Override
  public int maxBatchSize() {
    return config.maxBatchSize();
  }

  @Override
  public boolean idempotent(Operation operation) {
    return true;
  }

  @Override
  public List<RecordResult> push(Operation operation, List<SyncRecord> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    String deliveryId = DeliveryId.of(config.syncName(), operation, batch);
    byte[] body;
    try {
      body = payload.body(deliveryId, config.syncName(), operation, batch);
    } catch (JsonProcessingException e) {
      // some field value has no JSON form; splitting the batch finds the record
      return same(new RecordResult.Rejected("a field value cannot be written as JSON: " + e.getOriginalMessage(), true), batch);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Roundtrip-Delivery", deliveryId);
    headers.put("X-Roundtrip-Signature", signer.signature(body));
    headers.put("X-Roundtrip-Timestamp", Long.toString(clock.instant().getEpochSecond()));
    HttpCall call = HttpCall.post("", body, HttpCall.JSON, true).withHeaders(headers).expectingJson(false);
    RecordResult result = http.send(call).result();
    return same(batch.size() == 1 ? RecordResults.forOneRecord(result) : result, batch);
  }

  private static List<RecordResult> same(RecordResult result, List<SyncRecord> batch) {
    return Collections.nCopies(batch.size(), result);
  }
}
