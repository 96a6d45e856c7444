package io.roundtrip.models.sql.project;

/** A {@code source('source', 'table')} in a template, at a line of its file. */
public record SourceRef(String source, String table, int line) {

  /** {@code source.table}, as selection and messages write it. */
  public String key() {
    return source + "." + table;
  }
}
