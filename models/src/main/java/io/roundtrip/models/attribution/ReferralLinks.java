package io.roundtrip.models.attribution;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises referral smart links: {@code http(s)://<domain>/<tracking-id>/<share-code>}, with
 * an optional trailing slash, query string and fragment.
 *
 * <p>The scheme and host compare case-insensitively (hosts are), the path case-sensitively (share
 * codes are). A port on the host is ignored. Paths with fewer or more than two segments are not
 * referral links (the link domain may serve other pages).
 *
 * @param domain the link host, e.g. {@code get.roundtrip-shop.example}; a scheme and trailing
 *     slash are tolerated and dropped, so the site address can be pasted as is
 * @param channels tracking id to channel, e.g. {@code -i34 -> whatsapp}
 */
public record ReferralLinks(String domain, Map<String, String> channels) implements Serializable {

  /** The channel of a tracking id that is not configured. */
  public static final String UNKNOWN = "unknown";

  public ReferralLinks {
    Objects.requireNonNull(domain, "domain");
    domain = domain.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
    while (domain.endsWith("/")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    channels = channels == null ? Map.of() : Map.copyOf(channels);
  }

  /** No referral program: matches no url. */
  public static ReferralLinks none() {
    return new ReferralLinks("", Map.of());
  }

  /** The referral a url is a link of, or empty when it is not one. */
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
    if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
      return Optional.empty();
    }
    String trackingId = segments[0];
    return Optional.of(
        new Referral(trackingId, channels.getOrDefault(trackingId, UNKNOWN), segments[1]));
  }

  private static String cutAt(String text, char c) {
    int i = text.indexOf(c);
    return i < 0 ? text : text.substring(0, i);
  }
}
