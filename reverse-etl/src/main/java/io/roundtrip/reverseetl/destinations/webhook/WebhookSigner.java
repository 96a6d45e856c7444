package io.roundtrip.reverseetl.destinations.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Roundtrip-Signature}: {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact
 * body bytes, keyed with the shared secret. A receiver recomputes it over the raw bytes it read,
 * before parsing, so no re-serialization can change what was signed.
 */
public final class WebhookSigner {

  public static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public WebhookSigner(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  public String signature(byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(body));
  }

  private byte[] hmac(byte[] body) {
    try {
      // a Mac is not thread-safe, so each signature gets its own
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSigner[" + ALGORITHM + "]";
  }
}
