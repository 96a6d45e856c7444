package io.roundtrip.models.sql.render;

import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.SourceTable;
import java.util.Map;
import java.util.Optional;

/**
 * What one node's template may ask while it renders: where refs and sources point, whether it is
 * an incremental run, which relations exist, the vars. At parse time (listing a project)
 * {@link #execute()} is false and nothing asks the warehouse.
 */
public interface RenderScope {

  /** The node being rendered. */
  Node node();

  /** False while reading the project (dbt's {@code execute}): nothing may look at the warehouse. */
  boolean execute();

  Map<String, Object> vars();

  /** The relation of a model or seed, as {@code ref} renders it. */
  RelationValue ref(Node target);

  RelationValue source(SourceTable table);

  /** {@code this}: the node's own relation. */
  RelationValue self();

  /** dbt's {@code is_incremental()}. */
  boolean isIncremental();

  /** The relation when it exists in the warehouse (dbt's {@code load_relation}, {@code adapter.get_relation}). */
  Optional<RelationValue> existing(String schema, String identifier);

  /** The target's {@code schema}, and the warehouse type as {@code target.type}. */
  String targetSchema();

  String targetType();

  /** The {@code [start, end)} of a time_range run as SQL timestamp literals, or empty. */
  Optional<Map<String, String>> timeRange();
}
