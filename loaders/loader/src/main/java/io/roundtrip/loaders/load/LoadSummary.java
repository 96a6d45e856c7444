package io.roundtrip.loaders.load;

import java.util.List;
import java.util.Map;

/**
 * What a load did.
 *
 * @param rowsByTable rows appended per table (users and accounts: rows inserted or updated)
 * @param duplicatesInLoad events dropped because an earlier line of this load had the messageId
 * @param duplicatesInWarehouse events dropped because the warehouse already had the messageId
 * @param columnsAdded table -> columns this load added (a new table lists all of its columns)
 */
public record LoadSummary(
    String source,
    String loadId,
    int filesLoaded,
    int filesSkipped,
    long lines,
    long events,
    long blankLines,
    long duplicatesInLoad,
    long duplicatesInWarehouse,
    long rejects,
    long discards,
    Map<String, Long> rowsByTable,
    List<String> tablesAdded,
    Map<String, List<String>> columnsAdded,
    long millis) {

  /** Events stored for the first time: every line is this, a reject, a duplicate or blank. */
  public long newEvents() {
    return events - duplicatesInLoad - duplicatesInWarehouse;
  }
}
