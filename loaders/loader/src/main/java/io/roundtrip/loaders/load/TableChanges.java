package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.Columns;
import io.roundtrip.loaders.event.EventType;
import io.roundtrip.loaders.types.TypeRules;
import io.roundtrip.warehouse.ColumnType;
import io.roundtrip.warehouse.SchemaChange;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * The schema phase: every table's layout after this load, planned but not committed. A new table
 * is created with its layout by its first commit; an existing one that gains columns gets its
 * {@link SchemaChange} committed just before its rows ({@link #commitSchema}), which for
 * {@code users} and {@code accounts} is just before the merge.
 */
final class TableChanges {

  private final Map<String, TableLayout> layouts;
  /** Changes of existing tables; new tables are created with their layout. */
  private final Map<String, SchemaChange> existingChanges;
  private final Set<String> profiles;
  private final List<String> tablesAdded;
  private final Map<String, List<String>> columnsAdded;
  private final Map<String, List<String>> columnsWidened;

  private TableChanges(Map<String, TableLayout> layouts, Map<String, SchemaChange> existingChanges,
      Set<String> profiles, List<String> tablesAdded, Map<String, List<String>> columnsAdded,
      Map<String, List<String>> columnsWidened) {
    this.layouts = layouts;
    this.existingChanges = existingChanges;
    this.profiles = profiles;
    this.tablesAdded = tablesAdded;
    this.columnsAdded = columnsAdded;
    this.columnsWidened = columnsWidened;
  }

  static TableChanges plan(Warehouse warehouse, String source, Map<String, Optional<StructType>> schemas,
      ColumnProfile profile, NewRows newRows) {
    Map<String, TableLayout> layouts = new LinkedHashMap<>();
    Map<String, SchemaChange> existingChanges = new LinkedHashMap<>();
    Set<String> profiles = new HashSet<>();
    List<String> tablesAdded = new ArrayList<>();
    Map<String, List<String>> columnsAdded = new TreeMap<>();
    Map<String, List<String>> columnsWidened = new TreeMap<>();

    for (String table : new TreeSet<>(newRows.rowsByTable.keySet())) {
      Map<String, ColumnProfile.ColumnStats> stats = profile.tables.get(table);
      Set<String> columns = new HashSet<>(stats.keySet());
      columns.add(Columns.UUID_TS);
      StructType current = schemas.get(table).orElse(null);
      Map<String, ColumnType> wanted = new LinkedHashMap<>();
      for (String column : columnOrder(columns, Columns.fixed(typeOf(table)))) {
        ColumnType existing = current == null ? null : existingType(current, column);
        wanted.put(column, column.equals(Columns.UUID_TS) ? ColumnType.TIMESTAMP
            : existing != null ? TypeRules.widened(existing, stats.get(column).sawFraction())
            : stats.get(column).resolvedType());
      }
      SchemaChange change = change(warehouse, source, table, schemas, wanted, tablesAdded, columnsAdded,
          columnsWidened);
      layouts.put(table, TableLayout.of(change.apply(), table));
      if (schemas.get(table).isPresent()) {
        existingChanges.put(table, change);
      }
    }
    for (Profiles p : Profiles.values()) {
      Map<String, ColumnProfile.ColumnStats> stats = profile.tables.get(p.table());
      if (stats == null || !newRows.profileRows.containsKey(p.table())) {
        continue;
      }
      TableLayout sourceLayout = layouts.containsKey(p.source().table())
          ? layouts.get(p.source().table())
          : TableLayout.of(schemas.get(p.source().table()).orElseThrow(), p.source().table());
      layouts.putIfAbsent(p.source().table(), sourceLayout);
      Map<String, ColumnType> wanted = new LinkedHashMap<>();
      wanted.put(Columns.ID, ColumnType.STRING);
      wanted.put(Columns.RECEIVED_AT, ColumnType.TIMESTAMP);
      wanted.put(Columns.UUID_TS, ColumnType.TIMESTAMP);
      // a trait column takes the type its source column has: the merge copies values from it
      new TreeSet<>(stats.keySet()).forEach(trait -> wanted.put(trait, sourceLayout.type(trait)));
      SchemaChange change = change(warehouse, source, p.table(), schemas, wanted, tablesAdded, columnsAdded,
          columnsWidened);
      layouts.put(p.table(), TableLayout.of(change.apply(), p.table()));
      profiles.add(p.table());
      if (schemas.get(p.table()).isPresent()) {
        existingChanges.put(p.table(), change);
      }
    }
    return new TableChanges(layouts, existingChanges, profiles, tablesAdded, columnsAdded, columnsWidened);
  }

  private static ColumnType existingType(StructType schema, String column) {
    return schema.getFieldIndex(column).isEmpty() ? null
        : ColumnType.ofSpark(schema.fields()[(int) schema.getFieldIndex(column).get()].dataType()).orElse(null);
  }

  /**
   * The table's change: columns it lacks are added; existing columns whose wanted type is wider
   * ({@link TypeRules#widened}) are widened, unless an integer already there is too large for the
   * wider type, in which case the column keeps its type and the values that do not fit are
   * discarded as before.
   */
  private static SchemaChange change(Warehouse warehouse, String source, String table,
      Map<String, Optional<StructType>> schemas, Map<String, ColumnType> wanted, List<String> tablesAdded,
      Map<String, List<String>> columnsAdded, Map<String, List<String>> columnsWidened) {
    StructType current = schemas.get(table).orElse(null);
    TableId id = new TableId(source, table);
    SchemaChange change = warehouse.updateSchema(id);
    List<String> added = new ArrayList<>();
    List<String> widen = new ArrayList<>();
    wanted.forEach((column, type) -> {
      ColumnType existing = current == null ? null : existingType(current, column);
      if (current == null || current.getFieldIndex(column).isEmpty()) {
        change.addColumn(column, type);
        added.add(column);
      } else if (existing != null && existing != type && type == ColumnType.DOUBLE && existing == ColumnType.BIGINT) {
        widen.add(column);
      }
    });
    List<String> widened = new ArrayList<>();
    if (!widen.isEmpty()) {
      Row magnitudes = warehouse.read(id).agg(functions.max(functions.abs(functions.col(quote(widen.get(0))))),
          widen.stream().skip(1).map(c -> functions.max(functions.abs(functions.col(quote(c))))).toArray(Column[]::new))
          .first();
      for (int i = 0; i < widen.size(); i++) {
        if (magnitudes.isNullAt(i) || TypeRules.fitsDouble(magnitudes.getLong(i))) {
          change.widenColumn(widen.get(i), ColumnType.DOUBLE);
          widened.add(widen.get(i) + " bigint -> double");
        }
      }
    }
    if (current == null) {
      tablesAdded.add(table);
    }
    if (!added.isEmpty()) {
      columnsAdded.put(table, added);
    }
    if (!widened.isEmpty()) {
      columnsWidened.put(table, widened);
    }
    return change;
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** The call type whose rows a table holds: its own, or track for an event's table. */
  private static EventType typeOf(String table) {
    for (EventType type : EventType.values()) {
      if (type.table().equals(table)) {
        return type;
      }
    }
    return EventType.TRACK;
  }

  /** The table's fixed columns first, then {@code context_*}, then the rest, each group by name. */
  static List<String> columnOrder(Set<String> columns, List<String> fixed) {
    List<String> ordered = new ArrayList<>();
    for (String standard : fixed) {
      if (columns.contains(standard)) {
        ordered.add(standard);
      }
    }
    List<String> context = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String column : columns) {
      if (!fixed.contains(column)) {
        (column.startsWith(Columns.CONTEXT_PREFIX) ? context : rest).add(column);
      }
    }
    Collections.sort(context);
    Collections.sort(rest);
    ordered.addAll(context);
    ordered.addAll(rest);
    return ordered;
  }

  Map<String, TableLayout> layouts() {
    return layouts;
  }

  TableLayout layout(String table) {
    return layouts.get(table);
  }

  /** Commits the schema change an existing table needs before its new rows; nothing if none. */
  void commitSchema(String table) {
    SchemaChange change = existingChanges.get(table);
    if (change != null && !change.isEmpty()) {
      change.commit();
    }
  }

  boolean hasProfile(Profiles profile) {
    return profiles.contains(profile.table());
  }

  List<String> tablesAdded() {
    return tablesAdded;
  }

  Map<String, List<String>> columnsAdded() {
    return columnsAdded;
  }

  /** table -> "column bigint -> double" for each column this load widened. */
  Map<String, List<String>> columnsWidened() {
    return columnsWidened;
  }
}
