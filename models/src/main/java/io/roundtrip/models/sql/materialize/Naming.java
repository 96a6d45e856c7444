package io.roundtrip.models.sql.materialize;

import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.SourceTable;
import io.roundtrip.warehouse.SqlModelTarget.Relation;

/**
 * Where each node's relation goes, as dbt's default {@code generate_schema_name} and
 * {@code generate_alias_name} put it: the target schema, or {@code <target>_<schema>} for a node
 * with a {@code schema} config; the node's name, or its {@code alias}.
 */
public record Naming(String targetSchema) {

  public Naming {
    if (targetSchema == null || !targetSchema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("The target schema '" + targetSchema
          + "' must be letters, digits and underscores, not starting with a digit");
    }
  }

  public String schema(Node node) {
    return node.config().schema().map(custom -> targetSchema + "_" + custom.strip()).orElse(targetSchema);
  }

  public Relation relation(Node node) {
    return new Relation(schema(node), node.config().alias().orElse(node.name()));
  }

  public static Relation relation(SourceTable source) {
    return new Relation(source.schema(), source.identifier());
  }

  /** The CTE an ephemeral model is inlined as. */
  public static String cteName(Node node) {
    return "__dbt__cte__" + node.name();
  }
}
