package io.roundtrip.reverseetl.destinations.promoter;

import io.roundtrip.reverseetl.destinations.http.JsonHttpClient;
import java.net.URI;
import java.time.Duration;

/**
 * Settings of a Promoter.io destination. The API key arrives resolved from the config layer.
 *
 * @param apiKey sent as {@code Authorization: Token <apiKey>}
 * @param listId the contact list upserts put contacts in and ADD/REMOVE/DELETE work on; null for
 *     none (Promoter then uses its default list, and ADD/REMOVE/DELETE are unavailable)
 * @param campaignId the survey campaign INSERT sends a survey for; null when the sync sends none
 * @param baseUrl the API root; {@link #DEFAULT_BASE_URL} in production, a local fake in tests
 * @param timeout per request
 */
public record PromoterConfig(String apiKey, Long listId, Long campaignId, URI baseUrl, Duration timeout) {

  public static final URI DEFAULT_BASE_URL = URI.create("https://app.promoter.io/api/");

  public PromoterConfig {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("Promoter API key is required");
    }
    baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    timeout = timeout == null ? JsonHttpClient.DEFAULT_TIMEOUT : timeout;
  }

  /** Upserts only, into Promoter's default list. */
  public static PromoterConfig of(String apiKey) {
    return new PromoterConfig(apiKey, null, null, null, null);
  }

  public PromoterConfig withList(long id) {
    return new PromoterConfig(apiKey, id, campaignId, baseUrl, timeout);
  }

  public PromoterConfig withSurveyCampaign(long id) {
    return new PromoterConfig(apiKey, listId, id, baseUrl, timeout);
  }

  public PromoterConfig withBaseUrl(URI url) {
    return new PromoterConfig(apiKey, listId, campaignId, url, timeout);
  }

  public PromoterConfig withTimeout(Duration requestTimeout) {
    return new PromoterConfig(apiKey, listId, campaignId, baseUrl, requestTimeout);
  }

  /** Without the key: configs end up in logs and exception messages. */
  @Override
  public String toString() {
    return "PromoterConfig[apiKey=[redacted], listId=" + listId + ", campaignId=" + campaignId
        + ", baseUrl=" + baseUrl + ", timeout=" + timeout + "]";
  }
}
