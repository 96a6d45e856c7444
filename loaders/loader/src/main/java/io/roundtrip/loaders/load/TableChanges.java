package io.roundtrip.loaders.load;

import io.roundtrip.loaders.event.Columns;
import io.roundtrip.loaders.event.EventType;
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

  private TableChanges(Map<String, TableLayout> layouts, Map<String, SchemaChange> existingChanges,
      Set<String> profiles, List<String> tablesAdded, Map<String, List<String>> columnsAdded) {
    this.layouts = layouts;
    this.existingChanges = existingChanges;
    this.profiles = profiles;
    this.tablesAdded = tablesAdded;
    this.columnsAdded = columnsAdded;
  }

  static TableChanges plan(Warehouse warehouse, String source, Map<String, Optional<StructType>> schemas,
      ColumnProfile profile, NewRows newRows) {
    Map<String, TableLayout> layouts = new LinkedHashMap<>();
    Map<String, SchemaChange> existingChanges = new LinkedHashMap<>();
    Set<String> profiles = new HashSet<>();
    List<String> tablesAdded = new ArrayList<>();
    Map<String, List<String>> columnsAdded = new TreeMap<>();

    for (String table : new TreeSet<>(newRows.rowsByTable.keySet())) {
      Map<String, ColumnProfile.ColumnStats> stats = profile.tables.get(table);
      Set<String> columns = new HashSet<>(stats.keySet());
      columns.add(Columns.UUID_TS);
      Map<String, ColumnType> wanted = new LinkedHashMap<>();
      for (String column : columnOrder(columns, Columns.fixed(typeOf(table)))) {
        wanted.put(column, column.equals(Columns.UUID_TS) ? ColumnType.TIMESTAMP : stats.get(column).resolvedType());
      }
      SchemaChange change = change(warehouse, source, table, schemas, wanted, tablesAdded, columnsAdded);
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
      SchemaChange change = change(warehouse, source, p.table(), schemas, wanted, tablesAdded, columnsAdded);
      layouts.put(p.table(), TableLayout.of(change.apply(), p.table()));
      profiles.add(p.table());
      if (schemas.get(p.table()).isPresent()) {
        existingChanges.put(p.table(), change);
      }
    }
    return new TableChanges(layouts, existingChanges, profiles, tablesAdded, columnsAdded);
  }

  private static SchemaChange change(Warehouse warehouse, String source, String table,
      Map<String, Optional<StructType>> schemas, Map<String, ColumnType> wanted, List<String> tablesAdded,
      Map<String, List<String>> columnsAdded) {
    StructType current = schemas.get(table).orElse(null);
    SchemaChange change = warehouse.updateSchema(new TableId(source, table));
    List<String> added = new ArrayList<>();
    wanted.forEach((column, type) -> {
      if (current == null || current.getFieldIndex(column).isEmpty()) {
        change.addColumn(column, type);
        added.add(column);
      }
    });
    if (current == null) {
      tablesAdded.add(table);
    }
    if (!added.isEmpty()) {
      columnsAdded.put(table, added);
    }
    return change;
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
}
