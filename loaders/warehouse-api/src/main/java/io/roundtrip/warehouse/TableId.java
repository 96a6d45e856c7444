package io.roundtrip.warehouse;

import java.io.Serializable;

/**
 * A table in the warehouse: {@code namespace} is the schema (a source's name, {@code <source>_models}
 * or {@code _roundtrip}), {@code name} the table.
 */
public record TableId(String namespace, String name) implements Serializable {

  public TableId {
    if (namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
      throw new IllegalArgumentException("Table namespace and name must not be empty: " + namespace + "." + name);
    }
  }

  /** As written in SQL, with back-quotes where a part needs them. */
  public String sqlName() {
    return quote(namespace) + "." + quote(name);
  }

  static String quote(String part) {
    return part.matches("[a-z_][a-z0-9_]*") ? part : "`" + part.replace("`", "``") + "`";
  }

  @Override
  public String toString() {
    return namespace + "." + name;
  }
}
