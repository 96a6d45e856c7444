package io.roundtrip.reverseetl.destinations.promoter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destinations.http.HttpCall;
import io.roundtrip.reverseetl.destinations.http.HttpReply;
import io.roundtrip.reverseetl.destinations.http.JsonHttpClient;
import io.roundtrip.reverseetl.destinations.http.RecordResults;
import io.roundtrip.reverseetl.urls.UrlEncoding;

/**
 * Finds a contact by email with {@code GET contacts/?email=}, which answers {@code {"results":
 * [{"id", "email", "attributes", ...}]}}. Promoter filters by email, but the exact address is
 * still checked (case-insensitively) so a loose server-side match never picks someone else.
 */
final class ContactLookup {

  sealed interface Found {}

  record Contact(long id, JsonNode attributes) implements Found {}

  record NoContact() implements Found {}

  record Failed(RecordResult result) implements Found {}

  private final JsonHttpClient http;

  ContactLookup(JsonHttpClient http) {
    this.http = http;
  }

  Found find(String email) {
    HttpReply reply = http.send(HttpCall.get("contacts/?email=" + UrlEncoding.query(email)));
    if (!reply.ok()) {
      return new Failed(RecordResults.forOneRecord(reply.result()));
    }
    JsonNode results = ((HttpReply.Received) reply).json().path("results");
    if (!results.isArray()) {
      return new Failed(new RecordResult.Retry("Promoter contact lookup answered without a results list", null));
    }
    for (JsonNode contact : results) {
      if (email.equalsIgnoreCase(contact.path("email").asText())) {
        if (!contact.path("id").canConvertToLong()) {
          return new Failed(new RecordResult.Retry("Promoter contact lookup answered a contact without an id", null));
        }
        JsonNode attributes = contact.has("attributes") ? contact.get("attributes") : MissingNode.getInstance();
        return new Contact(contact.get("id").asLong(), attributes);
      }
    }
    return new NoContact();
  }
}
