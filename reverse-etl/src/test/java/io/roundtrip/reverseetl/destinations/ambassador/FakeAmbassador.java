package io.roundtrip.reverseetl.destinations.ambassador;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.reverseetl.destinations.http.FakeHttpServer;
import io.roundtrip.reverseetl.destinations.http.RecordedRequest;
import io.roundtrip.reverseetl.destinations.http.Reply;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ambassador's API v2 in memory, under {@code /api/v2/{username}/{token}/json/}:
 *
 * <ul>
 *   <li>{@code ambassador/get}: the ambassador of {@code email}; with {@code auto_create=1} one is
 *       created when there is none ("if the customer is not an ambassador, create them"); with
 *       {@code campaign_uid} the ambassador is enrolled in that campaign; without {@code
 *       auto_create}, an unknown email is refused as not found;
 *   <li>{@code ambassador/update}: changes an existing ambassador and moves it between groups
 *       ({@code add_to_group_id}, {@code remove_from_group_id}); an unknown email is refused as
 *       not found (update creates no one);
 *   <li>{@code event/record}: records a commission, refusing a transaction id it already has for
 *       that campaign, as the API documents.
 * </ul>
 *
 * Errors come the Ambassador way: HTTP 200 with {@code response.code} 400 and {@code
 * response.errors.error}. Wrong credentials get HTTP 401.
 */
public final class FakeAmbassador extends FakeHttpServer {

  /** A recorded commission. */
  public record Commission(String campaignUid, String transactionUid, String email, Map<String, String> params) {}

  static final String DUPLICATE_TRANSACTION = "A commission with this transaction_uid already exists for this campaign.";
  static final String NOT_FOUND = "The requested ambassador could not be found.";

  private final String username;
  private final String token;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Map<String, String>> ambassadors = new LinkedHashMap<>();
  private final Map<String, Set<String>> groups = new LinkedHashMap<>();
  private final Map<String, Set<String>> campaigns = new LinkedHashMap<>();
  private final List<Commission> commissions = new ArrayList<>();

  public FakeAmbassador(String username, String token) {
    this.username = username;
    this.token = token;
  }

  /** What {@link AmbassadorConfig#baseUrl()} is set to: the part before {@code {username}/{token}}. */
  public URI apiBase() {
    return baseUri().resolve("api/v2/");
  }

  /** An ambassador that exists before the test's sync runs (created in Ambassador, or by another tool). */
  public synchronized void seed(String email, Map<String, String> fields, String... groupIds) {
    Map<String, String> ambassador = ambassadors.computeIfAbsent(email, e -> new LinkedHashMap<>());
    ambassador.put("email", email);
    ambassador.putAll(fields);
    groups.computeIfAbsent(email, e -> new LinkedHashSet<>()).addAll(List.of(groupIds));
  }

  /** The ambassador's fields as last updated. */
  public synchronized Optional<Map<String, String>> ambassador(String email) {
    return Optional.ofNullable(ambassadors.get(email)).map(Map::copyOf);
  }

  public synchronized Set<String> groupsOf(String email) {
    return Set.copyOf(groups.getOrDefault(email, Set.of()));
  }

  /** The emails in a group. */
  public synchronized Set<String> members(String groupId) {
    Set<String> members = new LinkedHashSet<>();
    groups.forEach((email, ids) -> {
      if (ids.contains(groupId)) {
        members.add(email);
      }
    });
    return members;
  }

  public synchronized Set<String> campaignsOf(String email) {
    return Set.copyOf(campaigns.getOrDefault(email, Set.of()));
  }

  public synchronized List<Commission> commissions() {
    return List.copyOf(commissions);
  }

  @Override
  protected synchronized Reply handle(RecordedRequest request) {
    String prefix = "/api/v2/" + username + "/" + token + "/json/";
    if (!request.path().startsWith(prefix)) {
      return Reply.json(401, error(401, "UNAUTHORIZED: The account name and API key are not valid credentials."));
    }
    if (!request.method().equals("POST") || !request.header("Content-Type").orElse("").startsWith("application/x-www-form-urlencoded")) {
      return Reply.json(200, error(400, "Parameters must be POSTed form-encoded."));
    }
    Map<String, String> params = request.form();
    return switch (request.path().substring(prefix.length()).replaceAll("/$", "")) {
      case "ambassador/get" -> get(params);
      case "ambassador/update" -> update(params);
      case "event/record" -> record(params);
      default -> Reply.json(404, error(404, "NOT FOUND: The call you are trying to make does not exist."));
    };
  }

