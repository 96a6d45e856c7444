package io.roundtrip.models.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ambassador's Smart URLs (the Smart URLs page of Ambassador's knowledge base). */
class ReferralLinksTest {

  static final ReferralLinks LINKS = new ReferralLinks(
      "get.roundtrip-shop.example", Map.of("-e7", "email"));

  @ParameterizedTest
  @ValueSource(strings = {
      "https://get.roundtrip-shop.example/-i34/AB12cd",
      "http://get.roundtrip-shop.example/-i34/AB12cd",
      "https://get.roundtrip-shop.example/-i34/AB12cd/",
      "https://get.roundtrip-shop.example/-i34/AB12cd?utm_source=x&y=%2F",
      "https://get.roundtrip-shop.example/-i34/AB12cd/?y=1#top",
      "https://get.roundtrip-shop.example/-i34/AB12cd#top",
      "HTTPS://Get.Roundtrip-Shop.Example/-i34/AB12cd",
      "https://get.roundtrip-shop.example:443/-i34/AB12cd",
  })
  void aSmartUrlGivesTrackingIdChannelAndShareCode(String url) {
    assertThat(LINKS.match(url)).contains(new Referral("-i34", "whatsapp", "AB12cd"));
  }

  @Test
  void thePagesChannelCodesShipAsDefaults() {
    // the page's example refer.your-website.com/-i34/johndoe is a WhatsApp share
    assertThat(new ReferralLinks("refer.your-website.com", Map.of()).match("https://refer.your-website.com/-i34/johndoe"))
        .contains(new Referral("-i34", "whatsapp", "johndoe"));
  }

  @Test
  void configuredChannelsAddToTheDefaultsAndWinOverThem() {
    ReferralLinks links = new ReferralLinks("r.example", Map.of("-i34", "whatsapp_business", "-e7", "email"));

    assertThat(links.channel("-i34")).isEqualTo("whatsapp_business");
    assertThat(links.channel("-e7")).isEqualTo("email");
  }

  @Test
  void theShortFormWithOnlyATrackingIdIsASmartUrlToo() {
    // "Ambassador replaces the link with a short tracking URL: your-custom-domain/{tracking-id}"
    assertThat(LINKS.match("https://get.roundtrip-shop.example/-e7")).contains(new Referral("-e7", "email", null));
    assertThat(LINKS.match("https://get.roundtrip-shop.example/-e7/?utm=x")).contains(new Referral("-e7", "email", null));
  }

  @Test
  void anUnknownTrackingIdKeepsItsCodeAsTheChannel() {
    assertThat(LINKS.match("https://get.roundtrip-shop.example/-t55/AB12cd"))
        .contains(new Referral("-t55", "-t55", "AB12cd"));
    assertThat(LINKS.match("https://get.roundtrip-shop.example/-t55")).contains(new Referral("-t55", "-t55", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://roundtrip-shop.example/-i34/AB12cd",          // wrong domain
      "https://evil.get.roundtrip-shop.example/-i34/AB12cd", // a subdomain is another host
      "https://get.roundtrip-shop.example.evil/-i34/AB12cd", // neither is a longer one
      "ftp://get.roundtrip-shop.example/-i34/AB12cd",        // not http(s)
      "get.roundtrip-shop.example/-i34/AB12cd",              // no scheme
      "https://get.roundtrip-shop.example/-i34/AB12cd/more", // more than tracking id and share code
      "https://get.roundtrip-shop.example//AB12cd",
      "https://get.roundtrip-shop.example",
      "https://get.roundtrip-shop.example/",
      "https://get.roundtrip-shop.example/?-i34/AB12cd",     // the path is in the query
      "",
  })
  void otherUrlsAreNotSmartUrls(String url) {
    assertThat(LINKS.match(url)).isEmpty();
  }

  @Test
  void nullUrlIsNotAReferral() {
    assertThat(LINKS.match(null)).isEmpty();
    assertThat(ReferralLinks.none().match("https://get.roundtrip-shop.example/-i34/x")).isEmpty();
  }

  @Test
  void domainMayBeConfiguredAsASiteAddress() {
    ReferralLinks links = new ReferralLinks("https://get.roundtrip-shop.example/", Map.of());

    assertThat(links.domain()).isEqualTo("get.roundtrip-shop.example");
    assertThat(links.match("https://get.roundtrip-shop.example/-e7/q")).isPresent();
  }
}
