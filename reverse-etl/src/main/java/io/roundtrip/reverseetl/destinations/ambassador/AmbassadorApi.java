package io.roundtrip.reverseetl.destinations.ambassador;

import com.fasterxml.jackson.databind.JsonNode;
import io.roundtrip.reverseetl.delivery.ResponseClassifier;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destinations.http.HttpReply;
import io.roundtrip.reverseetl.destinations.http.JsonHttpClient;
import io.roundtrip.reverseetl.destinations.http.RecordResults;
import io.roundtrip.reverseetl.secrets.Redactor;
import io.roundtrip.reverseetl.urls.UrlEncoding;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ambassador's REST API v2 as far as this destination needs it: a form POST to {@code
 * {base}/{username}/{token}/json/{call}} answered by {@code {"response": {"code", "message",
 * "data" | "errors"}}}.
 *
 * <p>Parameters go form-encoded ({@code application/x-www-form-urlencoded}) because that is how
 * Ambassador's documentation and examples send them; every value is text, booleans as {@code 1}
 * and {@code 0} like the API's own flags.
 *
 * <p>Ambassador reports failures in {@code response.code} even under HTTP 200, so a non-2xx code
 * there is classified exactly like that HTTP status would be.
 */
final class AmbassadorApi {

  private final JsonHttpClient http;
  private final Redactor redactor;
  private final Clock clock;

  AmbassadorApi(AmbassadorConfig config, Clock clock) {
    this.redactor = Redactor.of(config.token());
    this.clock = clock;
    String base = config.baseUrl().toString();
    URI root = URI.create((base.endsWith("/") ? base : base + "/")
        + UrlEncoding.segment(config.username()) + "/" + UrlEncoding.segment(config.token()) + "/json/");
    this.http = new JsonHttpClient(root, Map.of("Accept", "application/json"), config.timeout(), redactor, clock);
  }

  Redactor redactor() {
    return redactor;
  }

  /** One call; Ambassador's calls used here are all safe to repeat (see the destination). */
  AmbassadorReply post(String call, Map<String, String> params) {
    HttpReply reply = http.send(http.postForm(call, params, true));
    if (!(reply instanceof HttpReply.Received received)) {
      return new AmbassadorReply(reply.result(), List.of());
    }
    JsonNode response = received.json().path("response");
    List<String> errors = errors(response);
    if (!received.successStatus()) {
      RecordResult result = reply.result();
      if (!errors.isEmpty()) {
        result = RecordResults.withReason(result, "Ambassador HTTP " + received.status() + ": " + String.join("; ", errors));
      }
      return reply(RecordResults.forOneRecord(result), errors);
    }
    if (!reply.ok()) {
      return reply(reply.result(), errors); // a 2xx that is not JSON
    }
    Integer code = code(response.path("code"));
    if (code == null) {
      return reply(new RecordResult.Retry("Ambassador answered HTTP " + received.status() + " without a response.code", null), errors);
    }
    if (code >= 200 && code < 300) {
      return new AmbassadorReply(RecordResult.ok(), errors);
    }
    String detail = errors.isEmpty() ? response.path("message").asText("") : String.join("; ", errors);
    RecordResult classified = ResponseClassifier.classify(code, Optional.empty(), detail, clock.instant(), true);
    String reason = "Ambassador response.code " + code + " (HTTP " + received.status() + ")"
        + (detail.isBlank() ? "" : ": " + detail);
    return reply(RecordResults.forOneRecord(RecordResults.withReason(classified, reason)), errors);
  }

  private AmbassadorReply reply(RecordResult result, List<String> errors) {
    return new AmbassadorReply(redactor.redact(result), errors);
  }

  /** {@code "400"} or {@code 400}; null when absent or not a number. */
  private static Integer code(JsonNode code) {
    if (code.isInt()) {
      return code.intValue();
    }
    if (code.isTextual()) {
      try {
        return Integer.parseInt(code.textValue().trim());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }

  /** Every text under {@code errors}, whatever its shape ({@code {"error": [..]}}, a string, a list). */
  private static List<String> errors(JsonNode response) {
    List<String> texts = new ArrayList<>();
    collect(response.path("errors"), texts);
    return texts;
  }

  private static void collect(JsonNode node, List<String> texts) {
    if (node.isValueNode()) {
      String text = node.asText();
      if (!text.isBlank()) {
        texts.add(text);
      }
    } else if (node.isContainerNode()) {
      node.elements().forEachRemaining(child -> collect(child, texts));
    }
  }
}
