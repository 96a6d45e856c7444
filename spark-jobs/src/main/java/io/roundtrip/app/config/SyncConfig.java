package io.roundtrip.app.config;

import io.roundtrip.reverseetl.delivery.BackoffPolicy;
import io.roundtrip.reverseetl.delivery.BatchSender;
import io.roundtrip.reverseetl.mapping.FieldMapping;
import io.roundtrip.reverseetl.mapping.RecordMapper;
import io.roundtrip.reverseetl.sync.SyncDefinition;
import io.roundtrip.reverseetl.sync.SyncMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code syncs:} in {@code roundtrip.yml}. Only name, model, primary_key,
 * destination and mapping are required.
 *
 * @param model a warehouse table ({@code namespace.table}) or a Spark SQL query over the tables
 * @param mapping destination field -> a model column or a function (see {@link FieldMapping})
 * @param rateLimit requests per second to the destination (default: no limit)
 */
public record SyncConfig(String name, String model, List<String> primaryKey, String mode,
    DestinationConfig destination, Map<String, Object> mapping, Boolean nullOverwrites, Integer batchSize,
    Double rateLimit, RetryConfig retry, Integer maxFailedRuns, String schedule) {

  public static final int DEFAULT_MAX_FAILED_RUNS = 3;

  /** How hard to try one batch within a run; what still fails is retried on the next run. */
  public record RetryConfig(Integer maxAttempts, String maxWait) {
    BackoffPolicy policy() {
      BackoffPolicy defaults = BackoffPolicy.DEFAULT;
      return new BackoffPolicy(defaults.base(), defaults.cap(), maxAttempts == null ? defaults.maxAttempts() : maxAttempts,
          maxWait == null ? defaults.maxTotal() : Durations.parse(maxWait, "retry.max_wait"));
    }
  }

  public SyncConfig {
    if (name == null) {
      throw new IllegalArgumentException("every sync needs a name");
    }
    if (destination == null) {
      throw new IllegalArgumentException("sync " + name + ": destination is required");
    }
    if (primaryKey == null || primaryKey.isEmpty()) {
      throw new IllegalArgumentException("sync " + name + ": primary_key is required (the model's key column or columns)");
    }
    if (mapping == null || mapping.isEmpty()) {
      throw new IllegalArgumentException("sync " + name + ": mapping is required (destination field: model column)");
    }
    mapping = new LinkedHashMap<>(mapping);
    primaryKey = List.copyOf(primaryKey);
  }

  public SyncMode syncMode() {
    return mode == null ? SyncMode.UPSERT : SyncMode.parse(mode);
  }

  public boolean overwritesWithNulls() {
    return Boolean.TRUE.equals(nullOverwrites);
  }

  public int batchSizeOrDefault() {
    return batchSize == null ? destination.defaultBatchSize() : batchSize;
  }

  /** The engine's view of this sync; mapping errors name the sync and field. */
  public SyncDefinition definition() {
    Map<String, FieldMapping> fields = new LinkedHashMap<>();
    mapping.forEach((field, spec) -> {
      try {
        fields.put(field, FieldMapping.parse(field, spec));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sync " + name + ": " + e.getMessage(), e);
      }
    });
    RecordMapper mapper = new RecordMapper(name, primaryKey, fields, overwritesWithNulls());
    BatchSender.Options delivery = new BatchSender.Options(batchSizeOrDefault(), rateLimit == null ? 0 : rateLimit,
        retry == null ? BackoffPolicy.DEFAULT : retry.policy());
    return new SyncDefinition(name, model, syncMode(), mapper, delivery,
        maxFailedRuns == null ? DEFAULT_MAX_FAILED_RUNS : maxFailedRuns, schedule, List.of());
  }

  static Duration timeout(String text, String what) {
    return text == null ? null : Durations.parse(text, what);
  }
}
