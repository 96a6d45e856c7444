package io.roundtrip.reverseetl.destinations.ambassador;

import static io.roundtrip.reverseetl.destinations.ambassador.CampaignUrlMatcher.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every example of "URL mapping examples" on Segment's Ambassador destination page, read as the
 * page words it, then the rules around them.
 */
class CampaignUrlMatcherTest {

  // the page's examples, one test each, named after its wording

  @Test
  void starDotStarSlashStarMatchesAnyDomainAndAnyPath() {
    assertThat(matches("*.*/*", "http://example.com")).isTrue();
    assertThat(matches("*.*/*", "https://shop.example.co.uk/cart/checkout?step=2")).isTrue();
    assertThat(matches("*.*/*", "http://test2.biz/a")).isTrue();
  }

  @Test
  void starDotExampleDotComMatchesTheRootPathAtAnySubdomainOnExampleCom() {
    assertThat(matches("*.example.com", "http://www.example.com")).isTrue();
    assertThat(matches("*.example.com", "http://a.b.example.com/")).isTrue();
    assertThat(matches("*.example.com", "http://www.example.com/pricing")).isFalse(); // the root path only
    assertThat(matches("*.example.com", "http://www.other.com")).isFalse();
    assertThat(matches("*.example.com", "http://notexample.com")).isFalse();
  }

  @Test
  void wwwDotStarDotComMatchesAnyDotComDomainAtTheWwwSubdomain() {
    assertThat(matches("www.*.com", "http://www.example.com")).isTrue();
    assertThat(matches("www.*.com", "http://www.shop.com")).isTrue();
    assertThat(matches("www.*.com", "http://shop.com")).isFalse(); // no www
    assertThat(matches("www.*.com", "http://api.example.com")).isFalse();
    assertThat(matches("www.*.com", "http://www.example.org")).isFalse(); // not .com
    assertThat(matches("www.*.com", "http://www.com")).isFalse(); // no domain between
  }

  @Test
  void exampleDotStarMatchesAnyDomainSuffix() {
    assertThat(matches("example.*", "http://example.net")).isTrue();
    assertThat(matches("example.*", "http://example.co")).isTrue();
    assertThat(matches("example.*", "http://example.co.uk")).isTrue();
    assertThat(matches("example.*", "http://example5.net")).isFalse();
    assertThat(matches("example.*", "http://www.example.com")).isFalse();
  }

  @Test
  void exampleDotComSlashPathMatchesOnlyExampleDotComSlashPath() {
    assertThat(matches("example.com/path", "http://example.com/path")).isTrue();
    assertThat(matches("example.com/path", "https://example.com/path/?ref=1")).isTrue();
    assertThat(matches("example.com/path", "http://example.com/path/deeper")).isFalse();
    assertThat(matches("example.com/path", "http://example.com/other")).isFalse();
    assertThat(matches("example.com/path", "http://www.example.com/path")).isFalse();
  }

  @Test
  void exampleDotComSlashStarMatchesAnyPathOnExampleDotCom() {
    assertThat(matches("example.com/*", "http://example.com/test")).isTrue();
    assertThat(matches("example.com/*", "http://example.com/a/b/c")).isTrue();
    assertThat(matches("example.com/*", "http://example.com")).isTrue(); // the root is a path too
    assertThat(matches("example.com/*", "http://shop.example.com/test")).isFalse();
  }

  @Test
  void productsSlashStarMatchesAnyPathAfterSlashProducts() {
    assertThat(matches("example.com/products/*", "http://example.com/products/shoes")).isTrue();
    assertThat(matches("example.com/products/*", "http://example.com/products/shoes/red")).isTrue();
    assertThat(matches("example.com/products/*", "http://example.com/products")).isTrue();
    assertThat(matches("example.com/products/*", "http://example.com/blog/shoes")).isFalse();
  }

  @Test
  void productsStarReferMatchesProductsInTheFirstAndReferInTheThirdPathPosition() {
    assertThat(matches("example.com/products/*/refer", "http://example.com/products/shoes/refer")).isTrue();
    assertThat(matches("example.com/products/*/refer", "http://example.com/products/shoes/red/refer")).isFalse();
    assertThat(matches("example.com/products/*/refer", "http://example.com/products/refer")).isFalse();
    assertThat(matches("example.com/products/*/refer", "http://example.com/products/shoes/other")).isFalse();
  }

