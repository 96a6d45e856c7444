package io.roundtrip.models.attribution;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises Ambassador's Smart URLs (the "Smart URLs" page of Ambassador's knowledge base):
 * {@code http(s)://<domain>/<tracking-id>/<share-code>}, the link an advocate shares through a
 * channel, and the short form {@code http(s)://<domain>/<tracking-id>} that other tracked links
 * (landing pages, sign-up links in emails and SMS) are replaced with; an optional trailing slash,
 * query string and fragment are allowed on both.
 *
 * <p>The tracking id names the channel. The codes the Smart URLs page names ship as {@link
 * #KNOWN_CHANNELS}; the configured {@code channels} add to them and win over them. A code that
 * neither knows stays the channel as it is (the report then shows {@code -x99}, which can be
 * looked up, rather than "unknown", which cannot).
 *
 * <p>The scheme and host compare case-insensitively (hosts are), the path case-sensitively (share
 * codes are). A port on the host is ignored. The domain is the program's short domain (a CNAME to
 * Ambassador's {@code mbsy.co}), which serves nothing but these links; a path of more than two
 * segments is not one.
 *
 * @param domain the link host, e.g. {@code refer.your-website.com}; a scheme and trailing slash
 *     are tolerated and dropped, so the site address can be pasted as is
 * @param channels tracking id to channel, e.g. {@code -i12 -> email}: the known codes with the
 *     configured ones over them
 */
public record ReferralLinks(String domain, Map<String, String> channels) implements Serializable {

  /**
   * The channel codes the Smart URLs page names: its example {@code refer.your-website.com/-i34/johndoe}
   * is the link of a WhatsApp share ("Share on WhatsApp ... Source = WhatsApp").
   */
  public static final Map<String, String> KNOWN_CHANNELS = Map.of("-i34", "whatsapp");

  public ReferralLinks {
    Objects.requireNonNull(domain, "domain");
    domain = domain.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
    while (domain.endsWith("/")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    Map<String, String> all = new LinkedHashMap<>(KNOWN_CHANNELS);
    if (channels != null) {
      all.putAll(channels);
    }
    channels = Map.copyOf(all);
  }

  /** No referral program: matches no url. */
  public static ReferralLinks none() {
    return new ReferralLinks("", Map.of());
  }

  /** The channel of a tracking id: known or configured, else the code itself. */
  public String channel(String trackingId) {
    return channels.getOrDefault(trackingId, trackingId);
  }

  /** The referral a url is a Smart URL of, or empty when it is not one. */
  public Optional<Referral> match(String url) {
    if (url == null || domain.isEmpty()) {
      return Optional.empty();
    }
    String rest = url.trim();
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://")) {
      rest = rest.substring("https://".length());
    } else if (lower.startsWith("http://")) {
      rest = rest.substring("http://".length());
    } else {
      return Optional.empty();
    }
    rest = cutAt(cutAt(rest, '#'), '?');
    int slash = rest.indexOf('/');
    String host = slash < 0 ? rest : rest.substring(0, slash);
    int colon = host.indexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    if (slash < 0 || !host.equalsIgnoreCase(domain)) {
      return Optional.empty();
    }
    String path = rest.substring(slash + 1);
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String[] segments = path.split("/", -1);
    if (segments.length > 2 || segments[0].isEmpty() || (segments.length == 2 && segments[1].isEmpty())) {
      return Optional.empty();
    }
    String trackingId = segments[0];
    return Optional.of(new Referral(trackingId, channel(trackingId), segments.length == 2 ? segments[1] : null));
  }

  private static String cutAt(String text, char c) {
    int i = text.indexOf(c);
    return i < 0 ? text : text.substring(0, i);
  }
}
