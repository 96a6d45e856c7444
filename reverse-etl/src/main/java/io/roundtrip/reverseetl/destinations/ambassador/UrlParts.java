package io.roundtrip.reverseetl.destinations.ambassador;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A URL (or a URL pattern) cut into the parts {@link CampaignUrlMatcher} compares: hostname labels
 * right to left, path segments and hash segments, all lower-case and percent-decoded, empty parts
 * dropped. A hand-written split rather than {@link java.net.URI}, which refuses a {@code *}
 * hostname label.
 *
 * @param hostReversed hostname labels, top-level domain first
 * @param path path segments, left to right
 * @param hash segments of the fragment, after dropping {@code #} and {@code !} (so {@code #!/a}
 *     and {@code #/a} are alike)
 * @param hasHash whether there is a non-empty fragment at all
 */
record UrlParts(List<String> hostReversed, List<String> path, List<String> hash, boolean hasHash) {

  private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");

  UrlParts {
    hostReversed = List.copyOf(hostReversed);
    path = List.copyOf(path);
    hash = List.copyOf(hash);
  }

  /**
   * @param isPattern a pattern's fragment is taken whole; a page URL's fragment loses what follows
   *     a {@code ?} (the query of a hash-routed single-page app)
   */
  static UrlParts parse(String url, boolean isPattern) {
    // a full-width dot (U+FF0E) is what a pasted pattern sometimes has instead of "."
    String text = url.trim().replace('\uFF0E', '.').toLowerCase(Locale.ROOT);
    if (!SCHEME.matcher(text).find()) {
      text = "http://" + text;
    }
    String rest = text.substring(text.indexOf("://") + 3);

    int authorityEnd = firstOf(rest, "/?#");
    String authority = rest.substring(0, authorityEnd);
    String afterAuthority = rest.substring(authorityEnd);

    int hashAt = afterAuthority.indexOf('#');
    String beforeHash = hashAt < 0 ? afterAuthority : afterAuthority.substring(0, hashAt);
    String fragment = hashAt < 0 ? "" : afterAuthority.substring(hashAt + 1);
    int queryAt = beforeHash.indexOf('?');
    String pathText = queryAt < 0 ? beforeHash : beforeHash.substring(0, queryAt);

    String hashText = fragment.replaceAll("[#!]+", "");
    if (!isPattern) {
      int hashQuery = hashText.indexOf('?');
      hashText = hashQuery < 0 ? hashText : hashText.substring(0, hashQuery);
    }

    List<String> host = parts(decode(hostname(authority)), "\\.");
    Collections.reverse(host);
    return new UrlParts(host, parts(decode(pathText), "/"), parts(decode(hashText), "/"), !fragment.isEmpty());
  }

  private static String hostname(String authority) {
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (host.startsWith("[")) {
      return host; // an IPv6 literal: compared as one label, it never matters for campaigns
    }
    int port = host.indexOf(':');
    return port < 0 ? host : host.substring(0, port);
  }

  private static int firstOf(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  private static List<String> parts(String text, String separator) {
    List<String> parts = new ArrayList<>(Arrays.asList(text.split(separator)));
    parts.removeIf(String::isEmpty);
    return parts;
  }

  /** Percent-decoding that leaves a malformed escape as it is rather than failing the match. */
  private static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    try {
      // "+" is a literal plus in a path, not a space
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }
}
