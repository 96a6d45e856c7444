package io.roundtrip.reverseetl.destinations.ambassador;

import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.Prepared;
import io.roundtrip.reverseetl.destinations.http.Scalars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code event/record} calls for a conversion row: one per campaign whose URL pattern matches
 * the row's {@code url} field (which is not sent), each with {@code campaign_uid} and the same
 * {@code transaction_uid}. Ambassador records a transaction id once per campaign, which is what
 * makes resending a conversion harmless; the row's own {@code transaction_uid} is used when it is
 * mapped, the record's idempotency key otherwise.
 */
final class ConversionEvents {

  static final String CALL = "event/record";
  static final String URL_FIELD = "url";

  private final CampaignUrlMatcher matcher;

  ConversionEvents(CampaignUrlMatcher matcher) {
    this.matcher = matcher;
  }

  Prepared<List<Map<String, String>>> events(SyncRecord record) {
    if (record.fields().containsKey("campaign_uid")) {
      return Prepared.refused("campaign_uid is chosen by the URL patterns and cannot be mapped");
    }
    Prepared<Map<String, String>> prepared = FormParams.from(record.fields(), Set.of(URL_FIELD));
    if (!(prepared instanceof Prepared.Ready<Map<String, String>> ready)) {
      return Prepared.refused(((Prepared.Refused<Map<String, String>>) prepared).reason());
    }
    String url = Scalars.nonBlankText(record.fields().get(URL_FIELD));
    if (url == null) {
      return Prepared.refused("no url to choose a campaign by");
    }
    List<String> campaigns = matcher.campaignsFor(url);
    if (campaigns.isEmpty()) {
      return Prepared.refused("no campaign matches url " + url);
    }
    Map<String, String> common = ready.value();
    if (Scalars.nonBlankText(common.get("transaction_uid")) == null) {
      common.put("transaction_uid", record.idempotencyKey());
    }
    List<Map<String, String>> events = new ArrayList<>();
    for (String campaign : campaigns) {
      Map<String, String> event = new LinkedHashMap<>(common);
      event.put("campaign_uid", campaign);
      events.add(event);
    }
    return Prepared.ready(events);
  }
}
