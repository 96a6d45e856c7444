package io.roundtrip.reverseetl.destinations.promoter;

import io.roundtrip.reverseetl.destinations.http.JsonHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of a Promoter.io destination. The API key arrives resolved from the config layer.
 *
 * @param apiKey sent as {@code Authorization: Token <apiKey>}
 * @param listId the contact list upserts put contacts in and ADD/REMOVE/DELETE work on; null for
 *     none (Promoter then uses its default list, and ADD/REMOVE/DELETE are unavailable)
 * @param campaignId the survey campaign surveys are sent through ("the campaign that's associated
 *     to Segment within Promoter"); null when the sync sends none
 * @param events for a track sync: event name -> {@code survey}, the events that send the contact a
 *     survey; null for an identify sync (contacts). {@code Order Completed} is stored on the
 *     contact as a custom event whether or not it is listed
 * @param baseUrl the API root; {@link #DEFAULT_BASE_URL} in production, a local fake in tests
 * @param timeout per request
 */
public record PromoterConfig(String apiKey, Long listId, Long campaignId, Map<String, String> events, URI baseUrl,
    Duration timeout) {

  public static final URI DEFAULT_BASE_URL = URI.create("https://app.promoter.io/api/");

  public PromoterConfig {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("Promoter API key is required");
    }
    checkEvents(events, campaignId);
    events = events == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(events));
    baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    timeout = timeout == null ? JsonHttpClient.DEFAULT_TIMEOUT : timeout;
  }

  /**
   * Checks a track sync's events: each is mapped to {@code survey}, and surveys need the campaign
   * to go through.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void checkEvents(Map<String, String> events, Long campaignId) {
    if (events == null) {
      return;
    }
    events.forEach((event, action) -> {
      if (!"survey".equals(action == null ? null : action.trim().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("events." + event + ": \"" + action
            + "\" is not something Promoter does with an event; use survey");
      }
    });
    if (!events.isEmpty() && campaignId == null) {
      throw new IllegalArgumentException(
          "events that send a survey need survey_campaign_id, the campaign to send it through");
    }
  }

  /** An identify sync (contacts) into Promoter's default list. */
  public static PromoterConfig of(String apiKey) {
    return new PromoterConfig(apiKey, null, null, null, null, null);
  }

  public PromoterConfig withList(long id) {
    return new PromoterConfig(apiKey, id, campaignId, events, baseUrl, timeout);
  }

  public PromoterConfig withSurveyCampaign(long id) {
    return new PromoterConfig(apiKey, listId, id, events, baseUrl, timeout);
  }

  /** A track sync: these events (name -> {@code survey}) send a survey; Order Completed is stored. */
  public PromoterConfig withEvents(Map<String, String> surveyEvents) {
    return new PromoterConfig(apiKey, listId, campaignId, surveyEvents, baseUrl, timeout);
  }

  public PromoterConfig withBaseUrl(URI url) {
    return new PromoterConfig(apiKey, listId, campaignId, events, url, timeout);
  }

  public PromoterConfig withTimeout(Duration requestTimeout) {
    return new PromoterConfig(apiKey, listId, campaignId, events, baseUrl, requestTimeout);
  }

  /** Whether this is a track sync (events), not an identify sync (contacts). */
  public boolean track() {
    return events != null;
  }

  /** Without the key: configs end up in logs and exception messages. */
  @Override
  public String toString() {
    return "PromoterConfig[apiKey=[redacted], listId=" + listId + ", campaignId=" + campaignId + ", events=" + events
        + ", baseUrl=" + baseUrl + ", timeout=" + timeout + "]";
  }
}
