package io.roundtrip.reverseetl.destinations.promoter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.reverseetl.destinations.http.FakeHttpServer;
import io.roundtrip.reverseetl.destinations.http.RecordedRequest;
import io.roundtrip.reverseetl.destinations.http.Reply;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Promoter.io's API in memory, as the {@code promoter} gem uses it, under {@code /api/}:
 *
 * <ul>
 *   <li>{@code POST contacts/}: creates or updates a contact by email, merges its (text-only)
 *       attributes, adds it to {@code contact_list} ids;
 *   <li>{@code GET contacts/?email=}: {@code {"count", "next", "previous", "results": [..]}};
 *   <li>{@code POST v2/survey/}: upserts the contact with its attributes and sends a survey
 *       through the campaign, with the survey-level attributes; counted per email: that count is
 *       what proves a survey never went out twice;
 *   <li>{@code DELETE lists/{list}/contacts/{id}}: 204, or 404 when the contact is not in the list.
 * </ul>
 *
 * Every request needs {@code Authorization: Token <api key>}, or gets a 401.
 */
public final class FakePromoter extends FakeHttpServer {

  /** A survey sent: to whom, through which campaign, with which survey-level attributes. */
  public record Survey(String email, long campaign, Map<String, String> attributes) {}

  /** A contact as Promoter stores it. */
  public record Contact(long id, String email, String firstName, String lastName, Map<String, String> attributes, Set<Long> lists) {}

  private static final Pattern LIST_MEMBER = Pattern.compile(".*/api/lists/(\\d+)/contacts/(\\d+)/?");

  private final String apiKey;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Contact> contacts = new LinkedHashMap<>();
  private final Map<String, Integer> surveysSent = new HashMap<>();
  private final List<Survey> surveys = new java.util.ArrayList<>();
  private long nextId = 1000;

  public FakePromoter(String apiKey) {
    this.apiKey = apiKey;
  }

  /** What {@link PromoterConfig#baseUrl()} is set to. */
  public URI apiBase() {
    return baseUri().resolve("api/");
  }

  public synchronized Optional<Contact> contact(String email) {
    return Optional.ofNullable(contacts.get(email.toLowerCase()));
  }

  public synchronized int surveysSentTo(String email) {
    return surveysSent.getOrDefault(email.toLowerCase(), 0);
  }

  public synchronized List<Survey> surveys() {
    return List.copyOf(surveys);
  }

  public synchronized Set<String> membersOf(long listId) {
    Set<String> members = new LinkedHashSet<>();
    contacts.values().stream().filter(c -> c.lists().contains(listId)).forEach(c -> members.add(c.email()));
    return members;
  }

  /** A contact that exists before the test's sync runs. */
  public synchronized Contact seed(String email, Map<String, String> attributes, Long... lists) {
    return upsert(email, null, null, attributes, List.of(lists));
  }

  @Override
  protected synchronized Reply handle(RecordedRequest request) {
    if (!request.header("Authorization").orElse("").equals("Token " + apiKey)) {
      return Reply.json(401, "{\"detail\": \"Invalid token.\"}");
    }
    Matcher member = LIST_MEMBER.matcher(request.path());
    if (request.method().equals("DELETE") && member.matches()) {
      return removeFromList(Long.parseLong(member.group(1)), Long.parseLong(member.group(2)));
    }
    if (request.is("GET", "/api/contacts/")) {
      return find(request.queryParams().get("email"));
    }
    if (request.is("POST", "/api/contacts/")) {
      return createContact(request.json());
    }
    if (request.is("POST", "/api/v2/survey/")) {
      return survey(request.json());
    }
    return Reply.json(404, "{\"detail\": \"Not found.\"}");
  }

  private Reply createContact(JsonNode body) {
    Optional<Reply> invalid = invalidContact(body);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    List<Long> lists = new java.util.ArrayList<>();
    body.path("contact_list").forEach(id -> lists.add(id.asLong()));
    Contact contact = upsert(body.get("email").asText(), text(body, "first_name"), text(body, "last_name"),
        attributes(body.path("attributes")), lists);
    return Reply.json(201, json(contact).toString());
  }

