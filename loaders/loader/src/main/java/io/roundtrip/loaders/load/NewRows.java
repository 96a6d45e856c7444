package io.roundtrip.loaders.load;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/** Once duplicates are known: rows each table gets, and duplicates per file. */
final class NewRows implements Serializable {

  final Map<String, Long> rowsByTable = new HashMap<>();
  /** users/accounts -> the new identify/group events that feed it. */
  final Map<String, Long> profileRows = new HashMap<>();
  /** file -> {repeated within the load, already in the warehouse}. */
  final Map<Integer, long[]> duplicatesByFile = new HashMap<>();
  long repeatedInLoad;
  long alreadyLoaded;

  static NewRows of(EventChunk chunk, Duplicates dups) {
    NewRows rows = new NewRows();
    for (int i = 0; i < chunk.size; i++) {
      rows.add(chunk, i, dups);
    }
    return rows;
  }

  private void add(EventChunk chunk, int i, Duplicates dups) {
    if (dups.repeatedInLoad(chunk, i)) {
      duplicatesByFile.computeIfAbsent(chunk.file, f -> new long[2])[0]++;
      repeatedInLoad++;
      return;
    }
    if (dups.alreadyLoaded(chunk, i)) {
      duplicatesByFile.computeIfAbsent(chunk.file, f -> new long[2])[1]++;
      alreadyLoaded++;
      return;
    }
    for (String table : chunk.tables(i)) {
      rowsByTable.merge(table, 1L, Long::sum);
    }
    Profiles profile = Profiles.fedBy(chunk.type(i));
    if (profile != null) {
      profileRows.merge(profile.table(), 1L, Long::sum);
    }
  }

  NewRows merge(NewRows other) {
    other.rowsByTable.forEach((table, rows) -> rowsByTable.merge(table, rows, Long::sum));
    other.profileRows.forEach((table, rows) -> profileRows.merge(table, rows, Long::sum));
    other.duplicatesByFile.forEach((file, counts) -> duplicatesByFile.merge(file, counts,
        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
    repeatedInLoad += other.repeatedInLoad;
    alreadyLoaded += other.alreadyLoaded;
    return this;
  }

  long duplicates(int file) {
    long[] counts = duplicatesByFile.get(file);
    return counts == null ? 0 : counts[0] + counts[1];
  }
}
