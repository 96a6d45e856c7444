package io.roundtrip.models.runs;

import io.roundtrip.models.ModelContext;
import io.roundtrip.warehouse.DriverAppends;
import io.roundtrip.warehouse.DriverScans;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.TimeTravel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code <models namespace>.model_runs}: for each model run, the versions of the tables it read and
 * the settings it ran with. A model whose inputs and settings are what its last run saw has
 * nothing to do: {@link #lastRunWith} tells so from table metadata and this small table alone,
 * without a Spark job, so a nightly run of every model on a quiet day costs seconds.
 */
public final class ModelRuns {

  public static final String TABLE = "model_runs";

  private static final StructType SCHEMA = new StructType()
      .add("model", DataTypes.StringType).add("finished_at", DataTypes.TimestampType)
      .add("inputs", DataTypes.StringType).add("settings", DataTypes.StringType);

  private final ModelContext context;

  public ModelRuns(ModelContext context) {
    this.context = context;
  }

  /**
   * What a run of a model would see: each existing input table with its current version, and the
   * settings. Empty when the warehouse keeps no table versions (then every run runs).
   */
  public Optional<Fingerprint> fingerprint(String model, List<TableId> inputs, String settings) {
    Optional<TimeTravel> versions = context.warehouse().ability(TimeTravel.class);
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Long> seen = new TreeMap<>();
    for (TableId input : inputs) {
      versions.get().version(input).ifPresent(v -> seen.put(input.toString(), v));
    }
    String described = seen.entrySet().stream().map(e -> e.getKey() + "@" + e.getValue())
        .collect(Collectors.joining(","));
    return Optional.of(new Fingerprint(model, described, settings));
  }

  /** When the model last ran on exactly these inputs and settings, if it did. */
  public Optional<Instant> lastRunWith(Fingerprint fingerprint) {
    TableId table = context.modelTable(TABLE);
    List<Row> runs = context.warehouse().ability(DriverScans.class)
        .map(scans -> scans.scan(table, List.of("model", "finished_at", "inputs", "settings")))
        .orElseGet(() -> context.exists(table)
            ? context.warehouse().read(table).select("model", "finished_at", "inputs", "settings").collectAsList()
            : List.of());
    Instant latest = null;
    Fingerprint latestFingerprint = null;
    for (Row run : runs) {
      if (fingerprint.model().equals(run.getString(0))) {
        Instant at = (Instant) run.get(1);
        if (latest == null || at.isAfter(latest)) {
          latest = at;
          latestFingerprint = new Fingerprint(run.getString(0), run.getString(2), run.getString(3));
        }
      }
    }
    return fingerprint.equals(latestFingerprint) ? Optional.of(latest) : Optional.empty();
  }

  /** Records a finished run; the next run with the same fingerprint has nothing to do. */
  public void record(Fingerprint fingerprint) {
    Row row = RowFactory.create(fingerprint.model(), Instant.now(), fingerprint.inputs(), fingerprint.settings());
    DriverAppends.append(context.warehouse(), context.modelTable(TABLE), SCHEMA, List.of(row), null);
  }

  /**
   * @param inputs {@code table@version} of each input, in table order
   * @param settings the model's settings as they print
   */
  public record Fingerprint(String model, String inputs, String settings) {}
}
