package io.roundtrip.warehouse;

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
 * The rules and messages of a {@link SchemaChange} that every backend promises, kept once: which
 * additions and widenings are allowed, and the schema they give. A backend says only how the
 * change is committed.
 */
public abstract class PendingSchemaChange implements SchemaChange {

  private final StructType current;
  private final List<StructField> added = new ArrayList<>();
  private final Set<String> widened = new LinkedHashSet<>();

  /** @param current the table's schema, or null when the table does not exist yet */
  protected PendingSchemaChange(StructType current) {
    this.current = current;
  }

  /** The table's schema before the change; null for a table the commit creates. */
  protected final StructType current() {
    return current;
  }

  /** Columns to add, in order. */
  protected final List<StructField> added() {
    return List.copyOf(added);
  }

  /** Existing bigint columns to widen to double. */
  protected final List<String> widened() {
    return List.copyOf(widened);
  }

  @Override
  public final SchemaChange addColumn(String name, ColumnType type) {
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
  public final SchemaChange widenColumn(String name, ColumnType type) {
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
  public final StructType apply() {
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
  public final boolean isEmpty() {
    return current != null && added.isEmpty() && widened.isEmpty();
  }
}
