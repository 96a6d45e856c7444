package io.roundtrip.loaders.load;

import io.roundtrip.loaders.types.TypeRules;
import io.roundtrip.warehouse.ColumnType;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The columns each table needs for a set of events, with the evidence for each column's type:
 * every type seen, and the type of the earliest value (by received_at, then position).
 */
final class ColumnProfile implements Serializable {

  final Map<String, Map<String, ColumnStats>> tables = new HashMap<>();

  Map<String, ColumnStats> table(String table) {
    return tables.computeIfAbsent(table, t -> new HashMap<>());
  }

  ColumnProfile merge(ColumnProfile other) {
    other.tables.forEach((table, stats) -> {
      Map<String, ColumnStats> mine = table(table);
      stats.forEach((column, s) -> mine.merge(column, s, ColumnStats::merge));
    });
    return this;
  }

  /** One column's types in one load, which value came first, and whether a number had a fraction. */
  static final class ColumnStats implements Serializable {
    private ColumnType earliestType;
    private long earliestReceivedAt;
    private long earliestPosition;
    private int observed;
    private boolean fraction;

    ColumnStats(ColumnType type, boolean fraction, long receivedAt, long position) {
      this.earliestType = type;
      this.earliestReceivedAt = receivedAt;
      this.earliestPosition = position;
      this.observed = 1 << type.ordinal();
      this.fraction = fraction;
    }

    void observe(ColumnType type, boolean fraction, long receivedAt, long position) {
      this.fraction |= fraction;
      observed |= 1 << type.ordinal();
      if (receivedAt < earliestReceivedAt || (receivedAt == earliestReceivedAt && position < earliestPosition)) {
        earliestType = type;
        earliestReceivedAt = receivedAt;
        earliestPosition = position;
      }
    }

    ColumnStats merge(ColumnStats other) {
      observe(other.earliestType, other.fraction, other.earliestReceivedAt, other.earliestPosition);
      observed |= other.observed;
      return this;
    }

    /** Whether a value with a fraction arrived: what widens an existing bigint column. */
    boolean sawFraction() {
      return fraction;
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
