package io.roundtrip.reverseetl.sync;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.roundtrip.loaders.warehouse.TableId;
import io.roundtrip.loaders.warehouse.Warehouse;
import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.mapping.ModelValues;
import io.roundtrip.reverseetl.mapping.RecordMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * A sync's model, read twice per run: first every row's key and fingerprint, then, streaming,
 * the records to send (picked out by Spark when they are a small part of the model).
 *
 * <p>Both are Spark expressions, computed where the data is, in parallel and without turning rows
 * into Java objects: the key is the key columns as text joined with
 * {@link RecordMapper#KEY_SEPARATOR}; the fingerprint is a 64-bit xxHash of the mapping's
 * signature and every column the mapping reads, each with a null marker (Spark's hash skips
 * nulls, which would make a value that moves to the next column look unchanged).
 *
 * <p>A table model is read at one version for both reads; with a change feed, a run reads only
 * the rows changed since the version the last run read. A query is read twice as it stands; what
 * changed in between is harmless: the second read's values and fingerprints are what is sent and
 * remembered, and a row that appeared in between is sent by the next run.
 */
final class ModelRows {

  static final String KEY = "__roundtrip_key";
  static final String FINGERPRINT = "__roundtrip_fingerprint";
  /** Below this share of the model, the records to send are picked out by Spark rather than by the driver. */
  private static final double FILTER_IN_SPARK_BELOW = 0.5;

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final SyncDefinition definition;
  private final List<String> columns;
  private final Dataset<Row> keyed;

  /**
   * @param version the version of a table model to read (so both reads see the same rows), or
   *     null for its current rows or a query
   */
  ModelRows(SparkSession spark, Warehouse warehouse, SyncDefinition definition, Long version) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.definition = definition;
    Dataset<Row> model;
    if (definition.modelIsQuery()) {
      warehouse.registerTables();
      model = spark.sql(definition.model());
    } else {
      model = version == null ? warehouse.read(table(definition)) : warehouse.read(table(definition), version);
    }
    this.columns = definition.mapper().columns();
    List<String> available = List.of(model.columns());
    List<String> missing = columns.stream().filter(c -> !available.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("sync " + definition.name() + ": the model has no column " + missing
          + "; it has " + available);
    }
    Map<String, DataType> types = new HashMap<>();
    for (StructField field : model.schema().fields()) {
      types.put(field.name(), field.dataType());
    }
    List<String> select = new ArrayList<>();
    columns.forEach(c -> select.add(quote(c)));
    select.add(keyExpression(definition.mapper().keyColumns()) + " AS " + KEY);
    select.add(fingerprintExpression(definition.mapper(), types) + " AS " + FINGERPRINT);
    this.keyed = model.selectExpr(select.toArray(String[]::new));
  }

  /** The current version of a table model; null for a query. */
  static Long currentVersion(Warehouse warehouse, SyncDefinition definition) {
    if (definition.modelIsQuery()) {
      return null;
    }
    OptionalLong version = warehouse.version(table(definition));
    return version.isPresent() ? version.getAsLong() : null;
  }

  private static TableId table(SyncDefinition definition) {
    String[] parts = definition.model().trim().split("\\.", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException("sync " + definition.name() + ": model \"" + definition.model()
          + "\" must be namespace.table or a SQL query");
    }
    return new TableId(parts[0], parts[1]);
  }

  /**
   * The keys of the rows a table model's change feed shows changed between two versions
   * (inserted, updated, deleted), and how many inserted or updated rows have a null key; empty
   * when the table keeps no change feed for those versions.
   */
  Optional<Changes> changes(long after, long upTo) {
    Optional<Dataset<Row>> feed = warehouse.changes(table(definition), after, upTo);
    if (feed.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> keys = feed.get().selectExpr(keyExpression(definition.mapper().keyColumns()) + " AS " + KEY,
        "_change_type IN ('insert', 'update_postimage') AS current");
    long nullKeys = keys.where(col(KEY).isNull().and(col("current"))).count();
    Set<String> changed = new HashSet<>(keys.where(col(KEY).isNotNull()).select(KEY).distinct()
        .as(Encoders.STRING()).collectAsList());
    return Optional.of(new Changes(changed, nullKeys));
  }

  record Changes(Set<String> keys, long rowsWithoutKey) {}

  static String keyExpression(List<String> keyColumns) {
    String anyNull = keyColumns.stream().map(c -> quote(c) + " IS NULL").collect(Collectors.joining(" OR "));
    String joined = keyColumns.stream().map(c -> "CAST(" + quote(c) + " AS STRING)").collect(Collectors.joining(", "));
    return "CASE WHEN " + anyNull + " THEN NULL ELSE concat_ws('" + RecordMapper.KEY_SEPARATOR + "', " + joined
        + ") END";
  }

  static String fingerprintExpression(RecordMapper mapper, Map<String, DataType> types) {
    StringBuilder expression = new StringBuilder("xxhash64('" + mapper.signature() + "'");
    for (String column : mapper.columns()) {
      // Spark cannot hash maps; their JSON stands in for them
      String value = types.get(column) instanceof MapType ? "to_json(" + quote(column) + ")" : quote(column);
      expression.append(", ").append(value).append(", isnull(").append(quote(column)).append(")");
    }
    return expression.append(")").toString();
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** Key and fingerprint of every row; the key is null when a key column is. */
  Iterator<Row> fingerprints() {
    return keyed.select(KEY, FINGERPRINT).toLocalIterator();
  }

  /** Key and fingerprint of the rows whose key is in {@code keys}. */
  Iterator<Row> fingerprints(Set<String> keys) {
    return only(keys).select(KEY, FINGERPRINT).toLocalIterator();
  }

  /** The rows whose key is in {@code keys}, picked out by Spark (the keys are shipped to every task). */
  private Dataset<Row> only(Set<String> keys) {
    Dataset<Row> wanted = spark.createDataset(new ArrayList<>(keys), Encoders.STRING()).toDF(KEY);
    return keyed.join(broadcast(wanted), keyed.col(KEY).equalTo(wanted.col(KEY)), "left_semi");
  }

  /** Up to {@code limit} rows whose key is null, as text, for the error that names them. */
  List<String> rowsWithoutKey(int limit) {
    return keyed.where(col(KEY).isNull()).drop(KEY, FINGERPRINT).limit(limit).collectAsList().stream()
        .map(Row::toString).toList();
  }

  /**
   * The records of the rows whose key is in {@code keys}; streamed, so the model never has to fit
   * in memory. Spark picks them out when they are a small part of the model's {@code modelRows}.
   */
  Iterator<SyncRecord> records(Set<String> keys, long modelRows) {
    Dataset<Row> rows = keys.size() < FILTER_IN_SPARK_BELOW * modelRows ? only(keys) : keyed;
    Iterator<Row> iterator = rows.toLocalIterator();
    RecordMapper mapper = definition.mapper();
    int keyIndex = columns.size();
    return new Iterator<>() {
      private final Map<String, Object> values = new HashMap<>();
      private SyncRecord next;

      @Override
      public boolean hasNext() {
        while (next == null && iterator.hasNext()) {
          Row row = iterator.next();
          String key = row.getString(keyIndex);
          if (key != null && keys.contains(key)) {
            values.clear();
            for (int i = 0; i < keyIndex; i++) {
              values.put(columns.get(i), ModelValues.plain(row.get(i)));
            }
            next = mapper.record(key, row.getLong(keyIndex + 1), values);
          }
        }
        return next != null;
      }

      @Override
      public SyncRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        SyncRecord record = next;
        next = null;
        return record;
      }
    };
  }
}
