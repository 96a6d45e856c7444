package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.ColumnType;
import io.roundtrip.warehouse.SchemaChange;
import io.roundtrip.warehouse.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Additions and widenings of one table, committed as DDL: {@code CREATE TABLE} for a new table,
 * else {@code ALTER TABLE ... ADD COLUMN}, then the widening (in place by {@code ALTER COLUMN ...
 * TYPE} on PostgreSQL). The rules and messages are the Delta warehouse's: the seam promises them.
 */
final class JdbcSchemaChange implements SchemaChange {

  /** Runs the DDL of a commit. */
  interface Ddl {
    void create(TableId table, StructType schema);

    void alter(TableId table, StructType current, List<StructField> added, StructType target, List<String> widened);
  }

  private final TableId table;
  private final StructType current;
  private final Ddl ddl;
  private final List<StructField> added = new ArrayList<>();
  private final Set<String> widened = new LinkedHashSet<>();

  JdbcSchemaChange(TableId table, StructType current, Ddl ddl) {
    this.table = table;
    this.current = current;
    this.ddl = ddl;
  }

  @Override
  public SchemaChange addColumn(String name, ColumnType type) {
    Optional<StructField> existing = find(name);
    if (existing.isPresent()) {
      if (!existing.get().dataType().equals(type.sparkType())) {
        throw new IllegalArgumentException("Cannot add column " + name + " as " + type.sqlName() + ": it exists as "
            + existing.get().dataType().sql().toLowerCase(Locale.ROOT));
      }
      return this;
    }
    added.add(new StructField(name, type.sparkType(), true, Metadata.empty()));
    return this;
  }

  @Override
  public SchemaChange widenColumn(String name, ColumnType type) {
    Optional<StructField> existing = current == null ? Optional.empty()
        : Arrays.stream(current.fields()).filter(f -> f.name().equals(name)).findFirst();
    if (existing.isEmpty() || type != ColumnType.DOUBLE || !existing.get().dataType().equals(ColumnType.BIGINT.sparkType())) {
      throw new IllegalArgumentException("Cannot widen column " + name + " from "
          + existing.map(f -> f.dataType().sql().toLowerCase(Locale.ROOT)).orElse("nothing") + " to " + type.sqlName());
    }
    widened.add(name);
    return this;
  }

  private Optional<StructField> find(String name) {
    List<StructField> fields = new ArrayList<>(added);
    if (current != null) {
      fields.addAll(List.of(current.fields()));
    }
    return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
  }

  @Override
  public StructType apply() {
    StructType schema = new StructType();
    if (current != null) {
      for (StructField field : current.fields()) {
        schema = schema.add(widened.contains(field.name())
            ? new StructField(field.name(), ColumnType.DOUBLE.sparkType(), true, field.metadata()) : field);
      }
    }
    for (StructField field : added) {
      schema = schema.add(field);
    }
    return schema;
  }

  @Override
  public boolean isEmpty() {
    return current != null && added.isEmpty() && widened.isEmpty();
  }

  @Override
  public void commit() {
    if (current == null) {
      ddl.create(table, apply());
    } else if (!isEmpty()) {
      ddl.alter(table, current, List.copyOf(added), apply(), List.copyOf(widened));
    }
  }
}
