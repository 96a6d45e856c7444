package io.roundtrip.warehouse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A warehouse that analyst SQL models (dbt-style projects) can be built in: it runs their SELECTs
 * in its own SQL dialect and materializes the results. The SQL model runner sees only this, so a
 * backend that implements it runs the same projects, as a dbt adapter does.
 *
 * <p>Every relation written here is a table of the warehouse too ({@code TableId(schema, name)}),
 * except views, which live in the warehouse's SQL only.
 */
public interface SqlModelTarget {

  /** How the dialect writes the relation in SQL, quoted where a part needs it. */
  String relationName(Relation relation);

  /** What the relation is now (view or table) and its columns; empty when it does not exist. */
  Optional<RelationInfo> describe(Relation relation);

  /** The rows of a SELECT in the dialect (lazy: nothing runs until they are read). */
  Dataset<Row> query(String select);

  /** Creates or replaces a view; a table of the same name is dropped first. */
  void createView(Relation relation, String select);

  /**
   * Replaces the relation with a table of the SELECT's rows, atomically: readers see the old rows or
   * the new, never a half. A view of the same name is dropped first. Returns the rows written.
   */
  long replaceTable(Relation relation, String select);

  /** {@link #replaceTable(Relation, String)} for rows that come from outside the warehouse (seeds). */
  long replaceTable(Relation relation, Dataset<Row> rows);

  /**
   * Writes a SELECT's rows into an existing table in one commit, as {@code write} says; returns the
   * rows written. The caller has checked keys and column differences before.
   */
  long writeIncremental(Relation relation, String select, IncrementalWrite write);

  /** A schema and a name in it; {@code schema} is a warehouse namespace. */
  record Relation(String schema, String name) {
    public Relation {
      if (schema == null || schema.isBlank() || name == null || name.isBlank()) {
        throw new IllegalArgumentException("A relation needs a schema and a name: " + schema + "." + name);
      }
    }

    public TableId tableId() {
      return new TableId(schema, name);
    }

    @Override
    public String toString() {
      return schema + "." + name;
    }
  }

  /** What an existing relation is. */
  record RelationInfo(Kind kind, StructType columns) {}

  enum Kind { TABLE, VIEW }

  /** How an incremental write treats the table's columns when the SELECT's differ. */
  enum Columns {
    /** The table keeps its columns: the rows' other columns are left out, missing ones are null. */
    KEEP,
    /** Columns the table lacks are added; columns it has and the rows lack are null. */
    ADD_NEW,
    /** The table's columns become the SELECT's (added, removed, retyped), old rows kept. */
    SYNC
  }

  /** The incremental strategies. */
  sealed interface IncrementalWrite {
    Columns columns();

    /** Adds the rows. */
    record Append(Columns columns) implements IncrementalWrite {}

    /** Updates rows whose {@code uniqueKey} matches a new row and inserts the others. */
    record Merge(List<String> uniqueKey, Columns columns) implements IncrementalWrite {
      public Merge {
        uniqueKey = List.copyOf(uniqueKey);
      }
    }

    /**
     * Replaces exactly the rows whose {@code timeColumn} is in {@code [start, end)} with the new rows,
     * all of which must be in it; rerunning the same range gives the same table.
     */
    record ReplaceRange(String timeColumn, Instant start, Instant end, Columns columns) implements IncrementalWrite {}
  }
}
