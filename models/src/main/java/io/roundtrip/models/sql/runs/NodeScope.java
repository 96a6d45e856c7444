package io.roundtrip.models.sql.runs;

import io.roundtrip.models.sql.materialize.Naming;
import io.roundtrip.models.sql.materialize.TimeRange;
import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.NodeType;
import io.roundtrip.models.sql.project.SourceTable;
import io.roundtrip.models.sql.render.RelationValue;
import io.roundtrip.models.sql.render.RenderScope;
import io.roundtrip.warehouse.SqlModelTarget;
import io.roundtrip.warehouse.SqlModelTarget.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's render scope. With a target (running, compiling) names come from the warehouse's
 * dialect and {@code load_relation} looks; without one (reading the project) nothing does. Ephemeral
 * models that a template refs are collected, to be inlined as CTEs.
 */
final class NodeScope implements RenderScope {

  private final Node node;
  private final Naming naming;
  private final SqlModelTarget target;
  private final String targetType;
  private final Map<String, Object> vars;
  private final boolean incremental;
  private final Optional<TimeRange> range;
  final List<Node> ephemerals = new ArrayList<>();

  NodeScope(Node node, Naming naming, SqlModelTarget target, String targetType, Map<String, Object> vars,
      boolean incremental, Optional<TimeRange> range) {
    this.node = node;
    this.naming = naming;
    this.target = target;
    this.targetType = targetType;
    this.vars = vars;
    this.incremental = incremental;
    this.range = range;
  }

  @Override
  public Node node() {
    return node;
  }

  @Override
  public boolean execute() {
    return target != null;
  }

  @Override
  public Map<String, Object> vars() {
    return vars;
  }

  @Override
  public RelationValue ref(Node other) {
    if (other.type() == NodeType.MODEL && other.materialized().equals("ephemeral")) {
      if (!ephemerals.contains(other)) {
        ephemerals.add(other);
      }
      return new RelationValue(null, other.name(), Naming.cteName(other));
    }
    return value(naming.relation(other));
  }

  @Override
  public RelationValue source(SourceTable table) {
    return value(Naming.relation(table));
  }

  @Override
  public RelationValue self() {
    return node.type() == NodeType.TEST ? null : value(naming.relation(node));
  }

  @Override
  public boolean isIncremental() {
    return incremental;
  }

  @Override
  public Optional<RelationValue> existing(String schema, String identifier) {
    if (target == null) {
      return Optional.empty();
    }
    Relation relation = new Relation(schema, identifier);
    return target.describe(relation).map(info -> value(relation));
  }

  @Override
  public String targetSchema() {
    return naming.targetSchema();
  }

  @Override
  public String targetType() {
    return targetType;
  }

  @Override
  public Optional<Map<String, String>> timeRange() {
    return range.map(TimeRange::templateValues);
  }

  private RelationValue value(Relation relation) {
    String rendered = target != null ? target.relationName(relation) : relation.tableId().sqlName();
    return new RelationValue(relation.schema(), relation.name(), rendered);
  }
}
