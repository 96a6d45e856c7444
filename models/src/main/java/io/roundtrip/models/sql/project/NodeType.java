package io.roundtrip.models.sql.project;

/** What a node of the project is. */
public enum NodeType {
  SEED, MODEL, TEST;

  /** dbt's resource type name: {@code seed}, {@code model}, {@code test}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