  @Test
  void hashSlashMatchesOnlyTheHashRootPath() {
    assertThat(matches("example.com/#/", "http://example.com/#/")).isTrue();
    assertThat(matches("example.com/#/", "http://example.com/#/products")).isFalse();
    assertThat(matches("example.com/#/", "http://example.com/")).isFalse(); // no hash at all
  }

  @Test
  void hashSlashStarMatchesAnyHashPath() {
    assertThat(matches("example.com/#/*", "http://example.com/#/test")).isTrue();
    assertThat(matches("example.com/#/*", "http://example.com/#/a/b")).isTrue();
    assertThat(matches("example.com/#/*", "http://example.com/")).isFalse();
  }

  @Test
  void hashProductsSlashStarMatchesAnyHashPathAfterSlashProducts() {
    assertThat(matches("example.com/#/products/*", "http://example.com/#/products/shoes")).isTrue();
    assertThat(matches("example.com/#/products/*", "http://example.com/#/blog/shoes")).isFalse();
  }

  @Test
  void hashProductsStarReferMatchesProductsFirstAndReferThirdInTheHashPath() {
    assertThat(matches("example.com/#/products/*/refer", "http://example.com/#/products/shoes/refer")).isTrue();
    assertThat(matches("example.com/#/products/*/refer", "http://example.com/#/products/shoes/red/refer")).isFalse();
  }

  // decided from the page's wording

  @Test
  void aBareDomainMatchesItsHomePageButNotItsSubdomains() {
    // the page leaves subdomains to "*." and calls example.com/path "only example.com/path"
    assertThat(matches("example.com", "http://example.com")).isTrue();
    assertThat(matches("example.com", "https://example.com/")).isTrue();
    assertThat(matches("example.com", "http://example.com/?utm_source=newsletter")).isTrue();
    assertThat(matches("example.com", "http://www.example.com")).isFalse();
    assertThat(matches("example.com", "http://example.com/pricing")).isFalse();
    assertThat(matches("example.com", "http://example.org")).isFalse();
  }

  @Test
  void aLeadingWildcardAlsoStandsForNoSubdomain() {
    // as in Segment's code: "any subdomain" includes the domain itself
    assertThat(matches("*.example.com", "http://example.com")).isTrue();
  }

  // the rules around the examples

  @Test
  void theHashIsComparedOnlyWhenThePatternHasOne() {
    assertThat(matches("example.com/app", "http://example.com/app#/settings")).isTrue();
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
    assertThat(matches("EXAMPLE.com", "http://Example.COM")).isTrue();
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
    assertThat(matches("example.com/caf%C3%A9/*", "http://example.com/café/menu")).isTrue();
    assertThat(matches("example.com/café", "http://example.com/caf%C3%A9")).isTrue();
  }

  @Test
  void aBlankPatternMatchesNothing() {
    assertThat(matches(" ", "http://example.com")).isFalse();
  }

  @Test
  void severalMatchingCampaignsAreAllChosenInPatternOrder() {
    // "If the browser URL matches multiple campaigns identify and/or track will be called once per campaign"
    Map<String, String> campaigns = new LinkedHashMap<>();
    campaigns.put("example.com/*", "2");
    campaigns.put("example.com", "1");
    campaigns.put("test.com", "3");

    assertThat(new CampaignUrlMatcher(campaigns).campaignsFor("http://example.com")).containsExactly("2", "1");
  }

  @Test
  void aCampaignMatchedByTwoPatternsIsChosenOnce() {
    Map<String, String> campaigns = new LinkedHashMap<>();
    campaigns.put("*.example.com/shop/*", "7");
    campaigns.put("www.example.com/shop/cart", "7");

    assertThat(new CampaignUrlMatcher(campaigns).campaignsFor("https://www.example.com/shop/cart")).containsExactly("7");
  }

  @Test
  void noCampaignForAMissingUrl() {
    assertThat(new CampaignUrlMatcher(Map.of("example.com", "1")).campaignsFor(null)).isEmpty();
    assertThat(new CampaignUrlMatcher(Map.of("example.com", "1")).campaignsFor("http://other.com")).isEmpty();
  }
}
