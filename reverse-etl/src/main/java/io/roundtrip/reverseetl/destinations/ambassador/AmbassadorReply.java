package io.roundtrip.reverseetl.destinations.ambassador;

import io.roundtrip.reverseetl.destination.RecordResult;
import java.util.List;
import java.util.Locale;

/**
 * What one Ambassador call came to.
 *
 * @param result for the record the call carried, reason redacted
 * @param errors Ambassador's own error messages ({@code response.errors}), empty when none
 */
record AmbassadorReply(RecordResult result, List<String> errors) {

  AmbassadorReply {
    errors = List.copyOf(errors);
  }

  /**
   * Ambassador refuses an {@code event/record} whose transaction id it already has for that
   * campaign. After a lost response or a partly sent record that refusal is the proof the
   * commission exists, so it counts as applied. The API documents the refusal but not its exact
   * wording, hence the loose match on the message.
   */
  /**
   * Ambassador answers a call about an email it has no ambassador for with a refusal (the update
   * of someone unknown, the lookup without {@code auto_create}). Its wording is not documented,
   * hence the loose match.
   */
  boolean ambassadorNotFound() {
    if (!(result instanceof RecordResult.Rejected)) {
      return false;
    }
    return errors.stream().map(error -> error.toLowerCase(Locale.ROOT))
        .anyMatch(error -> error.contains("not found") || error.contains("not be found")
            || error.contains("does not exist") || error.contains("doesn't exist") || error.contains("no ambassador"));
  }

  boolean duplicateTransaction() {
    if (!(result instanceof RecordResult.Rejected)) {
      return false;
    }
    return errors.stream()
        .map(error -> error.toLowerCase(Locale.ROOT))
        .anyMatch(error -> error.contains("transaction")
            && (error.contains("exist") || error.contains("already") || error.contains("duplicate") || error.contains("unique")));
  }
}
