package io.roundtrip.models.attribution;

import static io.roundtrip.models.attribution.ReferralShares.channelOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channel of a share event. */
class ReferralSharesTest {

  private static final ReferralLinks LINKS = new ReferralLinks("refer.shop.example", Map.of("-i12", "email"));

  @Test
  void theSharesShareViaIsItsChannel() {
    // Segment's e-commerce spec: Product Shared {share_via: 'email', ...}
    assertThat(channelOf("email", null, null, false, LINKS)).isEqualTo("email");
    assertThat(channelOf("WhatsApp", null, null, false, LINKS)).isEqualTo("whatsapp");
    assertThat(channelOf(null, "Facebook Messenger", null, false, LINKS)).isEqualTo("facebook_messenger");
  }

  @Test
  void aCopiedLinkCountsAsAShareOfItsOwnChannel() {
    assertThat(channelOf(null, null, null, true, LINKS)).isEqualTo(ReferralShares.COPY_LINK);
    assertThat(channelOf("copy link", null, null, false, LINKS)).isEqualTo(ReferralShares.COPY_LINK);
    assertThat(channelOf("clipboard", null, null, false, LINKS)).isEqualTo(ReferralShares.COPY_LINK);
  }

  @Test
  void withoutANamedChannelTheSharedSmartUrlSaysWhichItIs() {
    assertThat(channelOf(null, null, "https://refer.shop.example/-i12/ada", false, LINKS)).isEqualTo("email");
    assertThat(channelOf(null, null, "https://refer.shop.example/-x9", false, LINKS)).isEqualTo("-x9");
    assertThat(channelOf(null, null, "https://elsewhere.example/", false, LINKS)).isEqualTo("unknown");
  }
}
