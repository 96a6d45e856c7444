package io.roundtrip.reverseetl.destinations.webhook;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The id of a delivery, derived from what it carries: SHA-256 (hex) of the sync name, the
 * operation and the records' idempotency keys, in order. An idempotency key already changes with
 * the record's content, so a resend of the same batch after a timeout has the same id and the
 * receiver can drop it, while a batch with any other record or content gets a new one.
 */
public final class DeliveryId {

  // cannot occur in a sync name or a key, so ("ab", "c") and ("a", "bc") never collide
  private static final char SEPARATOR = '\u001f';

  private DeliveryId() {}

  public static String of(String syncName, Operation operation, List<SyncRecord> batch) {
    StringBuilder content = new StringBuilder(syncName).append(SEPARATOR).append(operation.name());
    for (SyncRecord record : batch) {
      content.append(SEPARATOR).append(record.idempotencyKey());
    }
    return HexFormat.of().formatHex(sha256(content.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
