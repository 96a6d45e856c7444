package io.roundtrip.reverseetl.destinations.ambassador;

import static io.roundtrip.reverseetl.destinations.ambassador.CampaignUrlMatcher.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The URL wildcard rules of Segment's Ambassador destination, case by case. */
class CampaignUrlMatcherTest {

  @Test
  void aBareDomainMatchesItsHomePage() {
    assertThat(matches("example.com", "http://example.com")).isTrue();
    assertThat(matches("example.com", "https://example.com/")).isTrue();
    assertThat(matches("example.com", "http://example.com/?utm_source=newsletter")).isTrue();
  }

  @Test
  void aBareDomainMatchesItsSubdomainsButNotOtherDomains() {
    assertThat(matches("example.com", "http://www.example.com")).isTrue();
    assertThat(matches("test.example2.com", "http://test.example2.com")).isTrue();
    assertThat(matches("example.com", "http://example.org")).isFalse();
    assertThat(matches("example.com", "http://notexample.com")).isFalse();
    assertThat(matches("www.example.com", "http://shop.example.com")).isFalse();
  }

  @Test
  void aPatternWithoutPathMatchesOnlyTheRoot() {
    assertThat(matches("example.com", "http://example.com/pricing")).isFalse();
    assertThat(matches("example.com/", "http://example.com/pricing")).isFalse();
  }

  @Test
  void aSubdomainWildcardMatchesAnySubdomain() {
    assertThat(matches("*.example3.com", "http://www.example3.com")).isTrue();
    assertThat(matches("*.example3.com", "http://a.b.example3.com")).isTrue();
    assertThat(matches("*.example3.com", "http://www.other.com")).isFalse();
    assertThat(matches("*.com", "http://test.com")).isTrue();
    assertThat(matches("*.*", "http://test2.biz")).isTrue();
  }

  @Test
  void aWildcardStandsForAMissingLabelToo() {
    // Segment compares label by label and skips wildcards, so *.example.com covers example.com
    assertThat(matches("*.example.com", "http://example.com")).isTrue();
  }

  @Test
  void aTopLevelDomainWildcardMatchesAnyTopLevelDomain() {
    assertThat(matches("example4.*", "http://example4.net")).isTrue();
    assertThat(matches("example4.*", "http://example4.co")).isTrue();
    assertThat(matches("example4.*", "http://example5.net")).isFalse();
  }

  @Test
  void aPathWildcardMatchesOneSegment() {
    assertThat(matches("example5.com/*", "http://example5.com/test")).isTrue();
    assertThat(matches("example7.com/*/test2", "http://example7.com/test/test2")).isTrue();
    assertThat(matches("example7.com/*/test2", "http://example7.com/a/b/test2")).isFalse();
    assertThat(matches("example7.com/*/test2", "http://example7.com/test/other")).isFalse();
  }

  @Test
  void aTrailingPathWildcardAlsoMatchesWhenTheSegmentIsAbsent() {
    // from Segment's own tests: example.com and example.com/* both match http://example.com
    assertThat(matches("example.com/*", "http://example.com")).isTrue();
  }

  @Test
  void aPathIsComparedAsAPrefix() {
    assertThat(matches("example6.com/test/*", "http://example6.com/test/example")).isTrue();
    assertThat(matches("example.com/pricing", "http://example.com/pricing")).isTrue();
    assertThat(matches("example.com/pricing", "http://example.com/pricing/annual/eu")).isTrue();
    assertThat(matches("example.com/pricing", "http://example.com/about")).isFalse();
    assertThat(matches("example.com/pricing/annual", "http://example.com/pricing")).isFalse();
  }

  @Test
  void theHashIsComparedOnlyWhenThePatternHasOne() {
    assertThat(matches("example.com/app", "http://example.com/app#/settings")).isTrue();
    assertThat(matches("example8.com/#/", "http://example8.com/#/")).isTrue();
    assertThat(matches("example9.com/#/*", "http://example9.com/#/test")).isTrue();
    assertThat(matches("example10.com/#/test/*", "http://example10.com/#/test/example")).isTrue();
    assertThat(matches("example11.com/#/*/test2", "http://example11.com/#/example/test2")).isTrue();
    assertThat(matches("example.com/app#/settings", "http://example.com/app#/billing")).isFalse();
    assertThat(matches("example.com/app#/settings", "http://example.com/app")).isFalse();
  }

  @Test
  void aHashbangIsTheSameAsAHash() {
    assertThat(matches("example.com/#!/signup", "http://example.com/#/signup")).isTrue();
    assertThat(matches("example.com/#/signup", "http://example.com/#!/signup?step=2")).isTrue();
  }

  @Test
  void comparisonIgnoresCase() {
    assertThat(matches("example6.com/test/*", "http://example6.com/TeSt/eXAMplE")).isTrue();
    assertThat(matches("example6.com/TeST/*", "http://example6.com/test/example")).isTrue();
    assertThat(matches("EXAMPLE.com", "http://www.Example.COM")).isTrue();
  }

  @Test
  void protocolPortAndQueryAreNotCompared() {
    assertThat(matches("https://example.com/shop", "http://example.com:8080/shop?item=1")).isTrue();
    assertThat(matches("http://example.com/shop", "https://user@example.com/shop/")).isTrue();
  }

  @Test
  void aFullWidthDotCountsAsADot() {
    assertThat(matches("*\uFF0Etest\uFF0Ecom", "http://sub.test.com")).isTrue();
  }

  @Test
  void percentEncodingIsDecodedOnBothSides() {
    assertThat(matches("example.com/caf%C3%A9", "http://example.com/café/menu")).isTrue();
    assertThat(matches("example.com/café", "http://example.com/caf%C3%A9")).isTrue();
  }

  @Test
  void aBlankPatternMatchesNothing() {
    assertThat(matches(" ", "http://example.com")).isFalse();
  }

  @Test
  void severalMatchingCampaignsAreAllChosenInPatternOrder() {
    Map<String, String> campaigns = new LinkedHashMap<>();
    campaigns.put("example.com/*", "2");
    campaigns.put("example.com", "1");
    campaigns.put("test.com", "3");

    assertThat(new CampaignUrlMatcher(campaigns).campaignsFor("http://example.com")).containsExactly("2", "1");
  }

  @Test
  void aCampaignMatchedByTwoPatternsIsChosenOnce() {
    Map<String, String> campaigns = new LinkedHashMap<>();
    campaigns.put("example.com/shop", "7");
    campaigns.put("*.example.com/shop/*", "7");

    assertThat(new CampaignUrlMatcher(campaigns).campaignsFor("https://www.example.com/shop/cart")).containsExactly("7");
  }

  @Test
  void noCampaignForAMissingUrl() {
    assertThat(new CampaignUrlMatcher(Map.of("example.com", "1")).campaignsFor(null)).isEmpty();
    assertThat(new CampaignUrlMatcher(Map.of("example.com", "1")).campaignsFor("http://other.com")).isEmpty();
  }
}
