package io.roundtrip.reverseetl.destinations.webhook;

import io.roundtrip.reverseetl.destinations.http.JsonHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a webhook destination.
 *
 * @param url where batches are POSTed
 * @param syncName sent as {@code sync} and part of the delivery id
 * @param secret the HMAC-SHA256 key of {@code X-Roundtrip-Signature}; resolved from the config
 *     layer, never logged
 * @param maxBatchSize records per delivery
 * @param timeout per request
 */
public record WebhookConfig(URI url, String syncName, String secret, int maxBatchSize, Duration timeout) {

  public static final int DEFAULT_MAX_BATCH_SIZE = 100;

  public WebhookConfig {
    Objects.requireNonNull(url, "url");
    if (syncName == null || syncName.isBlank()) {
      throw new IllegalArgumentException("webhook sync name is required");
    }
    // unsigned deliveries would let anyone who finds the URL inject records
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("webhook signing secret is required");
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("webhook batch size must be at least 1");
    }
    timeout = timeout == null ? JsonHttpClient.DEFAULT_TIMEOUT : timeout;
  }

  public static WebhookConfig of(URI url, String syncName, String secret) {
    return new WebhookConfig(url, syncName, secret, DEFAULT_MAX_BATCH_SIZE, null);
  }

  public WebhookConfig withMaxBatchSize(int size) {
    return new WebhookConfig(url, syncName, secret, size, timeout);
  }

  public WebhookConfig withTimeout(Duration requestTimeout) {
    return new WebhookConfig(url, syncName, secret, maxBatchSize, requestTimeout);
  }

  /** Without the secret: configs end up in logs and exception messages. */
  @Override
  public String toString() {
    return "WebhookConfig[url=" + url + ", syncName=" + syncName + ", secret=[redacted], maxBatchSize="
        + maxBatchSize + ", timeout=" + timeout + "]";
  }
}
