package io.roundtrip.warehouse;

/** A warehouse whose tables Spark SQL of this session can name as {@code namespace.table}. */
public interface SqlCatalog {

  /**
   * Makes every table addressable in Spark SQL of this session, tables added later included; each
   * is looked up when a query names it.
   */
  void registerTables();
}
