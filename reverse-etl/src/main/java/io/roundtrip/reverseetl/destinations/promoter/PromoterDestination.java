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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Promoter.io (NPS surveys), through the API the {@code promoter} Ruby gem uses: base {@code
 * https://app.promoter.io/api/}, {@code Authorization: Token <api key>}, JSON both ways, one
 * request per record (there is no batch call; see {@link OneAtATime}).
 *
 * <ul>
 *   <li><b>UPSERT, UPDATE, ADD</b>: {@code POST contacts/} with {@code email}, {@code
 *       first_name}, {@code last_name}, {@code contact_list: [list]} (when a list is configured)
 *       and every other field as a text attribute (see {@link ContactFields}; nested values are
 *       refused). Idempotent.
 *   <li><b>INSERT</b> (needs a survey campaign): {@code POST v2/survey/} with {@code campaign_id}
 *       and the contact, which sends the survey email. Not idempotent: every call is an email. The
 *       same request stores the record's idempotency key in the contact attribute {@code
 *       roundtrip_survey}, so {@link #applied} can tell, after a crash or a timeout, which
 *       surveys went out, by reading the contacts back.
 *   <li><b>REMOVE, DELETE</b> (need a list): look the contact up ({@code GET contacts/?email=}),
 *       then {@code DELETE lists/{list}/contacts/{id}}. A contact that does not exist, or a 404
 *       from the DELETE, counts as removed. Idempotent.
 * </ul>
 *
 * <p>A 429 comes back as Retry with its {@code Retry-After}, through the shared classifier.
 */
public final class PromoterDestination implements Destination {

  /** Requests are sequential; 50 keeps one push well under a minute at normal latencies. */
  static final int MAX_BATCH_SIZE = 50;

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
    Set<Operation> supported = EnumSet.of(Operation.UPSERT, Operation.UPDATE);
    if (config.listId() != null) {
      supported.addAll(EnumSet.of(Operation.ADD, Operation.REMOVE, Operation.DELETE));
    }
    if (config.campaignId() != null) {
      supported.add(Operation.INSERT);
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

  @Override
  public boolean idempotent(Operation operation) {
    return operation != Operation.INSERT;
  }

  @Override
  public List<RecordResult> push(Operation operation, List<SyncRecord> batch) {
    if (!operations.contains(operation)) {
      throw new IllegalArgumentException("Promoter cannot " + operation + " with this configuration; it supports " + operations);
    }
    return OneAtATime.send(batch, record -> redactor.redact(sendOne(operation, record)));
  }

  private RecordResult sendOne(Operation operation, SyncRecord record) {
    Prepared<ContactFields> prepared = ContactFields.from(record);
    if (prepared instanceof Prepared.Refused<ContactFields> refused) {
      return refused.result();
    }
    ContactFields contact = ((Prepared.Ready<ContactFields>) prepared).value();
    return switch (operation) {
      case INSERT -> sendSurvey(contact, record.idempotencyKey());
      case REMOVE, DELETE -> removeFromList(contact.email());
      default -> upsert(contact);
    };
  }

  private RecordResult upsert(ContactFields contact) {
    Map<String, Object> body = contact.contact(contact.attributes());
    if (config.listId() != null) {
      body.put("contact_list", List.of(config.listId()));
    }
    return RecordResults.forOneRecord(http.send(http.postJson("contacts/", body, true)).result());
  }

  private RecordResult sendSurvey(ContactFields contact, String idempotencyKey) {
    Map<String, String> attributes = new LinkedHashMap<>(contact.attributes());
    attributes.put(ContactFields.SURVEY_MARKER, idempotencyKey);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("campaign_id", config.campaignId());
    body.put("contact", contact.contact(attributes));
    body.put("attributes", Map.of());
    return RecordResults.forOneRecord(http.send(http.postJson("v2/survey/", body, false)).result());
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
   * For INSERT: the records whose survey already went out, found by reading each contact back and
   * comparing its {@code roundtrip_survey} attribute with the record's idempotency key. Returns
   * {@link SyncRecord#key() record keys}. A record that cannot be sent (no email) was never sent.
   *
   * @throws LookupFailedException when Promoter cannot be asked; nothing should be resent then
   */
  @Override
  public Set<String> applied(Operation operation, List<SyncRecord> records) {
    if (operation != Operation.INSERT) {
      return Destination.super.applied(operation, records);
    }
    Set<String> applied = new LinkedHashSet<>();
    for (SyncRecord record : records) {
      if (!(ContactFields.from(record) instanceof Prepared.Ready<ContactFields> ready)) {
        continue;
      }
      ContactLookup.Found found = lookup.find(ready.value().email());
      if (found instanceof ContactLookup.Failed failed) {
        throw new LookupFailedException(
            "cannot tell which Promoter surveys were sent: " + RecordResults.reason(failed.result()), failed.result());
      }
      if (found instanceof ContactLookup.Contact contact
          && record.idempotencyKey().equals(contact.attributes().path(ContactFields.SURVEY_MARKER).asText(null))) {
        applied.add(record.key());
      }
    }
    return applied;
  }
}
