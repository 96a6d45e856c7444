package io.roundtrip.reverseetl.secrets;

import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.urls.UrlEncoding;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Blanks out credentials in what may be printed or stored: result reasons, exception messages,
 * run history and the payloads of failed records. A destination builds one from the secrets it
 * was given and passes every outgoing reason through it; the sync history gets one with the
 * secrets of the sync's destination. The encoded forms are covered too because a secret travels
 * percent-encoded in a URL path or query, and payload fields whose name says they are secret are
 * blanked whatever their value.
 *
 * @param secrets the literal secrets; blank ones are ignored
 */
public record Redactor(List<String> secrets) {

  public static final String MASK = "[redacted]";
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|secret|token|api_?key|authorization|credential).*");

  public Redactor {
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : Objects.requireNonNull(secrets, "secrets")) {
      if (secret != null && !secret.isBlank()) {
        forms.add(secret);
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(UrlEncoding.segment(secret));
      }
    }
    // longest first, so a secret that contains another is masked whole
    secrets = forms.stream().sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
  }

  public static Redactor of(String... secrets) {
    return new Redactor(java.util.Arrays.asList(secrets));
  }

  public static Redactor none() {
    return new Redactor(List.of());
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  public RecordResult redact(RecordResult result) {
    if (result instanceof RecordResult.Retry retry) {
      return new RecordResult.Retry(redact(retry.reason()), retry.retryAfter());
    }
    if (result instanceof RecordResult.Rejected rejected) {
      return new RecordResult.Rejected(redact(rejected.reason()), rejected.wholeBatch());
    }
    if (result instanceof RecordResult.Unknown unknown) {
      return new RecordResult.Unknown(redact(unknown.reason()));
    }
    if (result instanceof RecordResult.Skipped skipped) {
      return new RecordResult.Skipped(redact(skipped.reason()));
    }
    if (result instanceof RecordResult.Deferred deferred) {
      return new RecordResult.Deferred(redact(deferred.reason()));
    }
    return result;
  }

  /** A payload with secret-named fields and any occurrence of a secret blanked out. */
  public Map<String, Object> fields(Map<String, Object> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((name, value) -> out.put(name, SECRET_NAME.matcher(name).matches() ? MASK : value(value)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private Object value(Object value) {
    if (value instanceof String text) {
      return redact(text);
    }
    if (value instanceof Map<?, ?> map) {
      return fields((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(this::value).toList();
    }
    return value;
  }

  /** The secrets themselves never show in a dump of this object. */
  @Override
  public String toString() {
    return "Redactor[" + secrets.size() + " forms]";
  }
}
