package io.roundtrip.reverseetl.destinations.ambassador;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an Ambassador sync writes: ambassadors (contacts) or conversions (commissions). */
public sealed interface AmbassadorMode {

  /**
   * Create or update ambassadors with {@code ambassador/update}.
   *
   * @param groupId the group ADD puts ambassadors into and REMOVE takes them out of (Ambassador
   *     accepts a comma-separated list); null when the sync only upserts
   */
  record Ambassadors(String groupId) implements AmbassadorMode {
    public Ambassadors {
      groupId = groupId == null || groupId.isBlank() ? null : groupId.trim();
    }
  }

  /**
   * Record conversions with {@code event/record}, one call per campaign whose URL pattern matches
   * the record's {@code url} field.
   *
   * @param campaignsByUrlPattern URL pattern (see {@link CampaignUrlMatcher}) -> campaign uid, in
   *     the order the calls are made
   */
  record Conversions(Map<String, String> campaignsByUrlPattern) implements AmbassadorMode {
    public Conversions {
      if (campaignsByUrlPattern == null || campaignsByUrlPattern.isEmpty()) {
        throw new IllegalArgumentException("conversions need at least one URL pattern -> campaign uid");
      }
      campaignsByUrlPattern = Collections.unmodifiableMap(new LinkedHashMap<>(campaignsByUrlPattern));
    }
  }
}
