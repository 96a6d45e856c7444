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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Ambassador (getambassador.com), through its REST API v2: {@code
 * https://api.getambassador.com/api/v2/{username}/{token}/json/{call}}, form-encoded parameters,
 * JSON answers whose {@code response.code} is authoritative even under HTTP 200 (see {@link
 * AmbassadorApi}).
 *
 * <p><b>Ambassadors mode</b> ({@link AmbassadorConfig#ambassadors}): one {@code
 * ambassador/update} per record with the mapped fields ({@code email} required; {@code uid},
 * {@code first_name}, {@code last_name}, {@code custom1}..{@code custom10}, ...). INSERT, UPDATE
 * and UPSERT are that call (it creates a missing ambassador); with a group configured, ADD also
 * sends {@code add_to_group_id} and REMOVE {@code remove_from_group_id}. Idempotent: the same
 * update twice leaves the same ambassador.
 *
 * <p><b>Conversions mode</b> ({@link AmbassadorConfig#conversions}): INSERT only, one {@code
 * event/record} per campaign whose URL pattern matches the record's {@code url} (see {@link
 * CampaignUrlMatcher}) with {@code email}, {@code revenue}, {@code transaction_uid}, {@code
 * event_data1}..{@code event_data3}, {@code uid}, names. A record matching no campaign is
 * rejected. Idempotent because Ambassador keeps one commission per campaign and transaction id:
 * a resend is refused as a duplicate, which this destination reports as applied.
 *
 * <p>The API has no batch call, so a push is one request per record, stopping at the first
 * transient failure (see {@link OneAtATime}). The token is part of every URL and is redacted from
 * every reason.
 */
public final class AmbassadorDestination implements Destination {

  /** Requests are sequential; 50 keeps one push well under a minute at normal latencies. */
  static final int MAX_BATCH_SIZE = 50;

  private final String modeName;
  private final AmbassadorApi api;
  private final Set<Operation> operations;
  private final BiFunction<Operation, SyncRecord, RecordResult> sendOne;

  public AmbassadorDestination(AmbassadorConfig config) {
    this(config, Clock.systemUTC());
  }

  /** @param clock for {@code Retry-After} dates */
  public AmbassadorDestination(AmbassadorConfig config, Clock clock) {
    this.api = new AmbassadorApi(config, clock);
    this.operations = operations(config.mode());
    if (config.mode() instanceof AmbassadorMode.Ambassadors ambassadors) {
      AmbassadorUpdates updates = new AmbassadorUpdates(ambassadors.groupId());
      this.modeName = "ambassadors";
      this.sendOne = (operation, record) -> update(updates, operation, record);
    } else {
      Map<String, String> patterns = ((AmbassadorMode.Conversions) config.mode()).campaignsByUrlPattern();
      ConversionEvents conversions = new ConversionEvents(new CampaignUrlMatcher(patterns));
      this.modeName = "conversions";
      this.sendOne = (operation, record) -> recordConversion(conversions, record);
    }
  }

  private static Set<Operation> operations(AmbassadorMode mode) {
    if (mode instanceof AmbassadorMode.Ambassadors ambassadors) {
      Set<Operation> supported = EnumSet.of(Operation.INSERT, Operation.UPDATE, Operation.UPSERT);
      if (ambassadors.groupId() != null) {
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
      throw new IllegalArgumentException("Ambassador " + modeName + " cannot " + operation + "; it supports " + operations);
    }
    return OneAtATime.send(batch, record -> sendOne.apply(operation, record));
  }

  private RecordResult update(AmbassadorUpdates updates, Operation operation, SyncRecord record) {
    Prepared<Map<String, String>> params = updates.params(operation, record);
    if (params instanceof Prepared.Refused<Map<String, String>> refused) {
      return api.redactor().redact(refused.result());
    }
    return api.post(AmbassadorUpdates.CALL, ((Prepared.Ready<Map<String, String>>) params).value()).result();
  }

  /**
   * One call per matching campaign. A transient failure stops the record there; the resend then
   * finds the campaigns already done refused as duplicates, which count as applied.
   */
  private RecordResult recordConversion(ConversionEvents conversions, SyncRecord record) {
    Prepared<List<Map<String, String>>> events = conversions.events(record);
    if (events instanceof Prepared.Refused<List<Map<String, String>>> refused) {
      return api.redactor().redact(refused.result());
    }
    RecordResult rejected = null;
    for (Map<String, String> event : ((Prepared.Ready<List<Map<String, String>>>) events).value()) {
      AmbassadorReply reply = api.post(ConversionEvents.CALL, event);
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
}