  private Reply survey(JsonNode body) {
    if (!body.path("campaign_id").canConvertToLong()) {
      return Reply.json(400, "{\"campaign_id\": [\"This field is required.\"]}");
    }
    JsonNode contactJson = body.path("contact");
    Optional<Reply> invalid = invalidContact(contactJson);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    Contact contact = upsert(contactJson.get("email").asText(), text(contactJson, "first_name"),
        text(contactJson, "last_name"), attributes(contactJson.path("attributes")), List.of());
    surveysSent.merge(contact.email(), 1, Integer::sum);
    surveys.add(new Survey(contact.email(), body.get("campaign_id").asLong(), attributes(body.path("attributes"))));
    ObjectNode reply = mapper.createObjectNode();
    reply.put("campaign", body.get("campaign_id").asLong());
    reply.set("contact", json(contact));
    reply.set("attributes", body.path("attributes").isObject() ? body.get("attributes") : mapper.createObjectNode());
    return Reply.json(201, reply.toString());
  }

  private Reply find(String email) {
    ObjectNode reply = mapper.createObjectNode();
    ArrayNode results = reply.putArray("results");
    Contact contact = email == null ? null : contacts.get(email.toLowerCase());
    if (contact != null) {
      results.add(json(contact));
    }
    reply.put("count", results.size());
    reply.putNull("next");
    reply.putNull("previous");
    return Reply.json(200, reply.toString());
  }

  private Reply removeFromList(long listId, long contactId) {
    for (Contact contact : contacts.values()) {
      if (contact.id() == contactId && contact.lists().contains(listId)) {
        Set<Long> lists = new LinkedHashSet<>(contact.lists());
        lists.remove(listId);
        contacts.put(contact.email(), new Contact(contact.id(), contact.email(), contact.firstName(), contact.lastName(),
            contact.attributes(), Set.copyOf(lists)));
        return Reply.status(204);
      }
    }
    return Reply.json(404, "{\"detail\": \"Not found.\"}");
  }

  /** Promoter wants an email, and attribute values that are strings. */
  private static Optional<Reply> invalidContact(JsonNode contact) {
    if (contact.path("email").asText("").isBlank()) {
      return Optional.of(Reply.json(400, "{\"email\": [\"This field is required.\"]}"));
    }
    for (JsonNode value : contact.path("attributes")) {
      if (!value.isTextual()) {
        return Optional.of(Reply.json(400, "{\"attributes\": [\"Attribute values must be strings.\"]}"));
      }
    }
    return Optional.empty();
  }

  private Contact upsert(String email, String firstName, String lastName, Map<String, String> attributes, List<Long> lists) {
    String key = email.toLowerCase();
    Contact old = contacts.get(key);
    Map<String, String> mergedAttributes = new LinkedHashMap<>(old == null ? Map.of() : old.attributes());
    mergedAttributes.putAll(attributes);
    Set<Long> mergedLists = new LinkedHashSet<>(old == null ? Set.of() : old.lists());
    mergedLists.addAll(lists);
    Contact contact = new Contact(
        old == null ? nextId++ : old.id(),
        key,
        firstName != null ? firstName : old == null ? null : old.firstName(),
        lastName != null ? lastName : old == null ? null : old.lastName(),
        Map.copyOf(mergedAttributes),
        Set.copyOf(mergedLists));
    contacts.put(key, contact);
    return contact;
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static Map<String, String> attributes(JsonNode attributes) {
    Map<String, String> map = new LinkedHashMap<>();
    attributes.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private ObjectNode json(Contact contact) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", contact.id());
    node.put("email", contact.email());
    node.put("first_name", contact.firstName());
    node.put("last_name", contact.lastName());
    node.put("created_date", "2025-01-01T00:00:00Z");
    ObjectNode attributes = node.putObject("attributes");
    contact.attributes().forEach(attributes::put);
    return node;
  }
}
