package io.roundtrip.loaders.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.loaders.load.LoadJob;
import io.roundtrip.loaders.load.LoadProgress;
import io.roundtrip.loaders.load.LoadRequest;
import io.roundtrip.loaders.samples.SampleArchiveGenerator;
import io.roundtrip.loaders.samples.SampleOptions;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.delta.DeltaWarehouses;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.naming.Dialect;
import io.roundtrip.warehouse.naming.NameRules;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A load killed with SIGKILL part-way (not an exception: the process is gone, with whatever it had
 * half written) and then run again gives the same tables as one clean run: the same rows in every
 * table, by count and by a checksum of their contents ({@code uuid_ts} aside, which is the load's
 * time and differs between the two warehouses by design).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillTest {

  /** Load times and ids differ between any two runs; everything else must match. */
  private static final List<String> RUN_COLUMNS = List.of("uuid_ts", "load_id", "rejected_at", "discarded_at");

  @TempDir
  static Path tmp;

  private final SparkSession spark = SharedSpark.session();
  private Path day1;
  private Path day2;
  private Map<String, List<Long>> clean;

  @BeforeAll
  void generateTwoDaysAndLoadThemCleanly() throws Exception {
    Path archive = tmp.resolve("archive");
    new SampleArchiveGenerator(new SampleOptions(24_000, 1_000, 2, 11, 0.02, 0.002, LocalDate.of(2026, 3, 1),
        "js-web", 0)).generate(archive);
    List<Path> days;
    try (Stream<Path> listed = Files.list(archive.resolve("segment-logs").resolve("js-web"))) {
      days = listed.sorted().toList();
    }
    day1 = days.get(0);
    day2 = days.get(1);
    Warehouse reference = DeltaWarehouses.at(spark, tmp.resolve("clean").toString());
    load(reference, day1);
    load(reference, day2);
    clean = fingerprint(reference);
  }

  @ParameterizedTest(name = "killed during {0}")
  @ValueSource(strings = {"parse", "commits", "merge"})
  void aLoadKilledPartWayAndRunAgainGivesTheTablesOfOneCleanRun(String point) throws Exception {
    Path root = tmp.resolve("killed-" + point);
    Warehouse warehouse = DeltaWarehouses.at(spark, root.toString());
    load(warehouse, day1);

    String reached = killAt(root, day2, point);
    assertThat(reached).startsWith(point);
    if (!point.equals("merge")) { // a merge may just finish before the kill lands
      assertThat(fingerprint(warehouse)).as("the kill left the load unfinished").isNotEqualTo(clean);
    }
    load(warehouse, day2);

    assertThat(fingerprint(warehouse)).isEqualTo(clean);
  }

  private void load(Warehouse warehouse, Path input) {
    LoadJob job = new LoadJob(spark, warehouse, new NameRules(Dialect.DELTA));
    job.run(job.plan(LoadRequest.of("web", input.toString())), LoadProgress.SILENT);
  }

  /** Runs {@link PausingLoad} in a new JVM and kills it with SIGKILL once it reaches the point. */
  private String killAt(Path warehouse, Path input, String point) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), PausingLoad.class.getName(),
        warehouse.toString(), input.toString(), point));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      StringBuilder seen = new StringBuilder();
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith(PausingLoad.MARK)) {
          child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
          child.waitFor(60, TimeUnit.SECONDS);
          return line.substring(PausingLoad.MARK.length());
        }
        seen.append(line).append('\n');
      }
      throw new AssertionError("the load never reached " + point + ":\n" + seen);
    } finally {
      child.destroyForcibly();
    }
  }

  /** Per table: row count and a checksum of the rows, without the columns that name the run. */
  private Map<String, List<Long>> fingerprint(Warehouse warehouse) {
    Map<String, List<Long>> tables = new TreeMap<>();
    for (String namespace : warehouse.namespaces()) {
      for (TableId table : warehouse.tables(namespace)) {
        if (table.name().equals("loads")) {
          continue; // the manifest keeps each attempt by design
        }
        Dataset<Row> rows = warehouse.read(table);
        String columns = Stream.of(rows.columns()).filter(c -> !RUN_COLUMNS.contains(c))
            .map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        Row sums = rows.selectExpr("count(*) AS n",
            "coalesce(sum(pmod(xxhash64(" + columns + "), 1000000007)), 0) AS h").first();
        tables.put(table.toString(), List.of(sums.getLong(0), sums.getLong(1)));
      }
    }
    return tables;
  }
}
