package io.roundtrip.reverseetl.destinations.ambassador;

import io.roundtrip.reverseetl.destinations.http.JsonHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an Ambassador destination. Credentials arrive resolved from the config layer.
 *
 * @param username the API username
 * @param token the API token; it goes into the URL path, so it is redacted wherever a URL could
 *     show up
 * @param mode identify (ambassadors) or track (conversions)
 * @param baseUrl the API root before {@code {username}/{token}/json/}; {@link #DEFAULT_BASE_URL}
 *     in production, a local fake in tests
 * @param timeout per request
 */
public record AmbassadorConfig(
    String username, String token, AmbassadorMode mode, URI baseUrl, Duration timeout) {

  public static final URI DEFAULT_BASE_URL = URI.create("https://api.getambassador.com/api/v2/");

  public AmbassadorConfig {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("Ambassador username is required");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("Ambassador API token is required");
    }
    Objects.requireNonNull(mode, "mode");
    baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    timeout = timeout == null ? JsonHttpClient.DEFAULT_TIMEOUT : timeout;
  }

  /**
   * Identify: creates and updates ambassadors, enrolling each in the campaigns its URL matches;
   * ADD and REMOVE (and mirror) are available when {@code groupId} is given.
   */
  public static AmbassadorConfig identify(String username, String token, String groupId,
      Map<String, String> campaignsByUrlPattern) {
    return new AmbassadorConfig(username, token, new AmbassadorMode.Identify(groupId, campaignsByUrlPattern), null,
        null);
  }

  /**
   * Track: records the events mapped to {@code conversion} as conversions, for the campaigns whose
   * URL pattern matches each record's URL.
   */
  public static AmbassadorConfig track(String username, String token, Map<String, String> campaignsByUrlPattern,
      Map<String, String> events) {
    return new AmbassadorConfig(username, token, new AmbassadorMode.Track(campaignsByUrlPattern, events), null, null);
  }

  public AmbassadorConfig withBaseUrl(URI url) {
    return new AmbassadorConfig(username, token, mode, url, timeout);
  }

  public AmbassadorConfig withTimeout(Duration requestTimeout) {
    return new AmbassadorConfig(username, token, mode, baseUrl, requestTimeout);
  }

  /** Without the token: configs end up in logs and exception messages. */
  @Override
  public String toString() {
    return "AmbassadorConfig[username=" + username + ", token=[redacted], mode=" + mode
        + ", baseUrl=" + baseUrl + ", timeout=" + timeout + "]";
  }
}
