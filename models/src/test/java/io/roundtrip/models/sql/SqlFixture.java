package io.roundtrip.models.sql;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.models.sql.runs.LoadedProject;
import io.roundtrip.models.sql.runs.RunReport;
import io.roundtrip.models.sql.runs.SqlRunner;
import io.roundtrip.warehouse.SqlCatalog;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;

/** A project folder and a Delta warehouse in a test's folder: write files, make tables, run, read. */
public final class SqlFixture {

  public final WarehouseFixture wh;
  public final Path project;
  public final List<String> progress = new ArrayList<>();
  public Map<String, Object> vars = Map.of();
  public Clock clock = Clock.fixed(Instant.parse("2026-01-10T12:00:00Z"), ZoneOffset.UTC);

  public SqlFixture(Path tmp) {
    this.wh = new WarehouseFixture(tmp);
    this.project = tmp.resolve("project");
  }

  public SqlFixture file(String path, String text) {
    try {
      Path file = project.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A warehouse table made by a Spark SQL SELECT. */
  public SqlFixture table(String namespace, String name, String select) {
    wh.warehouse().write(new TableId(namespace, name), wh.spark().sql(select), WriteMode.overwrite());
    return this;
  }

  public LoadedProject load() {
    return LoadedProject.load(project, "analytics", vars, Map.of());
  }

  public SqlRunner runner() {
    return new SqlRunner(load(), wh.spark(), wh.warehouse(), clock, progress::add);
  }

  public RunReport run(SqlRunner.Command command, String... select) {
    return run(command, options(select));
  }

  public RunReport run(SqlRunner.Command command, SqlRunner.Options options) {
    return runner().execute(command, options);
  }

  public static SqlRunner.Options options(String... select) {
    return new SqlRunner.Options(List.of(select), List.of(), false, Optional.empty(), Optional.empty(), false, 2);
  }

  public static SqlRunner.Options fullRefresh() {
    return new SqlRunner.Options(List.of(), List.of(), true, Optional.empty(), Optional.empty(), false, 2);
  }

  public static SqlRunner.Options range(String start, String end) {
    return new SqlRunner.Options(List.of(), List.of(), false, Optional.of(Instant.parse(start)),
        Optional.of(Instant.parse(end)), false, 2);
  }

  /** Rows of a query over the warehouse, every table and view registered. */
  public List<Row> query(String sql) {
    wh.warehouse().ability(SqlCatalog.class).orElseThrow().registerTables();
    return wh.spark().sql(sql).collectAsList();
  }

  /** {@code status name} per result, in the order they finished. */
  public static List<String> statuses(RunReport report) {
    return report.results().stream().map(r -> r.status() + " " + r.name()).toList();
  }
}
