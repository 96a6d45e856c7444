package io.roundtrip.reverseetl.destinations.ambassador;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses the Ambassador campaigns a conversion belongs to from the page URL it happened on, with
 * the URL wildcard patterns of Segment's Ambassador destination, so campaign settings carried
 * over from Segment behave the same:
 *
 * <ul>
 *   <li>pattern and URL are compared lower-case; {@code http://} is assumed when there is no
 *       protocol, and the protocol, port, and query are never compared;
 *   <li>hostnames are compared label by label from the right, each pattern label equal to the
 *       URL's or {@code *}: {@code *.example.com} matches any subdomain, {@code example.com}
 *       matches {@code example.com} and its subdomains, {@code example.*} any top-level domain;
 *   <li>paths are compared segment by segment from the left as a prefix, {@code *} standing for
 *       one segment: {@code example.com/blog} matches {@code /blog/post-1}, {@code
 *       example.com/*}{@code /pricing} matches {@code /en/pricing} but not {@code /en/us/pricing};
 *   <li>the fragment is compared the same way, but only when the pattern has one ({@code
 *       example.com/#/app/*});
 *   <li>a pattern without path segments matches only URLs without path segments (the home page).
 * </ul>
 *
 * <p>As in Segment, a {@code *} matches a part that is absent too ({@code example.com/*} matches
 * {@code example.com}, and {@code *.example.com} matches {@code example.com}): a wildcard is "any
 * value here", never "something must be here". One difference: the page URL is percent-decoded
 * like the pattern (Segment decoded only the pattern), so {@code /caf%C3%A9} and {@code /café}
 * are the same page.
 */
public final class CampaignUrlMatcher {

  private static final String WILDCARD = "*";

  private final Map<String, String> campaignsByPattern;

  /** @param campaignsByPattern URL pattern -> campaign uid; the iteration order is kept */
  public CampaignUrlMatcher(Map<String, String> campaignsByPattern) {
    this.campaignsByPattern = Collections.unmodifiableMap(new LinkedHashMap<>(campaignsByPattern));
  }

  /**
   * The campaigns whose pattern matches {@code url}, in pattern order, each once: two patterns of
   * the same campaign must not record the conversion twice.
   */
  public List<String> campaignsFor(String url) {
    List<String> campaigns = new ArrayList<>();
    if (url == null || url.isBlank()) {
      return campaigns;
    }
    UrlParts page = UrlParts.parse(url, false);
    campaignsByPattern.forEach(
        (pattern, campaign) -> {
          if (!campaigns.contains(campaign) && matches(UrlParts.parse(pattern, true), page)) {
            campaigns.add(campaign);
          }
        });
    return campaigns;
  }

  /** Whether one pattern matches one page URL. */
  public static boolean matches(String pattern, String url) {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(url, "url");
    if (pattern.isBlank()) {
      return false; // an empty setting is no campaign, not "every page"
    }
    return matches(UrlParts.parse(pattern, true), UrlParts.parse(url, false));
  }

  private static boolean matches(UrlParts pattern, UrlParts page) {
    if (!prefixMatches(pattern.hostReversed(), page.hostReversed())) {
      return false;
    }
    if (!prefixMatches(pattern.path(), page.path())) {
      return false;
    }
    if (pattern.hasHash() && !hashMatches(pattern.hash(), page)) {
      return false;
    }
    // a pattern for the home page is not a pattern for the whole site
    return !pattern.path().isEmpty() || page.path().isEmpty();
  }

  private static boolean prefixMatches(List<String> pattern, List<String> actual) {
    for (int i = 0; i < pattern.size(); i++) {
      String part = pattern.get(i);
      if (!part.equals(WILDCARD) && !(i < actual.size() && part.equals(actual.get(i)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hashMatches(List<String> pattern, UrlParts page) {
    // a wildcard may stand for a missing segment only when the page has a fragment at all
    if (!page.hasHash() && !pattern.isEmpty()) {
      return false;
    }
    return prefixMatches(pattern, page.hash());
  }
}
