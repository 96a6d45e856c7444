package io.roundtrip.app.config;

/**
 * The {@code sql} section of {@code roundtrip.yml}: analyst SQL models (dbt-style projects).
 *
 * @param schema the target schema models go to (a folder or model {@code schema: x} config writes
 *     to {@code <schema>_x}); default {@code analytics}
 * @param project the project folder {@code roundtrip sql} reads; default {@code sql}
 * @param threads models built at once; default 4
 */
public record SqlConfig(String schema, String project, Integer threads) {

  public static final SqlConfig DEFAULT = new SqlConfig(null, null, null);

  public SqlConfig {
    schema = schema == null ? "analytics" : schema;
    project = project == null ? "sql" : project;
    threads = threads == null ? 4 : threads;
    if (!schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("sql.schema \"" + schema + "\" must be letters, digits and underscores");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("sql.threads must be at least 1");
    }
  }
}
