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

  /**
   * This load and a later one as one: counts add up, tables and columns are listed once, the load id
   * is the later one's. Files the later load skipped because this one loaded them are not counted
   * as skipped twice.
   */
  public LoadSummary plus(LoadSummary later) {
    Map<String, Long> rows = new java.util.TreeMap<>(rowsByTable);
    later.rowsByTable.forEach((table, n) -> rows.merge(table, n, Long::sum));
    java.util.Set<String> tables = new java.util.LinkedHashSet<>(tablesAdded);
    tables.addAll(later.tablesAdded);
    Map<String, List<String>> columns = new java.util.TreeMap<>(columnsAdded);
    later.columnsAdded.forEach((table, added) -> columns.merge(table, added, (a, b) -> {
      java.util.Set<String> union = new java.util.LinkedHashSet<>(a);
      union.addAll(b);
      return List.copyOf(union);
    }));
    return new LoadSummary(later.source, later.loadId, filesLoaded + later.filesLoaded,
        Math.max(0, later.filesSkipped - filesLoaded), lines + later.lines, events + later.events,
        blankLines + later.blankLines, duplicatesInLoad + later.duplicatesInLoad,
        duplicatesInWarehouse + later.duplicatesInWarehouse, rejects + later.rejects, discards + later.discards,
        rows, List.copyOf(tables), columns, millis + later.millis);
  }

  /** Events stored for the first time: every line is this, a reject, a duplicate or blank. */
  public long newEvents() {
    return events - duplicatesInLoad - duplicatesInWarehouse;
  }
}
