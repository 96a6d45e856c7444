package io.roundtrip.models.sql.project;

import java.util.Map;

/**
 * A table of a {@code sources:} entry: {@code source('<source>', '<table>')} reads
 * {@code <schema>.<identifier>} (schema defaults to the source's name, identifier to the table's).
 */
public record SourceTable(String source, String table, String schema, String identifier, String description,
    Map<String, String> columns, String file, int line) {

  public String key() {
    return source + "." + table;
  }

  /** The graph node id: {@code source.<project>.<source>.<table>}. */
  public String uniqueId(String project) {
    return "source." + project + "." + source + "." + table;
  }
}
