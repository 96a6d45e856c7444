package io.roundtrip.loaders.load;

import java.util.List;
import java.util.Map;

/**
 * What a load did.
 *
 * @param rowsByTable rows appended per table (users and accounts: rows inserted or updated)
 * @param duplicatesInLoad events dropped because an earlier line of this load had the messageId
 * @param duplicatesInWarehouse events dropped because the warehouse already had the messageId
 * @param filtered lines selective sync left out (track events not included)
 * @param filteredProperties property and trait values selective sync left out of loaded events
 * @param columnsAdded table -> columns this load added (a new table lists all of its columns)
 * @param columnsWidened table -> "column bigint -> double" for each column this load widened
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
    long filtered,
    long filteredProperties,
    long rejects,
    long discards,
    Map<String, Long> rowsByTable,
    List<String> tablesAdded,
    Map<String, List<String>> columnsAdded,
    Map<String, List<String>> columnsWidened,
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
    Map<String, List<String>> columns = union(columnsAdded, later.columnsAdded);
    Map<String, List<String>> widened = union(columnsWidened, later.columnsWidened);
    return new LoadSummary(later.source, later.loadId, filesLoaded + later.filesLoaded,
        Math.max(0, later.filesSkipped - filesLoaded), lines + later.lines, events + later.events,
        blankLines + later.blankLines, duplicatesInLoad + later.duplicatesInLoad,
        duplicatesInWarehouse + later.duplicatesInWarehouse, filtered + later.filtered,
        filteredProperties + later.filteredProperties, rejects + later.rejects, discards + later.discards,
        rows, List.copyOf(tables), columns, widened, millis + later.millis);
  }

  private static Map<String, List<String>> union(Map<String, List<String>> a, Map<String, List<String>> b) {
    Map<String, List<String>> all = new java.util.TreeMap<>(a);
    b.forEach((table, names) -> all.merge(table, names, (x, y) -> {
      java.util.Set<String> both = new java.util.LinkedHashSet<>(x);
      both.addAll(y);
      return List.copyOf(both);
    }));
    return all;
  }

  /** Events stored for the first time: every line is this, a duplicate, a reject, filtered or blank. */
  public long newEvents() {
    return events - duplicatesInLoad - duplicatesInWarehouse;
  }
}
