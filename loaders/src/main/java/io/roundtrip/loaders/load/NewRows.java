package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.FlatEvent;
import io.roundtrip.loaders.event.ParsedLine;
import io.roundtrip.loaders.types.ColumnType;
import io.roundtrip.loaders.types.TypeRules;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second pass, once duplicates are known: what each table will get. Its new rows' columns with
 * the evidence for their types (so a column appears only if a row that is written has it), rows per
 * table, and duplicates per file.
 */
final class NewRows implements Serializable {

  final Map<String, Map<String, ColumnStats>> columns = new HashMap<>();
  final Map<String, Long> rowsByTable = new HashMap<>();
  /** users/accounts -> identify/group events that feed it. */
  final Map<String, Long> profileRows = new HashMap<>();
  /** file -> {repeated within the load, already in the warehouse}. */
  final Map<Integer, long[]> duplicatesByFile = new HashMap<>();
  long repeatedInLoad;
  long alreadyLoaded;

  static Iterator<NewRows> of(Iterator<ParsedLine> lines, Duplicates dups) {
    NewRows rows = new NewRows();
    while (lines.hasNext()) {
      if (lines.next() instanceof FlatEvent e) {
        rows.add(e, dups);
      }
    }
    return List.of(rows).iterator();
  }

  private void add(FlatEvent e, Duplicates dups) {
    if (dups.repeatedInLoad(e)) {
      duplicatesByFile.computeIfAbsent(e.file(), f -> new long[2])[0]++;
      repeatedInLoad++;
      return;
    }
    // an event counts as already loaded when its type's table has it (each event is in exactly one)
    if (dups.alreadyIn(e.type().table(), e)) {
      duplicatesByFile.computeIfAbsent(e.file(), f -> new long[2])[1]++;
      alreadyLoaded++;
    }
    for (String table : e.tables()) {
      if (!dups.alreadyIn(table, e)) {
        int[] range = Routes.range(e, table);
        observe(table, e, range[0], range[1]);
        rowsByTable.merge(table, 1L, Long::sum);
      }
    }
    // users and accounts take every identify and group of the load, even those their source
    // table already has: the merge is idempotent, and a crash between the source table's append
    // and the merge must not leave the merge undone forever
    Profiles profile = Profiles.fedBy(e.type());
    if (profile != null) {
      observe(profile.table(), e, e.payloadStart(), e.size());
      profileRows.merge(profile.table(), 1L, Long::sum);
    }
  }

  private void observe(String table, FlatEvent e, int from, int to) {
    Map<String, ColumnStats> stats = columns.computeIfAbsent(table, t -> new HashMap<>());
    for (int i = from; i < to; i++) {
      ColumnStats column = stats.get(e.names()[i]);
      if (column == null) {
        stats.put(e.names()[i], new ColumnStats(e.type(i), e.receivedAt(), e.position()));
      } else {
        column.observe(e.type(i), e.receivedAt(), e.position());
      }
    }
  }

  NewRows merge(NewRows other) {
    other.columns.forEach((table, stats) -> {
      Map<String, ColumnStats> mine = columns.computeIfAbsent(table, t -> new HashMap<>());
      stats.forEach((column, s) -> mine.merge(column, s, ColumnStats::merge));
    });
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

  /** A column's types in one load, and which value came first. */
  static final class ColumnStats implements Serializable {
    private ColumnType earliestType;
    private long earliestReceivedAt;
    private long earliestPosition;
    private int observed;

    ColumnStats(ColumnType type, long receivedAt, long position) {
      this.earliestType = type;
      this.earliestReceivedAt = receivedAt;
      this.earliestPosition = position;
      this.observed = 1 << type.ordinal();
    }

    void observe(ColumnType type, long receivedAt, long position) {
      observed |= 1 << type.ordinal();
      if (isBefore(receivedAt, position)) {
        earliestType = type;
        earliestReceivedAt = receivedAt;
        earliestPosition = position;
      }
    }

    ColumnStats merge(ColumnStats other) {
      observe(other.earliestType, other.earliestReceivedAt, other.earliestPosition);
      observed |= other.observed;
      return this;
    }

    private boolean isBefore(long receivedAt, long position) {
      return receivedAt < earliestReceivedAt || (receivedAt == earliestReceivedAt && position < earliestPosition);
    }

    /** The type a new column gets: {@link TypeRules#resolveNewColumn}. */
    ColumnType resolvedType() {
      Set<ColumnType> types = EnumSet.noneOf(ColumnType.class);
      for (ColumnType type : ColumnType.values()) {
        if ((observed & (1 << type.ordinal())) != 0) {
          types.add(type);
        }
      }
      return TypeRules.resolveNewColumn(earliestType, types);
    }
  }
}
