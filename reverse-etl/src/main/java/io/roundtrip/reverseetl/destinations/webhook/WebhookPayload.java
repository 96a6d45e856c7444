package io.roundtrip.reverseetl.destinations.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of a delivery: {@code {"delivery_id", "sync", "operation", "records": [{"key",
 * "idempotency_key", "fields"}]}}. Map keys are written sorted so the same batch always produces
 * the same bytes, whatever map implementation the fields came in.
 */
final class WebhookPayload {

  @JsonPropertyOrder({"delivery_id", "sync", "operation", "records"})
  record Envelope(
      @JsonProperty("delivery_id") String deliveryId,
      @JsonProperty("sync") String sync,
      @JsonProperty("operation") String operation,
      @JsonProperty("records") List<Item> records) {}

  @JsonPropertyOrder({"key", "idempotency_key", "fields"})
  record Item(
      @JsonProperty("key") String key,
      @JsonProperty("idempotency_key") String idempotencyKey,
      @JsonProperty("fields") Map<String, Object> fields) {}

  private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** @throws JsonProcessingException when a field value is not JSON-serializable */
  byte[] body(String deliveryId, String syncName, Operation operation, List<SyncRecord> batch)
      throws JsonProcessingException {
    List<Item> items = batch.stream().map(r -> new Item(r.key(), r.idempotencyKey(), r.fields())).toList();
    return mapper.writeValueAsBytes(new Envelope(deliveryId, syncName, operation.name().toLowerCase(Locale.ROOT), items));
  }
}
