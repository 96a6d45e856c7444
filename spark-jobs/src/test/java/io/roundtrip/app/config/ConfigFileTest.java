package io.roundtrip.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir
  Path tmp;

  private Path write(String yaml) throws IOException {
    Path file = tmp.resolve("roundtrip.yml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void readsASourcesSelectiveSyncAndNamesTheLineOfAKeyItDoesNotKnow() throws IOException {
    RoundtripConfig config = ConfigFile.load(write("""
        sources:
          web:
            input: /archive/web
            sync:
              include_events: ["Order Completed", "Checkout *"]
              exclude_events: [Debug Ping]
              exclude_properties:
                "Order Completed": [payment.card]
                "*": [internal_note]
        """), Map.of());
    RoundtripConfig.SelectiveSync sync = config.sources().get("web").sync();
    assertThat(sync.includeEvents()).containsExactly("Order Completed", "Checkout *");
    assertThat(sync.excludeEvents()).containsExactly("Debug Ping");
    assertThat(sync.excludeProperties()).containsEntry("Order Completed", java.util.List.of("payment.card"))
        .containsEntry("*", java.util.List.of("internal_note"));

    Path wrong = write("""
        sources:
          web:
            sync:
              include: [x]
        """);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigFile.load(wrong, Map.of()))
        .hasMessageContaining("roundtrip.yml:4: unknown key 'include' in sources.web.sync");
  }

  @Test
  void readsDatesLikeTheLtvCalibrationEnd() throws IOException {
    RoundtripConfig config = ConfigFile.load(write("""
        models:
          ltv:
            calibration_end: 2026-06-30
        """), Map.of());
    assertThat(config.models().ltv().calibrationEnd()).isEqualTo(java.time.LocalDate.of(2026, 6, 30));
  }

  @Test
  void everySectionIsOptional() throws IOException {
    RoundtripConfig config = ConfigFile.load(write("# nothing\n"), Map.of());
    assertThat(config.warehouse().type()).isEqualTo("delta");
    assertThat(config.warehouse().path()).isEqualTo("./warehouse");
    assertThat(config.spark().master()).isEqualTo("local[*]");
    assertThat(config.load().dedupWindow()).isEqualTo("7d");
    assertThat(config.sources()).isEmpty();
  }

  @Test
  void readsEveryField() throws IOException {
    RoundtripConfig config = ConfigFile.load(write("""
        warehouse:
          type: delta
          path: s3a://lake/roundtrip
        spark:
          master: local[2]
          conf:
            spark.sql.shuffle.partitions: "8"
        load:
          dedup_window: 24h
          parallel_writes: 2
        sources:
          web:
            input: /archive/web
            dedup_window: 14d
        """), Map.of());
    assertThat(config.warehouse().path()).isEqualTo("s3a://lake/roundtrip");
    assertThat(config.spark().conf()).containsEntry("spark.sql.shuffle.partitions", "8");
    assertThat(config.load().parallelWrites()).isEqualTo(2);
    assertThat(config.sources().get("web").input()).isEqualTo("/archive/web");
    assertThat(Durations.dedupWindow(config.sources().get("web").dedupWindow())).isEqualTo(Duration.ofDays(14));
  }

  @Test
  void unknownKeysAreErrorsWithTheFileAndLine() throws IOException {
    Path file = write("warehouse:\n  path: ./wh\nwarehose:\n  path: ./typo\n");
    assertThatThrownBy(() -> ConfigFile.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":3: unknown key 'warehose'")
        .hasMessageContaining("known keys: load, models, pipeline, schedule, sources, spark, sql, syncs, warehouse");
  }

  @Test
  void theSqlSectionHasDefaultsAndKeysOfItsOwn() throws IOException {
    assertThat(ConfigFile.load(write("# nothing\n"), Map.of()).sql())
        .isEqualTo(new SqlConfig("analytics", "sql", 4));
    assertThat(ConfigFile.load(write("sql:\n  schema: reporting\n  project: ./analytics\n  threads: 2\n"), Map.of())
        .sql()).isEqualTo(new SqlConfig("reporting", "./analytics", 2));
    Path typo = write("sql:\n  schema: reporting\n  shema: x\n");
    assertThatThrownBy(() -> ConfigFile.load(typo, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(typo + ":3: unknown key 'shema' in sql; known keys: project, schema, threads");
    Path bad = write("sql:\n  schema: my-schema\n");
    assertThatThrownBy(() -> ConfigFile.load(bad, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("sql.schema \"my-schema\" must be letters, digits and underscores");
  }

  @Test
  void referencesEnvironmentVariablesAndNeverEchoesTheirValues() throws IOException {
    RoundtripConfig config = ConfigFile.load(write("""
        warehouse:
          path: ${LAKE_ROOT}/warehouse
        spark:
          conf:
            spark.hadoop.fs.s3a.secret.key: ${S3_SECRET}
            spark.app.tag: ${MISSING_TAG:-nightly}
            literal: $${NOT_A_VAR}
        """), Map.of("LAKE_ROOT", "/data", "S3_SECRET", "hunter2"));
    assertThat(config.warehouse().path()).isEqualTo("/data/warehouse");
    assertThat(config.spark().conf()).containsEntry("spark.hadoop.fs.s3a.secret.key", "hunter2")
        .containsEntry("spark.app.tag", "nightly").containsEntry("literal", "${NOT_A_VAR}");

    Path missing = write("spark:\n  conf:\n    token: ${API_TOKEN}\n    other: ${S3_SECRET}\n");
    assertThatThrownBy(() -> ConfigFile.load(missing, Map.of("S3_SECRET", "hunter2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(":3")
        .hasMessageContaining("environment variable API_TOKEN is not set")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void wrongValuesSayWhichField() throws IOException {
    assertThatThrownBy(() -> ConfigFile.load(write("warehouse:\n  type: bigquery\n"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("warehouse.type \"bigquery\" is not supported");
    assertThatThrownBy(() -> ConfigFile.load(write("load:\n  parallel_writes: many\n"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(":2").hasMessageContaining("load.parallel_writes");
    assertThatThrownBy(() -> ConfigFile.load(tmp.resolve("nope.yml"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessage("Config file not found: " + tmp.resolve("nope.yml"));
  }

  @Test
  void durationsNeedAUnit() {
    assertThat(Durations.parse("90s", "x")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("2w", "x")).isEqualTo(Duration.ofDays(14));
    assertThat(Durations.dedupWindow("all")).isNull();
    assertThatThrownBy(() -> Durations.parse("7", "dedup window"))
        .hasMessage("dedup window \"7\" is not a duration like 90s, 30m, 24h, 7d or 2w");
  }
}
