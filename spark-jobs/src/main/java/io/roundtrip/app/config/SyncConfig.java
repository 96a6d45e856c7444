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
import java.util.Locale;
import java.util.Map;

/**
 * One entry of {@code syncs:} in {@code roundtrip.yml}. Only name, model, primary_key and
 * destination are required. Every value is checked when the file is read, so a wrong one is a
 * configuration error naming the file and line (exit code 3), not a failure half-way into a run.
 *
 * @param model a warehouse table ({@code namespace.table}) or a Spark SQL query over the tables
 * @param mapping destination field -> a model column or a function (see {@link FieldMapping});
 *     null or absent: every model column, as is
 * @param rateLimit requests per second to the destination (default: no limit)
 * @param after the syncs that run before this one (see {@link SyncDefinition#after})
 */
public record SyncConfig(String name, String model, List<String> primaryKey, String mode,
    DestinationConfig destination, Map<String, Object> mapping, Boolean nullOverwrites, Integer batchSize,
    Double rateLimit, RetryConfig retry, Integer maxFailedRuns, String schedule, List<String> after) {

  public static final int DEFAULT_MAX_FAILED_RUNS = 3;

  /** How hard to try one batch within a run; what still fails is retried on the next run. */
  public record RetryConfig(Integer maxAttempts, String maxWait) {
    public RetryConfig {
      if (maxAttempts != null && maxAttempts < 1) {
        throw new InvalidSetting("max_attempts must be at least 1", "max_attempts");
      }
      if (maxWait != null) {
        try {
          Durations.parse(maxWait, "max_wait");
        } catch (IllegalArgumentException e) {
          throw new InvalidSetting(e.getMessage(), "max_wait");
        }
      }
    }

    BackoffPolicy policy() {
      BackoffPolicy defaults = BackoffPolicy.DEFAULT;
      return new BackoffPolicy(defaults.base(), defaults.cap(), maxAttempts == null ? defaults.maxAttempts() : maxAttempts,
          maxWait == null ? defaults.maxTotal() : Durations.parse(maxWait, "retry.max_wait"));
    }
  }

  public SyncConfig {
    if (name == null) {
      throw new InvalidSetting("every sync needs a name", "name");
    }
    if (!name.matches(SyncDefinition.NAME_PATTERN)) {
      throw new InvalidSetting("\"" + name + "\" is not a sync name: use letters, digits, _ and -", "name");
    }
    if (model == null || model.isBlank()) {
      throw new InvalidSetting("sync " + name + " needs a model (a table or a SQL query)", "model");
    }
    if (destination == null) {
      throw new InvalidSetting("sync " + name + " needs a destination", "destination");
    }
    if (primaryKey == null || primaryKey.isEmpty()) {
      throw new InvalidSetting("sync " + name + " needs a primary_key (the model's key column or columns)",
          "primary_key");
    }
    if (mode != null) {
      try {
        SyncMode.parse(mode);
      } catch (IllegalArgumentException e) {
        throw new InvalidSetting(e.getMessage(), "mode");
      }
    }
    mapping = mapping == null ? null : new LinkedHashMap<>(mapping);
    if (mapping != null) {
      mapping.forEach((field, spec) -> {
        try {
          FieldMapping.parse(field, spec);
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
          throw new InvalidSetting("mapping of " + field + ": " + e.getMessage(), "mapping", field);
        }
      });
    }
    if (batchSize != null && batchSize < 1) {
      throw new InvalidSetting("batch_size must be at least 1", "batch_size");
    }
    if (rateLimit != null && rateLimit < 0) {
      throw new InvalidSetting("rate_limit must not be negative", "rate_limit");
    }
    if (maxFailedRuns != null && maxFailedRuns < 1) {
      throw new InvalidSetting("max_failed_runs must be at least 1", "max_failed_runs");
    }
    primaryKey = List.copyOf(primaryKey);
    after = after == null ? List.of() : List.copyOf(after);
    if (after.contains(name)) {
      throw new InvalidSetting("a sync cannot run after itself", "after");
    }
  }

  /** The destination's {@code type}: ambassador, promoter, webhook, postgres, snowflake. */
  public String destinationType() {
    return destination.getClass().getSimpleName().toLowerCase(Locale.ROOT);
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

  /** The engine's view of this sync. */
  public SyncDefinition definition() {
    RecordMapper mapper;
    if (mapping == null) {
      mapper = RecordMapper.everyColumn(name, primaryKey, overwritesWithNulls());
    } else {
      Map<String, FieldMapping> fields = new LinkedHashMap<>();
      mapping.forEach((field, spec) -> fields.put(field, FieldMapping.parse(field, spec)));
      mapper = new RecordMapper(name, primaryKey, fields, overwritesWithNulls());
    }
    BatchSender.Options delivery = new BatchSender.Options(batchSizeOrDefault(), rateLimit == null ? 0 : rateLimit,
        retry == null ? BackoffPolicy.DEFAULT : retry.policy());
    return new SyncDefinition(name, model, syncMode(), mapper, delivery,
        maxFailedRuns == null ? DEFAULT_MAX_FAILED_RUNS : maxFailedRuns, schedule, after);
  }

  static Duration timeout(String text, String what) {
    return text == null ? null : Durations.parse(text, what);
  }
}
