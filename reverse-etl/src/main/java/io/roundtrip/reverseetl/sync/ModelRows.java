package io.roundtrip.reverseetl.sync;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.udf;

import io.roundtrip.reverseetl.destination.SyncRecord;
import io.roundtrip.reverseetl.mapping.RecordMapper;
import io.roundtrip.warehouse.ChangeFeed;
import io.roundtrip.warehouse.NativeSql;
import io.roundtrip.warehouse.SqlCatalog;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.TimeTravel;
import io.roundtrip.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * A sync's model, read twice per run: first every row's key and fingerprint (on a first run, only
 * a hash of each key), then, streaming, the records to send (picked out by Spark when they are a
 * small part of the model).
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
 * remembered, and a row that appeared in between is sent by the next run (by this one, if it is
 * the first).
 */
final class ModelRows {

  static final String KEY = "__roundtrip_key";
  static final String FINGERPRINT = "__roundtrip_fingerprint";
  private static final String CHANGE_TYPE = "__roundtrip_change_type";
  private static final String COMMIT_VERSION = "__roundtrip_commit_version";
  /** Below this share of the model, the records to send are picked out by Spark rather than by the driver. */
  private static final double FILTER_IN_SPARK_BELOW = 0.5;
  /** Rows a plan reads whole and keeps for the run (see {@link #rows}). */
  static final int READ_AHEAD_UP_TO = 50_000;

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final SyncDefinition definition;
  private final RecordMapper mapper;
  private final List<String> columns;
  private final RowRecords rowRecords;
  private final Dataset<Row> model;
  /** The expressions of {@link #keyed}: the mapped columns, the key and the fingerprint. */
  private final List<String> select;
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
      model = query(spark, warehouse, definition.model());
    } else {
      model = version == null ? warehouse.read(table(definition))
          : warehouse.ability(TimeTravel.class).orElseThrow().read(table(definition), version);
    }
    this.model = model;
    List<String> available = List.of(model.columns());
    List<String> missingKeys = definition.mapper().keyColumns().stream().filter(c -> !available.contains(c)).toList();
    if (!missingKeys.isEmpty()) {
      throw new IllegalArgumentException("sync " + definition.name() + ": the model has no column " + missingKeys
          + " (primary_key); it has " + available);
    }
    this.mapper = definition.mapper().resolve(available);
    this.columns = mapper.columns();
    List<String> missing = columns.stream().filter(c -> !available.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("sync " + definition.name() + ": the model has no column " + missing
          + "; it has " + available);
    }
    this.rowRecords = new RowRecords(columns, mapper);
    Map<String, DataType> types = new HashMap<>();
    for (StructField field : model.schema().fields()) {
      types.put(field.name(), field.dataType());
    }
    List<String> select = new ArrayList<>();
    columns.forEach(c -> select.add(quote(c)));
    select.add(keyExpression(mapper.keyColumns()) + " AS " + KEY);
    select.add(fingerprintExpression(mapper, types) + " AS " + FINGERPRINT);
    this.select = List.copyOf(select);
    this.keyed = model.selectExpr(select.toArray(String[]::new));
  }

  /** The mapping with its fields known: every model column, as is, when the sync has no mapping. */
  RecordMapper mapper() {
    return mapper;
  }

  /** The conversion of this model's rows into records, for the driver or Spark's executors. */
  RowRecords rowRecords() {
    return rowRecords;
  }

  /**
   * How many rows the model has. For a table this is an answer from the table's metadata rather
   * than a scan: a first run that stages its rows checks their keys as it stages them.
   */
  long count() {
    return model.count();
  }

  /** Up to {@code limit} records of the model, e.g. to type the columns of a table to create. */
  List<SyncRecord> sample(int limit) {
    return keyed.where(col(KEY).isNotNull()).limit(limit).collectAsList().stream().map(rowRecords::record).toList();
  }

  /**
   * A query model's rows: run by the database on a warehouse that runs SQL itself (PostgreSQL's SQL
   * on PostgreSQL, where the tables are), else by Spark SQL over the warehouse's tables.
   */
  static Dataset<Row> query(SparkSession spark, Warehouse warehouse, String sql) {
    Optional<NativeSql> nativeSql = warehouse.ability(NativeSql.class);
    if (nativeSql.isPresent()) {
      return nativeSql.get().query(sql);
    }
    warehouse.ability(SqlCatalog.class).ifPresent(SqlCatalog::registerTables);
    return spark.sql(sql);
  }

  /** The current version of a table model; null for a query. */
  static Long currentVersion(Warehouse warehouse, SyncDefinition definition) {
    if (definition.modelIsQuery()) {
      return null;
    }
    // without time travel there is no version to pin: both reads take the current rows
    OptionalLong version = warehouse.ability(TimeTravel.class).map(t -> t.version(table(definition)))
        .orElse(OptionalLong.empty());
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
   * (inserted, updated, deleted), and whether an inserted or updated row has a null key; empty
   * when the table keeps no change feed for those versions.
   */
  Optional<Changes> changes(long after, long upTo) {
    Optional<Dataset<Row>> feed =
        warehouse.ability(ChangeFeed.class).flatMap(f -> f.changes(table(definition), after, upTo));
    if (feed.isEmpty()) {
      return Optional.empty();
    }
    // one pass over the feed: the changed keys, and a null among them if a current row has none
    List<String> keys = feed.get()
        .where(col("_change_type").isin("insert", "update_postimage").or(not(keyIsNull(definition))))
        .selectExpr(keyExpression(definition.mapper().keyColumns()) + " AS " + KEY).distinct()
        .as(Encoders.STRING()).collectAsList();
    Set<String> changed = new HashSet<>(keys);
    boolean withoutKey = changed.remove(null);
    return Optional.of(new Changes(changed, withoutKey));
  }

  /** @param rowsWithoutKey whether an inserted or updated row has a null key */
  record Changes(Set<String> keys, boolean rowsWithoutKey) {}

  /**
   * The rows a table model's change feed shows changed between two versions, as they are at
   * {@code upTo}, read from the feed itself: for each key its latest change, which is the current
   * row (an insert or an update's post-image) or a delete. For a small change to a big table this
   * reads the change files alone, not the table (whose files an update rewrote). Empty when the
   * table keeps no change feed for those versions, or more than {@code limit} changes were made.
   */
  Optional<ChangedRows> changedRows(long after, long upTo, int limit) {
    Optional<Dataset<Row>> feed =
        warehouse.ability(ChangeFeed.class).flatMap(f -> f.changes(table(definition), after, upTo));
    if (feed.isEmpty()) {
      return Optional.empty();
    }
    List<String> withChange = new ArrayList<>(select);
    withChange.add("_change_type AS " + CHANGE_TYPE);
    withChange.add("_commit_version AS " + COMMIT_VERSION);
    Dataset<Row> changed = feed.get().where(col("_change_type").isin("insert", "update_postimage", "delete"))
        .selectExpr(withChange.toArray(String[]::new));
    // A limit is collected partition by partition, one Spark job after another; a cap per
    // partition takes one job, and with few partitions it still bounds what reaches the driver.
    List<Row> changes = changed.rdd().getNumPartitions() <= CAPPED_PARTITIONS
        ? changed.mapPartitions(firstRows(limit + 1), Encoders.row(changed.schema())).collectAsList()
        : changed.limit(limit + 1).collectAsList();
    if (changes.size() > limit) {
      return Optional.empty();
    }
    int width = columns.size() + 2;
    Map<String, List<Row>> byKey = new HashMap<>();
    boolean withoutKey = false;
    for (Row change : changes) {
      String key = change.getString(columns.size());
      boolean delete = "delete".equals(change.getString(width));
      if (key == null) {
        withoutKey |= !delete;
        continue;
      }
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
    }
    List<Row> current = new ArrayList<>();
    Set<String> deleted = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    Set<String> insertedWithoutDelete = new HashSet<>();
    byKey.forEach((key, keyChanges) -> {
      long latest = keyChanges.stream().mapToLong(c -> c.getLong(width + 1)).max().orElseThrow();
      List<Row> rowsNow = keyChanges.stream().filter(c -> c.getLong(width + 1) == latest)
          .filter(c -> !"delete".equals(c.getString(width))).toList();
      if (rowsNow.size() > 1) {
        repeated.add(key);
      } else if (rowsNow.size() == 1) {
        Object[] values = new Object[width];
        for (int i = 0; i < width; i++) {
          values[i] = rowsNow.get(0).get(i);
        }
        current.add(RowFactory.create(values));
      } else {
        deleted.add(key);
      }
      boolean inserted = keyChanges.stream().anyMatch(c -> "insert".equals(c.getString(width)));
      boolean removed = keyChanges.stream().anyMatch(c -> "delete".equals(c.getString(width)));
      if (inserted && !removed) {
        insertedWithoutDelete.add(key);
      }
    });
    return Optional.of(new ChangedRows(current, deleted, repeated, insertedWithoutDelete, withoutKey));
  }

  /** Partitions of a change feed read whole, each up to the limit: beyond, the limit is collected. */
  private static final int CAPPED_PARTITIONS = 16;

  /** Static, so the function Spark ships to its tasks carries nothing but the number. */
  private static MapPartitionsFunction<Row, Row> firstRows(int count) {
    return rows -> {
      List<Row> first = new ArrayList<>();
      while (rows.hasNext() && first.size() < count) {
        first.add(rows.next());
      }
      return first.iterator();
    };
  }

  /**
   * @param rows the current rows of the changed keys, as {@link #rows} returns them
   * @param deleted keys whose latest change deleted them
   * @param repeated keys with more than one current row among the changes
   * @param insertedWithoutDelete keys inserted in these versions and never deleted in them: if
   *     the table had the key before, it now has it twice, which only the table can show
   * @param rowsWithoutKey whether an inserted or updated row has a null key
   */
  record ChangedRows(List<Row> rows, Set<String> deleted, Set<String> repeated, Set<String> insertedWithoutDelete,
      boolean rowsWithoutKey) {}

  private static Column keyIsNull(SyncDefinition definition) {
    return expr(definition.mapper().keyColumns().stream().map(c -> quote(c) + " IS NULL")
        .collect(Collectors.joining(" OR ")));
  }

  static String keyExpression(List<String> keyColumns) {
    if (keyColumns.size() == 1) {
      return "CAST(" + quote(keyColumns.get(0)) + " AS STRING)";
    }
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

  /** A row's key (null when a key column is) and fingerprint. */
  record Fingerprinted(String key, long fingerprint) {}

  /** Key and fingerprint of every row, streamed. */
  Iterator<Fingerprinted> fingerprints() {
    return fingerprinted(keyed.select(KEY, FINGERPRINT).toLocalIterator());
  }

  /** Key and fingerprint of the rows whose key is in {@code keys}, streamed. */
  Iterator<Fingerprinted> fingerprints(Set<String> keys) {
    return fingerprinted(only(keys).select(KEY, FINGERPRINT).toLocalIterator());
  }

  private static Iterator<Fingerprinted> fingerprinted(Iterator<Row> rows) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Fingerprinted next() {
        Row row = rows.next();
        return new Fingerprinted(row.getString(0), row.getLong(1));
      }
    };
  }

  /**
   * Every column of the rows whose key is in {@code keys}, in one read: few enough rows (at most
   * {@link #READ_AHEAD_UP_TO}) that a run can hold them from the plan to the sending, rather
   * than read the model again; collected at once, so Spark reads the model's parts in parallel.
   */
  List<Row> rows(Set<String> keys) {
    return only(keys).collectAsList();
  }

  Fingerprinted fingerprinted(Row row) {
    return new Fingerprinted(rowRecords.key(row), rowRecords.fingerprint(row));
  }

  /** The record of a row read by {@link #rows} or {@link #records}. */
  SyncRecord record(Row row) {
    return rowRecords.record(row);
  }

  /**
   * The rows whose key is in {@code keys}, picked out by Spark: the set is broadcast and each row's
   * key looked up in it. (Measured on a million rows: a third of the time of an {@code IN} list,
   * whose thousands of literals the optimizer walks again and again, or of a join.)
   */
  private Dataset<Row> only(Set<String> keys) {
    Broadcast<Set<String>> wanted = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new HashSet<>(keys));
    return keyed.where(udf(isIn(wanted), DataTypes.BooleanType).apply(col(KEY)));
  }

  /** Static, so the function Spark ships to its tasks carries the broadcast set and nothing else. */
  private static UDF1<String, Boolean> isIn(Broadcast<Set<String>> keys) {
    return key -> key != null && keys.value().contains(key);
  }

  /** Up to {@code limit} rows whose key is null, as text, for the error that names them. */
  List<String> rowsWithoutKey(int limit) {
    return keyed.where(col(KEY).isNull()).drop(KEY, FINGERPRINT).limit(limit).collectAsList().stream()
        .map(Row::toString).toList();
  }

  /**
   * The records of the rows to send; streamed, so the model never has to fit in memory. Spark
   * picks them out when they are a small part of the model's {@code modelRows}.
   */
  Iterator<SyncRecord> records(RowsToSend toSend, long modelRows) {
    Iterator<Row> iterator = rows(toSend, modelRows).toLocalIterator();
    int keyIndex = columns.size();
    return new Iterator<>() {
      private SyncRecord next;

      @Override
      public boolean hasNext() {
        while (next == null && iterator.hasNext()) {
          Row row = iterator.next();
          if (toSend.includes(row.getString(keyIndex))) {
            next = record(row);
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

  /**
   * The rows to send, as a Dataset: picked out by Spark when they are a small part of the model's
   * {@code modelRows}; otherwise every row (a caller streaming them filters by key).
   */
  Dataset<Row> rows(RowsToSend toSend, long modelRows) {
    return toSend instanceof RowsToSend.Keys keys && keys.keys().size() < FILTER_IN_SPARK_BELOW * modelRows
        ? only(keys.keys()) : keyed;
  }

  /**
   * Exactly the rows to send, picked out by Spark (a staged send writes every row it is given
   * that has a key): every row, or the rows with the plan's keys.
   */
  Dataset<Row> rowsToStage(RowsToSend toSend) {
    return toSend instanceof RowsToSend.Keys keys ? only(keys.keys()) : keyed;
  }

  /**
   * How many rows the model has, and whether every row has a key and no key repeats, checked
   * without bringing the keys to the driver: only a 64-bit hash of each comes (8 bytes a row,
   * sorted to find repeats). Two keys with one hash read as a repeat, which is safe: the caller
   * then makes the full diff, which compares the keys themselves.
   */
  KeyCheck checkKeys() {
    Iterator<Row> rows = keyed.select(expr("xxhash64(" + KEY + ")"), col(KEY).isNull()).toLocalIterator();
    long[] hashes = new long[1 << 16];
    int count = 0;
    long total = 0;
    boolean nullKey = false;
    while (rows.hasNext()) {
      Row row = rows.next();
      total++;
      if (row.getBoolean(1)) {
        nullKey = true;
        continue;
      }
      if (count == hashes.length) {
        hashes = Arrays.copyOf(hashes, hashes.length * 2);
      }
      hashes[count++] = row.getLong(0);
    }
    Arrays.sort(hashes, 0, count);
    boolean mayRepeat = false;
    for (int i = 1; i < count && !mayRepeat; i++) {
      mayRepeat = hashes[i] == hashes[i - 1];
    }
    return new KeyCheck(total, !nullKey && !mayRepeat);
  }

  /** @param valid every row has a key and no two rows have one key */
  record KeyCheck(long rows, boolean valid) {}
}
