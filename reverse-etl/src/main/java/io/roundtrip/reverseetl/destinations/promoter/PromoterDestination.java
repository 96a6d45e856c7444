package io.roundtrip.reverseetl.destinations.promoter;

import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.RecordResult;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.HttpCall;
import io.roundtrip.reverseetl.destinations.http.HttpReply;
import io.roundtrip.reverseetl.destinations.http.JsonHttpClient;
import io.roundtrip.reverseetl.destinations.http.LookupFailedException;
import io.roundtrip.reverseetl.destinations.http.OneAtATime;
import io.roundtrip.reverseetl.destinations.http.Prepared;
import io.roundtrip.reverseetl.destinations.http.RecordResults;
import io.roundtrip.reverseetl.secrets.Redactor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Promoter.io (NPS surveys), as Segment's Promoter destination page describes it ("add a contact
 * to a list, send a survey to a contact"), through the API the {@code promoter} Ruby gem uses:
 * base {@code https://app.promoter.io/api/}, {@code Authorization: Token <api key>}, JSON both
 * ways, one request (or two) per record: there is no batch call (see {@link OneAtATime}).
 *
 * <p><b>Identify</b> (no {@code events}): contacts ({@link ContactFields}; userId and email both
 * required, names optional, every other trait an attribute).
 *
 * <ul>
 *   <li>INSERT, UPSERT, ADD: {@code POST contacts/} with {@code email}, names, {@code
 *       contact_list: [list]} (when a list is configured) and the attributes. Idempotent.
 *   <li>UPDATE: the contact is looked up first ({@code GET contacts/?email=}); one Promoter does
 *       not have is skipped ({@code skipped_missing}), not created.
 *   <li>REMOVE, DELETE (need a list): look the contact up, then {@code DELETE
 *       lists/{list}/contacts/{id}}. A contact that does not exist, or a 404 from the DELETE,
 *       counts as removed. Idempotent.
 * </ul>
 *
 * <p><b>Track</b> ({@code events}): INSERT only, one record per event ({@link TrackEvent}). Its
 * contact is looked up by email; one Promoter does not have yet is deferred to the next run (the
 * page: the userId "needs to match the userId sent with the identify event"; identify comes
 * first), and one whose {@code user_id} differs from the event's is refused. Then:
 *
 * <ul>
 *   <li>an event the {@code events} setting maps to {@code survey} sends the contact a survey
 *       through the configured campaign ({@code POST v2/survey/}, the event's properties as the
 *       survey's attributes), every time such an event happens, and exactly once per event: the
 *       survey request adds the record's idempotency key to the contact's {@code
 *       roundtrip_surveys} attribute (the latest {@value #MARKERS_KEPT}), so a resend after a lost
 *       answer, a timeout or a crash finds it there and sends nothing ({@link #applied});
 *   <li>{@code Order Completed} is stored on the contact as a custom event ({@link
 *       TrackEvent#orderAttributes}, with {@code POST contacts/});
 *   <li>other events are skipped.
 * </ul>
 *
 * <p>A 429 comes back as Retry with its {@code Retry-After}, through the shared classifier.
 */
public final class PromoterDestination implements Destination {

  /** Requests are sequential; 50 keeps one push well under a minute at normal latencies. */
  static final int MAX_BATCH_SIZE = 50;
  /** Survey keys kept in the marker attribute: far more than one run sends one contact. */
  static final int MARKERS_KEPT = 20;

  private final PromoterConfig config;
  private final JsonHttpClient http;
  private final Redactor redactor;
  private final ContactLookup lookup;
  private final Set<Operation> operations;

  public PromoterDestination(PromoterConfig config) {
    this(config, Clock.systemUTC());
  }

  /** @param clock for {@code Retry-After} dates */
  public PromoterDestination(PromoterConfig config, Clock clock) {
    this.config = config;
    this.redactor = Redactor.of(config.apiKey());
    this.http = new JsonHttpClient(
        config.baseUrl(),
        Map.of("Authorization", "Token " + config.apiKey(), "Accept", "application/json"),
        config.timeout(),
        redactor,
        clock);
    this.lookup = new ContactLookup(http);
    Set<Operation> supported = config.track() ? EnumSet.of(Operation.INSERT)
        : EnumSet.of(Operation.INSERT, Operation.UPSERT, Operation.UPDATE);
    if (!config.track() && config.listId() != null) {
      supported.addAll(EnumSet.of(Operation.ADD, Operation.REMOVE, Operation.DELETE));
    }
    this.operations = Set.copyOf(supported);
  }

  @Override
  public Set<Operation> operations() {
    return operations;
  }

  @Override
  public int maxBatchSize() {
    return MAX_BATCH_SIZE;
  }

  /** A track sync's events may send surveys: every one is an email, which a resend would repeat. */
  @Override
  public boolean idempotent(Operation operation) {
    return !config.track();
  }

  @Override
  public List<RecordResult> push(Operation operation, List<SyncRecord> batch) {
    if (!operations.contains(operation)) {
      throw new IllegalArgumentException("Promoter " + (config.track() ? "track" : "identify") + " cannot " + operation
          + " with this configuration; it supports " + operations);
    }
    return OneAtATime.send(batch,
        record -> redactor.redact(config.track() ? track(record) : identify(operation, record)));
  }

  private RecordResult identify(Operation operation, SyncRecord record) {
    boolean removal = operation == Operation.REMOVE || operation == Operation.DELETE;
    Prepared<ContactFields> prepared = removal ? ContactFields.from(record) : ContactFields.identify(record);
    if (prepared instanceof Prepared.Refused<ContactFields> refused) {
      return refused.result();
    }
    ContactFields contact = ((Prepared.Ready<ContactFields>) prepared).value();
    if (removal) {
      return removeFromList(contact.email());
    }
    if (operation == Operation.UPDATE) {
      ContactLookup.Found found = lookup.find(contact.email());
      if (found instanceof ContactLookup.Failed failed) {
        return failed.result();
      }
      if (found instanceof ContactLookup.NoContact) {
        return new RecordResult.Skipped("Promoter has no contact " + contact.email()
            + " (update changes only the contacts it has)");
      }
    }
    return upsert(contact.contact(contact.attributes()));
  }

  private RecordResult upsert(Map<String, Object> body) {
    if (config.listId() != null) {
      body.put("contact_list", List.of(config.listId()));
    }
    return RecordResults.forOneRecord(http.send(http.postJson("contacts/", body, true)).result());
  }

  private RecordResult track(SyncRecord record) {
    Prepared<TrackEvent> prepared = TrackEvent.from(record);
    if (prepared instanceof Prepared.Refused<TrackEvent> refused) {
      return refused.result();
    }
    TrackEvent event = ((Prepared.Ready<TrackEvent>) prepared).value();
    boolean survey = config.events().keySet().stream().anyMatch(event::is);
    boolean order = event.is(TrackEvent.ORDER_COMPLETED);
    if (!survey && !order) {
      return new RecordResult.Skipped(event.event() == null ? "no event name (event_text or event) to match events"
          : "event \"" + event.event() + "\" sends no survey (events) and is not Order Completed");
    }
    ContactLookup.Found found = lookup.find(event.email());
    if (found instanceof ContactLookup.Failed failed) {
      return failed.result();
    }
    if (found instanceof ContactLookup.NoContact) {
      return new RecordResult.Deferred("Promoter has no contact " + event.email() + " yet: identify must come before "
          + "the events (run the identify sync first; declare it with after:)");
    }
    ContactLookup.Contact contact = (ContactLookup.Contact) found;
    String knownUserId = contact.attributes().path(ContactFields.USER_ID).asText(null);
    if (event.userId() != null && knownUserId != null && !knownUserId.equals(event.userId())) {
      return new RecordResult.Rejected("the event's userId " + event.userId() + " is not the userId identify sent for "
          + event.email() + " (" + knownUserId + ")", false);
    }
    if (order) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("email", event.email());
      body.put("attributes", event.orderAttributes());
      RecordResult stored = upsert(body);
      if (!(stored instanceof RecordResult.Ok) || !survey) {
        return stored;
      }
    }
    List<String> markers = markers(contact);
    if (markers.contains(record.idempotencyKey())) {
      return RecordResult.ok(); // this event's survey went out already
    }
    return sendSurvey(event, record.idempotencyKey(), markers);
  }

  private RecordResult sendSurvey(TrackEvent event, String idempotencyKey, List<String> markers) {
    List<String> kept = new ArrayList<>();
    kept.add(idempotencyKey);
    kept.addAll(markers.subList(0, Math.min(markers.size(), MARKERS_KEPT - 1)));
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("email", event.email());
    contact.put("attributes", Map.of(ContactFields.SURVEY_MARKER, String.join(" ", kept)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("campaign_id", config.campaignId());
    body.put("contact", contact);
    body.put("attributes", event.properties());
    return RecordResults.forOneRecord(http.send(http.postJson("v2/survey/", body, false)).result());
  }

  private static List<String> markers(ContactLookup.Contact contact) {
    String text = contact.attributes().path(ContactFields.SURVEY_MARKER).asText("");
    return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
  }

  private RecordResult removeFromList(String email) {
    ContactLookup.Found found = lookup.find(email);
    if (found instanceof ContactLookup.Failed failed) {
      return failed.result();
    }
    if (found instanceof ContactLookup.NoContact) {
      return RecordResult.ok(); // nobody to remove: the list already lacks them
    }
    long id = ((ContactLookup.Contact) found).id();
    HttpReply reply = http.send(HttpCall.delete("lists/" + config.listId() + "/contacts/" + id));
    if (reply instanceof HttpReply.Received received && received.status() == 404) {
      return RecordResult.ok(); // not (or no longer) in the list
    }
    return RecordResults.forOneRecord(reply.result());
  }

  /**
   * For a track sync: the records whose survey already went out, found by reading each contact
   * back and looking for the record's idempotency key in its {@code roundtrip_surveys} attribute.
   * Returns {@link SyncRecord#key() record keys}. Records that send no survey are never reported
   * applied: storing them again is harmless.
   *
   * @throws LookupFailedException when Promoter cannot be asked; nothing should be resent then
   */
  @Override
  public Set<String> applied(Operation operation, List<SyncRecord> records) {
    if (!config.track()) {
      return Destination.super.applied(operation, records);
    }
    Set<String> applied = new LinkedHashSet<>();
    for (SyncRecord record : records) {
      if (!(TrackEvent.from(record) instanceof Prepared.Ready<TrackEvent> ready)) {
        continue; // never sent
      }
      ContactLookup.Found found = lookup.find(ready.value().email());
      if (found instanceof ContactLookup.Failed failed) {
        throw new LookupFailedException(
            "cannot tell which Promoter surveys were sent: " + RecordResults.reason(failed.result()), failed.result());
      }
      if (found instanceof ContactLookup.Contact contact && markers(contact).contains(record.idempotencyKey())) {
        applied.add(record.key());
      }
    }
    return applied;
  }
}
