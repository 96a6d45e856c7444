package io.roundtrip.reverseetl.destinations.ambassador;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses the Ambassador campaigns of a record from the page URL it happened on, with the URL
 * patterns of Segment's Ambassador destination ("Mapping campaigns to URLs"), read as the page's
 * examples word them:
 *
 * <ul>
 *   <li>pattern and URL are compared lower-case and percent-decoded; {@code http://} is assumed
 *       when there is no protocol, and the protocol, port and query are never compared;
 *   <li>the host: a {@code *} that is the pattern's first label stands for any subdomain, or none
 *       ({@code *.example.com}: "root path at any subdomain on example.com"); a {@code *} that is
 *       its last label for any domain suffix, one label or more ({@code example.*}: example.com,
 *       example.co.uk); any other {@code *} for exactly one label ({@code www.*.com}: "any .com
 *       domain at the www subdomain"). Without a leading {@code *} the host must be equal: a bare
 *       domain does not match its subdomains ({@code example.com} is not www.example.com; the
 *       page makes subdomains the work of {@code *.}, and says {@code example.com/path} "matches
 *       only example.com/path");
 *   <li>the path, segment by segment: a trailing {@code *} stands for any rest of the path,
 *       including none ({@code example.com/*}: "any path on example.com"; {@code
 *       example.com/products/*}: "any path after /products"); any other {@code *} for exactly one
 *       segment ({@code example.com/products/*}{@code /refer}: products first, refer third).
 *       Without a trailing {@code *} the path must be equal ({@code example.com} is the root
 *       only, {@code example.com/path} that page only);
 *   <li>the fragment, the same way, but only when the pattern has one ({@code example.com/#/}:
 *       "only hash root path"; {@code example.com/#/*}: "any hash path"); {@code #!} is {@code #}.
 * </ul>
 *
 * <p>Segment's own code is looser than its page in two places: it lets a bare domain match its
 * subdomains and a path match as a prefix ({@code example.com/path} matching {@code
 * /path/deeper}). The page's wording is followed here, so a pattern means what it reads as.
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
          if (!campaigns.contains(campaign) && !pattern.isBlank() && matches(UrlParts.parse(pattern, true), page)) {
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
    List<String> host = new ArrayList<>(pattern.hostReversed());
    Collections.reverse(host);
    List<String> pageHost = new ArrayList<>(page.hostReversed());
    Collections.reverse(pageHost);
    if (!hostMatches(host, pageHost)) {
      return false;
    }
    if (!segmentsMatch(pattern.path(), 0, page.path(), 0)) {
      return false;
    }
    if (pattern.hasHash()) {
      return page.hasHash() && segmentsMatch(pattern.hash(), 0, page.hash(), 0);
    }
    return true;
  }

  /** Host labels left to right: a leading {@code *} is any labels or none, a last one one label or more. */
  private static boolean hostMatches(List<String> pattern, List<String> host) {
    if (pattern.size() == 1 && pattern.get(0).equals(WILDCARD)) {
      return !host.isEmpty();
    }
    return labelsMatch(pattern, 0, host, 0);
  }

  private static boolean labelsMatch(List<String> pattern, int p, List<String> host, int h) {
    if (p == pattern.size()) {
      return h == host.size();
    }
    String label = pattern.get(p);
    if (!label.equals(WILDCARD)) {
      return h < host.size() && label.equals(host.get(h)) && labelsMatch(pattern, p + 1, host, h + 1);
    }
    boolean first = p == 0;
    boolean last = p == pattern.size() - 1;
    int least = first ? 0 : 1;
    int most = first || last ? host.size() - h : 1;
    for (int taken = least; taken <= most; taken++) {
      if (h + taken <= host.size() && labelsMatch(pattern, p + 1, host, h + taken)) {
        return true;
      }
    }
    return false;
  }

  /** Path (or fragment) segments left to right: a trailing {@code *} is any rest, another {@code *} one segment. */
  private static boolean segmentsMatch(List<String> pattern, int p, List<String> path, int s) {
    if (p == pattern.size()) {
      return s == path.size();
    }
    String segment = pattern.get(p);
    if (segment.equals(WILDCARD)) {
      return p == pattern.size() - 1 || (s < path.size() && segmentsMatch(pattern, p + 1, path, s + 1));
    }
    return s < path.size() && segment.equals(path.get(s)) && segmentsMatch(pattern, p + 1, path, s + 1);
  }
}
