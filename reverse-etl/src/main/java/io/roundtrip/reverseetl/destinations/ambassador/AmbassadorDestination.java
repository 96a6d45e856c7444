package io.roundtrip.reverseetl.destinations.ambassador;

import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.OneAtATime;
import io.roundtrip.reverseetl.destinations.http.Prepared;
import io.roundtrip.reverseetl.destinations.http.RecordResults;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ambassador (getambassador.com), as Segment's Ambassador destination page describes it, through
 * Ambassador's REST API v2: {@code https://api.getambassador.com/api/v2/{username}/{token}/json/{call}},
 * form-encoded parameters, JSON answers whose {@code response.code} is authoritative even under
 * HTTP 200 (see {@link AmbassadorApi}). Fields are named as Segment's traits and properties or
 * their warehouse columns (see {@link AmbassadorFields}).
 *
 * <p><b>Identify</b> ({@link AmbassadorConfig#identify}), one record per person:
 *
 * <ul>
 *   <li>INSERT: {@code ambassador/get} with {@code auto_create=1} (creates the ambassador), once
 *       per campaign the record's URL matches with that {@code campaign_uid} (enrols them: the
 *       page's Identify note), then {@code ambassador/update} with every field;
 *   <li>UPSERT and ADD: {@code ambassador/update} first (ADD with {@code add_to_group_id}); when
 *       Ambassador has no such ambassador, the {@code ambassador/get} above, then the update
 *       again; a matching campaign enrols them either way;
 *   <li>UPDATE: {@code ambassador/update} only; someone Ambassador does not have is skipped
 *       ({@code skipped_missing}), not created;
 *   <li>REMOVE: {@code ambassador/update} with {@code remove_from_group_id}; someone Ambassador
 *       does not have is not in the group either, which counts as done. Mirror on the group is
 *       ADD for who entered the audience and REMOVE for who left it.
 * </ul>
 *
 * <p><b>Track</b> ({@link AmbassadorConfig#track}): INSERT only. A record whose event the {@code
 * events} setting maps to {@code conversion} becomes one {@code event/record} per campaign whose
 * URL pattern matches its URL ({@link CampaignUrlMatcher}); other events are skipped. The page
 * says identify must come first: a conversion of someone Ambassador has no ambassador for
 * (looked up with {@code ambassador/get}, once per person and run) is deferred to the next run,
 * with the reason, not recorded and not failed for good. The transaction uid is the record's
 * {@code orderId}, else its idempotency key; Ambassador keeps one commission per campaign and
 * transaction, refusing a resend as a duplicate, which counts as applied.
 *
 * <p>Every call used is safe to repeat, so every operation is idempotent. The API has no batch
 * call: a push is one request (or a few) per record, stopping at the first transient failure
 * (see {@link OneAtATime}). The token is part of every URL and is redacted from every reason.
 */
public final class AmbassadorDestination implements Destination {

  /** Requests are sequential; 50 keeps one push well under a minute at normal latencies. */
  static final int MAX_BATCH_SIZE = 50;

  static final String GET = "ambassador/get";
  static final String UPDATE = "ambassador/update";
  static final String RECORD = "event/record";

  private final AmbassadorMode mode;
  private final AmbassadorApi api;
  private final CampaignUrlMatcher campaigns;
  private final Set<Operation> operations;
  /** People a track sync found in Ambassador during this run: looked up once each. */
  private final Set<String> knownPeople = new HashSet<>();

  public AmbassadorDestination(AmbassadorConfig config) {
    this(config, Clock.systemUTC());
  }

  /** @param clock for {@code Retry-After} dates */
  public AmbassadorDestination(AmbassadorConfig config, Clock clock) {
    this.mode = config.mode();
    this.api = new AmbassadorApi(config, clock);
    this.campaigns = new CampaignUrlMatcher(mode.campaignsByUrlPattern());
    this.operations = operations(mode);
  }

  private static Set<Operation> operations(AmbassadorMode mode) {
    if (mode instanceof AmbassadorMode.Identify identify) {
      Set<Operation> supported = EnumSet.of(Operation.INSERT, Operation.UPDATE, Operation.UPSERT);
      if (identify.groupId() != null) {
        supported.addAll(EnumSet.of(Operation.ADD, Operation.REMOVE));
      }
      return Set.copyOf(supported);
    }
    return Set.of(Operation.INSERT);
  }

  @Override
  public Set<Operation> operations() {
    return operations;
  }

  @Override
  public int maxBatchSize() {
    return MAX_BATCH_SIZE;
  }

  @Override
  public boolean idempotent(Operation operation) {
    return true;
  }

  @Override
  public List<RecordResult> push(Operation operation, List<SyncRecord> batch) {
    if (!operations.contains(operation)) {
      throw new IllegalArgumentException("Ambassador " + (mode instanceof AmbassadorMode.Track ? "track" : "identify")
          + " cannot " + operation + "; it supports " + operations);
    }
    return OneAtATime.send(batch, record -> api.redactor().redact(mode instanceof AmbassadorMode.Track track
        ? conversion(track, record) : identify((AmbassadorMode.Identify) mode, operation, record)));
  }

  private RecordResult identify(AmbassadorMode.Identify identify, Operation operation, SyncRecord record) {
    Prepared<Map<String, String>> prepared = AmbassadorFields.identify(record.fields());
    if (prepared instanceof Prepared.Refused<Map<String, String>> refused) {
      return refused.result();
    }
    Map<String, String> params = ((Prepared.Ready<Map<String, String>>) prepared).value();
    List<String> enrolIn = campaigns.campaignsFor(AmbassadorFields.url(record.fields()));
    switch (operation) {
      case UPDATE -> {
        AmbassadorReply reply = api.post(UPDATE, params);
        return reply.ambassadorNotFound()
            ? new RecordResult.Skipped("Ambassador has no ambassador " + params.get("email")
                + " (update changes only the ambassadors it has)")
            : reply.result();
      }
      case REMOVE -> {
        params.put("remove_from_group_id", identify.groupId());
        AmbassadorReply reply = api.post(UPDATE, params);
        return reply.ambassadorNotFound() ? RecordResult.ok() : reply.result(); // not an ambassador: not in the group
      }
      case INSERT -> {
        RecordResult created = createAndEnrol(params, enrolIn);
        return created instanceof RecordResult.Ok ? api.post(UPDATE, params).result() : created;
      }
      default -> { // UPSERT, ADD
        if (operation == Operation.ADD) {
          params.put("add_to_group_id", identify.groupId());
        }
        AmbassadorReply updated = api.post(UPDATE, params);
        if (!updated.ambassadorNotFound()) {
          return updated.result() instanceof RecordResult.Ok ? enrol(params, enrolIn) : updated.result();
        }
        RecordResult created = createAndEnrol(params, enrolIn);
        return created instanceof RecordResult.Ok ? api.post(UPDATE, params).result() : created;
      }
    }
  }

  /** {@code ambassador/get} with {@code auto_create=1}: once per campaign to enrol in, or once when there is none. */
  private RecordResult createAndEnrol(Map<String, String> params, List<String> enrolIn) {
    for (String campaign : enrolIn.isEmpty() ? java.util.Collections.<String>singletonList(null) : enrolIn) {
      RecordResult result = get(params, campaign, true).result();
      if (!(result instanceof RecordResult.Ok)) {
        return result;
      }
    }
    return RecordResult.ok();
  }

  /** Enrols an existing ambassador in the campaigns their URL matches. */
  private RecordResult enrol(Map<String, String> params, List<String> enrolIn) {
    for (String campaign : enrolIn) {
      RecordResult result = get(params, campaign, true).result();
      if (!(result instanceof RecordResult.Ok)) {
        return result;
      }
    }
    return RecordResult.ok();
  }

  private AmbassadorReply get(Map<String, String> params, String campaign, boolean create) {
    Map<String, String> person = new LinkedHashMap<>();
    params.forEach((name, value) -> {
      if (AmbassadorFields.PERSON.contains(name)) {
        person.put(name, value);
      }
    });
    if (create) {
      person.put("auto_create", "1");
    }
    if (campaign != null) {
      person.put("campaign_uid", campaign);
    }
    return api.post(GET, person);
  }

  /**
   * One {@code event/record} per matching campaign. A transient failure stops the record there;
   * the resend then finds the campaigns already done refused as duplicates, which count as
   * applied.
   */
  private RecordResult conversion(AmbassadorMode.Track track, SyncRecord record) {
    String event = AmbassadorFields.event(record.fields());
    if (!track.isConversion(event)) {
      return new RecordResult.Skipped(event == null ? "no event name (event_text or event) to match events"
          : "event \"" + event + "\" is not mapped to a conversion in events");
    }
    Prepared<Map<String, String>> prepared = AmbassadorFields.track(record.fields());
    if (prepared instanceof Prepared.Refused<Map<String, String>> refused) {
      return refused.result();
    }
    Map<String, String> common = ((Prepared.Ready<Map<String, String>>) prepared).value();
    if (record.fields().containsKey("campaign_uid")) {
      return new RecordResult.Rejected("campaign_uid is chosen by the URL patterns (campaigns) and cannot be mapped",
          false);
    }
    String url = AmbassadorFields.url(record.fields());
    if (url == null) {
      return new RecordResult.Rejected("no url (or context_page_url) to choose a campaign by", false);
    }
    List<String> matched = campaigns.campaignsFor(url);
    if (matched.isEmpty()) {
      return new RecordResult.Rejected("no campaign matches url " + url, false);
    }
    RecordResult known = knownPerson(common);
    if (!(known instanceof RecordResult.Ok)) {
      return known;
    }
    if (common.get("transaction_uid") == null) {
      common.put("transaction_uid", record.idempotencyKey());
    }
    RecordResult rejected = null;
    for (String campaign : matched) {
      Map<String, String> params = new LinkedHashMap<>(common);
      params.put("campaign_uid", campaign);
      AmbassadorReply reply = api.post(RECORD, params);
      if (reply.duplicateTransaction() || reply.result() instanceof RecordResult.Ok) {
        continue;
      }
      if (RecordResults.transientFailure(reply.result())) {
        return reply.result();
      }
      rejected = rejected == null ? reply.result() : rejected;
    }
    return rejected == null ? RecordResult.ok() : rejected;
  }

  /** Ok when Ambassador has an ambassador for the conversion's email; deferred when not yet. */
  private RecordResult knownPerson(Map<String, String> params) {
    String email = params.get("email");
    if (knownPeople.contains(email)) {
      return RecordResult.ok();
    }
    AmbassadorReply found = get(Map.of("email", email), null, false);
    if (found.ambassadorNotFound()) {
      return new RecordResult.Deferred("Ambassador has no ambassador " + email + " yet: identify must come before "
          + "conversions (run the identify sync first; declare it with after:)");
    }
    if (found.result() instanceof RecordResult.Ok) {
      knownPeople.add(email);
    }
    return found.result();
  }
}
