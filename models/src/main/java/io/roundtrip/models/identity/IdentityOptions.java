package io.roundtrip.models.identity;

import java.util.List;

/**
 * How identifiers are joined into people.
 *
 * @param emailEdges also join user ids that share a normalised (trimmed, lower-case) email trait
 * @param sharedDeviceMaxUsers an anonymous id seen with more distinct user ids than this is a
 *     shared device: it is listed and joins nobody
 * @param blockedValues identifier values that are never identifiers (compared case-insensitively)
 * @param blockedPatterns regular expressions; a value matching one in full is never an identifier
 */
public record IdentityOptions(boolean emailEdges, int sharedDeviceMaxUsers, List<String> blockedValues,
    List<String> blockedPatterns) {

  public static final List<String> DEFAULT_BLOCKED_VALUES = List.of("", "null", "anonymous", "-1");
  public static final List<String> DEFAULT_BLOCKED_PATTERNS = List.of("^[0-]*$");

  public IdentityOptions {
    if (sharedDeviceMaxUsers < 1) {
      throw new IllegalArgumentException("identity.shared_device_max_users must be at least 1, not " + sharedDeviceMaxUsers);
    }
    blockedValues = List.copyOf(blockedValues == null ? DEFAULT_BLOCKED_VALUES : blockedValues);
    blockedPatterns = List.copyOf(blockedPatterns == null ? DEFAULT_BLOCKED_PATTERNS : blockedPatterns);
    for (String pattern : blockedPatterns) {
      try {
        java.util.regex.Pattern.compile(pattern);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("identity.blocked_patterns: invalid regular expression " + pattern
            + ": " + e.getDescription());
      }
    }
  }

  public static IdentityOptions defaults() {
    return new IdentityOptions(false, 5, null, null);
  }
}