  private Reply get(Map<String, String> params) {
    String email = params.get("email");
    if (email == null || email.isBlank()) {
      return Reply.json(200, error(400, "An email address is required."));
    }
    if (!ambassadors.containsKey(email)) {
      if (!"1".equals(params.get("auto_create"))) {
        return Reply.json(200, error(400, NOT_FOUND));
      }
      Map<String, String> created = new LinkedHashMap<>();
      created.put("email", email);
      for (String name : List.of("uid", "first_name", "last_name")) {
        if (params.containsKey(name)) {
          created.put(name, params.get(name));
        }
      }
      ambassadors.put(email, created);
    }
    if (params.containsKey("campaign_uid")) {
      campaigns.computeIfAbsent(email, e -> new LinkedHashSet<>()).add(params.get("campaign_uid"));
    }
    return Reply.json(200, ok(ambassadorJson(email)));
  }

  private Reply update(Map<String, String> params) {
    String email = params.get("email");
    if (email == null || email.isBlank()) {
      return Reply.json(200, error(400, "An email address is required."));
    }
    Map<String, String> fields = ambassadors.get(email);
    if (fields == null) {
      return Reply.json(200, error(400, NOT_FOUND));
    }
    params.forEach((name, value) -> {
      if (!name.endsWith("_group_id")) {
        fields.put(name, value);
      }
    });
    Set<String> memberOf = groups.computeIfAbsent(email, e -> new LinkedHashSet<>());
    ids(params.get("add_to_group_id")).forEach(memberOf::add);
    ids(params.get("remove_from_group_id")).forEach(memberOf::remove);
    return Reply.json(200, ok(ambassadorJson(email)));
  }

  private ObjectNode ambassadorJson(String email) {
    ObjectNode data = mapper.createObjectNode();
    ObjectNode ambassador = data.putObject("ambassador");
    ambassadors.get(email).forEach(ambassador::put);
    ambassador.put("groups", String.join(",", groups.getOrDefault(email, Set.of())));
    return data;
  }

  private Reply record(Map<String, String> params) {
    String email = params.get("email");
    String campaign = params.get("campaign_uid");
    if (email == null || email.isBlank() || campaign == null || campaign.isBlank()) {
      return Reply.json(200, error(400, "email and campaign_uid are required."));
    }
    String transaction = params.get("transaction_uid");
    boolean seen = transaction != null && commissions.stream()
        .anyMatch(c -> c.campaignUid().equals(campaign) && transaction.equals(c.transactionUid()));
    if (seen) {
      return Reply.json(200, error(400, DUPLICATE_TRANSACTION));
    }
    commissions.add(new Commission(campaign, transaction, email, Map.copyOf(params)));
    ObjectNode data = mapper.createObjectNode();
    data.putObject("commission").put("campaign_uid", campaign).put("transaction_uid", transaction);
    return Reply.json(200, ok(data));
  }

  private static List<String> ids(String commaSeparated) {
    return commaSeparated == null ? List.of() : List.of(commaSeparated.split(",")).stream().map(String::trim).toList();
  }

  private String ok(ObjectNode data) {
    ObjectNode body = mapper.createObjectNode();
    ObjectNode response = body.putObject("response");
    response.put("code", "200");
    response.put("message", "OK: The request was successful. See response body for additional data.");
    response.set("data", data);
    return body.toString();
  }

  /** An Ambassador error body; the HTTP status is the caller's choice (usually 200). */
  String error(int code, String message) {
    ObjectNode body = mapper.createObjectNode();
    ObjectNode response = body.putObject("response");
    response.put("code", Integer.toString(code));
    response.put("message", code >= 500 ? "SERVER ERROR" : "BAD REQUEST");
    response.putObject("errors").putArray("error").add(message);
    return body.toString();
  }
}
