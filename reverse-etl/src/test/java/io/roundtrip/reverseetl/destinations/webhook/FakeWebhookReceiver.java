package io.roundtrip.reverseetl.destinations.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.roundtrip.reverseetl.destinations.http.FakeHttpServer;
import io.roundtrip.reverseetl.destinations.http.RecordedRequest;
import io.roundtrip.reverseetl.destinations.http.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver that does what the destination's documentation asks of one: it checks
 * {@code X-Roundtrip-Signature} over the raw body bytes (computed here independently of the
 * destination's signer) and answers 401 when it does not match, and it applies each delivery id
 * once, acknowledging a repeat with 200 without applying it again.
 */
public final class FakeWebhookReceiver extends FakeHttpServer {

  /** One delivery as received. */
  public record Delivery(String deliveryId, boolean signatureValid, boolean duplicate, JsonNode body) {}

  private final String secret;
  private final List<Delivery> deliveries = new ArrayList<>();
  private final Set<String> applied = new LinkedHashSet<>();

  public FakeWebhookReceiver(String secret) {
    this.secret = secret;
  }

  public URI hookUrl() {
    return baseUri().resolve("hooks/roundtrip");
  }

  public synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Delivery ids applied, each once, in arrival order. */
  public synchronized List<String> appliedDeliveries() {
    return List.copyOf(applied);
  }

  @Override
  protected synchronized Reply handle(RecordedRequest request) {
    if (!request.is("POST", "/hooks/roundtrip")) {
      return Reply.status(404);
    }
    String deliveryId = request.header("X-Roundtrip-Delivery").orElse("");
    boolean valid = signatureMatches(request.header("X-Roundtrip-Signature").orElse(""), request.body());
    boolean duplicate = valid && !applied.add(deliveryId);
    deliveries.add(new Delivery(deliveryId, valid, duplicate, valid ? request.json() : null));
    if (!valid) {
      return Reply.json(401, "{\"error\": \"signature mismatch\"}");
    }
    return Reply.json(200, duplicate ? "{\"status\": \"duplicate\"}" : "{\"status\": \"accepted\"}");
  }

  /** The check a receiver should make: constant-time, over the bytes as they arrived. */
  boolean signatureMatches(String header, byte[] body) {
    String expected = "sha256=" + HexFormat.of().formatHex(hmac(body));
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
  }

  byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
