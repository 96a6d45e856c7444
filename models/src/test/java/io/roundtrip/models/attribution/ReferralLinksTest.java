package io.roundtrip.models.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferralLinksTest {

  static final ReferralLinks LINKS = new ReferralLinks(
      "get.roundtrip-shop.example", Map.of("-i34", "whatsapp", "-e7", "email"));

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
  void referralUrlsGiveTrackingIdChannelAndShareCode(String url) {
    assertThat(LINKS.match(url)).contains(new Referral("-i34", "whatsapp", "AB12cd"));
  }

  @Test
  void unknownTrackingIdMapsToChannelUnknown() {
    assertThat(LINKS.match("https://get.roundtrip-shop.example/-zz/AB12cd"))
        .contains(new Referral("-zz", ReferralLinks.UNKNOWN, "AB12cd"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://roundtrip-shop.example/-i34/AB12cd",          // wrong domain
      "https://evil.get.roundtrip-shop.example/-i34/AB12cd", // a subdomain is another host
      "https://get.roundtrip-shop.example.evil/-i34/AB12cd", // neither is a longer one
      "ftp://get.roundtrip-shop.example/-i34/AB12cd",        // not http(s)
      "get.roundtrip-shop.example/-i34/AB12cd",              // no scheme
      "https://get.roundtrip-shop.example/-i34",             // no share code
      "https://get.roundtrip-shop.example/-i34/",
      "https://get.roundtrip-shop.example/-i34/AB12cd/more", // another page on the link domain
      "https://get.roundtrip-shop.example//AB12cd",
      "https://get.roundtrip-shop.example",
      "https://get.roundtrip-shop.example/?-i34/AB12cd",     // the path is in the query
      "",
  })
  void otherUrlsAreNotReferrals(String url) {
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
