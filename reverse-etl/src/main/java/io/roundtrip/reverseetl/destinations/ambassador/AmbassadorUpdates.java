package io.roundtrip.reverseetl.destinations.ambassador;

import io.roundtrip.reverseetl.destination.Operation;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.destinations.http.Prepared;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ambassador/update} parameters for a record: the mapped fields ({@code email}
 * required; {@code uid}, {@code first_name}, {@code last_name}, {@code custom1}..{@code custom10}
 * and the like), plus the configured group for ADD ({@code add_to_group_id}) and REMOVE ({@code
 * remove_from_group_id}). The endpoint creates a missing ambassador, so INSERT, UPDATE and UPSERT
 * are all the same call.
 */
final class AmbassadorUpdates {

  static final String CALL = "ambassador/update";

  private final String groupId;

  /** @param groupId the configured group, or null */
  AmbassadorUpdates(String groupId) {
    this.groupId = groupId;
  }

  Prepared<Map<String, String>> params(Operation operation, SyncRecord record) {
    Prepared<Map<String, String>> prepared = FormParams.from(record.fields(), Set.of());
    if (prepared instanceof Prepared.Ready<Map<String, String>> ready) {
      Map<String, String> params = ready.value();
      if (operation == Operation.ADD) {
        params.put("add_to_group_id", groupId);
      } else if (operation == Operation.REMOVE) {
        params.put("remove_from_group_id", groupId);
      }
    }
    return prepared;
  }
}
