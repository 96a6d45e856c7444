package io.roundtrip.models.sql.runs;

import io.roundtrip.models.sql.datatests.TestVerdict;
import io.roundtrip.models.sql.materialize.ModelBuilder;
import io.roundtrip.models.sql.materialize.ModelFailure;
import io.roundtrip.models.sql.materialize.Naming;
import io.roundtrip.models.sql.materialize.TimeRange;
import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.NodeType;
import io.roundtrip.models.sql.project.ProjectException;
import io.roundtrip.models.sql.project.SourceRef;
import io.roundtrip.models.sql.project.SourceTable;
import io.roundtrip.models.sql.seeds.SeedFile;
import io.roundtrip.warehouse.SqlCatalog;
import io.roundtrip.warehouse.SqlModelTarget;
import io.roundtrip.warehouse.SqlModelTarget.Relation;
import io.roundtrip.warehouse.SqlModelTarget.RelationInfo;
import io.roundtrip.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a loaded project's seeds, models and tests on a warehouse, in dependency order, independent
 * nodes in parallel. Phases:
 * <ol>
 *   <li>select the nodes ({@code --select}, {@code --exclude}, or what failed last time) that the
 *       command runs;</li>
 *   <li>make the warehouse's tables nameable in SQL, once;</li>
 *   <li>run each node when its parents are done (in {@code build}, a model's children also wait for
 *       its tests); a failure skips everything downstream;</li>
 *   <li>append every node's result to {@code _roundtrip.sql_runs}.</li>
 * </ol>
 */
public final class SqlRunner {

  /** The commands that run nodes, and the node types each runs. */
  public enum Command {
    SEED(EnumSet.of(NodeType.SEED)),
    RUN(EnumSet.of(NodeType.MODEL)),
    TEST(EnumSet.of(NodeType.TEST)),
    BUILD(EnumSet.allOf(NodeType.class));

    final Set<NodeType> types;

    Command(Set<NodeType> types) {
      this.types = types;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param start, end the interval time_range models replace; without them an incremental run
   *     replaces from the day of the table's latest time up to tomorrow
   * @param retryFailed run only what failed or was skipped in the last run
   */
  public record Options(List<String> select, List<String> exclude, boolean fullRefresh, Optional<Instant> start,
      Optional<Instant> end, boolean retryFailed, int threads) {

    public Options {
      select = List.copyOf(select);
      exclude = List.copyOf(exclude);
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be at least 1");
      }
    }

    public static Options defaults() {
      return new Options(List.of(), List.of(), false, Optional.empty(), Optional.empty(), false, 4);
    }
  }

  /** Rows of a failing test a run shows. */
  static final int SAMPLE = 5;

  private final LoadedProject loaded;
  private final SparkSession spark;
  private final Warehouse warehouse;
  private final SqlModelTarget target;
  private final Clock clock;
  private final Consumer<String> progress;
  private final Compiler compiler;
  private boolean sessionReady;

  public SqlRunner(LoadedProject loaded, SparkSession spark, Warehouse warehouse, Clock clock, Consumer<String> progress) {
    this.loaded = loaded;
    this.spark = spark;
    this.warehouse = warehouse;
    this.target = warehouse.ability(SqlModelTarget.class).orElseThrow(() -> new IllegalArgumentException(
        "warehouse.type " + warehouse.type() + " cannot build SQL models"));
    this.clock = clock;
    this.progress = progress;
    this.compiler = new Compiler(loaded.renderer());
  }

  /** The one place the session learns the warehouse's tables (and views) by name. */
  private void prepareSession() {
    if (!sessionReady) {
      warehouse.ability(SqlCatalog.class).ifPresent(SqlCatalog::registerTables);
      sessionReady = true;
    }
  }

  /** The nodes and the ephemeral models they inline (whose templates render with them). */
  private List<Node> withEphemeralParents(List<Node> nodes) {
    Set<Node> all = new LinkedHashSet<>(nodes);
    List<Node> queue = new ArrayList<>(nodes);
    while (!queue.isEmpty()) {
      Node node = queue.remove(queue.size() - 1);
      for (String parent : loaded.graph().parents(node.uniqueId())) {
        Node parentNode = loaded.graph().isSource(parent) ? null : loaded.graph().node(parent);
        if (parentNode != null && isEphemeral(parentNode) && all.add(parentNode)) {
          queue.add(parentNode);
        }
      }
    }
    return List.copyOf(all);
  }

  /** The SQL of the selected models and tests, as a run would send it. */
  public List<Compiled> compile(Options options) {
    List<Node> selected = loaded.graph().inOrder(loaded.select(options.select(), options.exclude()));
    loaded.checkTemplates(withEphemeralParents(selected));
    prepareSession();
    List<Compiled> compiled = new ArrayList<>();
    for (Node node : selected) {
      if (node.type() == NodeType.SEED) {
        continue;
      }
      Optional<RelationInfo> existing = node.type() == NodeType.MODEL ? target.describe(relation(node)) : Optional.empty();
      boolean incremental = isIncremental(node, existing, options);
      Optional<TimeRange> range = incremental && isTimeRange(node) ? timeRange(node, options) : Optional.empty();
      compiled.add(compiler.compile(node, n -> scope(n, n == node && incremental, range)));
    }
    return compiled;
  }

  public RunReport execute(Command command, Options options) {
    Instant startedAt = clock.instant();
    prepareSession();
    Set<String> selected = loaded.select(options.select(), options.exclude());
    if (options.retryFailed()) {
      RunHistory.LastRun last = new RunHistory(spark, warehouse).last().orElseThrow(() ->
          new IllegalArgumentException("--retry-failed: no earlier run in " + RunHistory.TABLE));
      Set<String> retry = new LinkedHashSet<>();
      last.statuses().forEach((id, status) -> {
        if (status.equals("error") || status.equals("fail") || status.equals("skipped")) {
          retry.add(id);
        }
      });
      selected.retainAll(retry);
      progress.accept("Retrying " + retry.size() + " node(s) that failed or were skipped in run " + last.runId()
          + " (" + last.command() + ")");
    }
    List<Node> nodes = loaded.graph().inOrder(selected).stream().filter(n -> command.types.contains(n.type())).toList();
    loaded.checkTemplates(withEphemeralParents(nodes));
    RunReport report = new RunReport(UUID.randomUUID().toString(), command.label(),
        new Execution(nodes, command, options).run());
    new RunHistory(spark, warehouse).append(report, startedAt);
    return report;
  }

  /** One run of a command over its nodes: dependencies among them, a pool, results as they finish. */
  private final class Execution {
    private final List<Node> nodes;
    private final Options options;
    private final Map<String, Set<String>> waitsFor = new HashMap<>();
    private final Map<String, Set<String>> blocks = new HashMap<>();
    private final List<NodeResult> results = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger finished = new AtomicInteger();
    private final int counted;

    Execution(List<Node> nodes, Command command, Options options) {
      this.nodes = nodes;
      this.options = options;
      Map<String, Node> byId = new LinkedHashMap<>();
      nodes.forEach(n -> byId.put(n.uniqueId(), n));
      var graph = loaded.graph();
      for (Node node : nodes) {
        Set<String> deps = new LinkedHashSet<>();
        for (String parent : graph.parents(node.uniqueId())) {
          if (byId.containsKey(parent)) {
            deps.add(parent);
          }
        }
        waitsFor.put(node.uniqueId(), deps);
      }
      if (command == Command.BUILD) {
        // a model's children wait for its tests, so a failing test stops what is built on bad rows
        for (Node test : nodes) {
          if (test.type() != NodeType.TEST) {
            continue;
          }
          Set<String> ancestors = graph.ancestors(test.uniqueId());
          for (String parent : graph.parents(test.uniqueId())) {
            for (String child : graph.children(parent)) {
              Node childNode = byId.get(child);
              if (childNode != null && childNode.type() != NodeType.TEST && !ancestors.contains(child)) {
                waitsFor.get(child).add(test.uniqueId());
              }
            }
          }
        }
      }
      waitsFor.forEach((id, deps) -> deps.forEach(d -> blocks.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(id)));
      counted = (int) nodes.stream().filter(n -> !isEphemeral(n)).count();
    }

    List<NodeResult> run() {
      if (nodes.isEmpty()) {
        progress.accept("Nothing to run: no node matches the selection.");
        return List.of();
      }
      Map<String, Node> byId = new LinkedHashMap<>();
      nodes.forEach(n -> byId.put(n.uniqueId(), n));
      Map<String, Integer> waiting = new HashMap<>();
      waitsFor.forEach((id, deps) -> waiting.put(id, deps.size()));
      Set<String> skipped = new LinkedHashSet<>();
      AtomicInteger threadNumber = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
        Thread thread = new Thread(runnable, "sql-model-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      CompletionService<Map.Entry<Node, NodeResult>> done = new ExecutorCompletionService<>(pool);
      int running = 0;
      try {
        for (Node node : nodes) {
          if (waiting.get(node.uniqueId()) == 0) {
            done.submit(() -> new java.util.AbstractMap.SimpleEntry<>(node, runNode(node, options)));
            running++;
          }
        }
        while (running > 0) {
          Map.Entry<Node, NodeResult> next = done.take().get();
          running--;
          Node node = next.getKey();
          NodeResult result = next.getValue();
          if (result != null) {
            record(result);
          }
          if (result != null && result.failed()) {
            for (String id : downstream(node.uniqueId())) {
              if (skipped.add(id) && !isEphemeral(byId.get(id))) {
                Node skip = byId.get(id);
                record(new NodeResult(id, skip.name(), skip.type().label(), relationLabel(skip), "skipped", -1, 0,
                    "skipped: " + node.name() + " " + result.status(), List.of()));
              }
            }
            continue;
          }
          for (String child : blocks.getOrDefault(node.uniqueId(), Set.of())) {
            if (waiting.merge(child, -1, Integer::sum) == 0 && !skipped.contains(child)) {
              Node childNode = byId.get(child);
              done.submit(() -> new java.util.AbstractMap.SimpleEntry<>(childNode, runNode(childNode, options)));
              running++;
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("The run was interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("A node's run failed unexpectedly", e.getCause());
      } finally {
        pool.shutdownNow();
      }
      return List.copyOf(results);
    }

    private Set<String> downstream(String id) {
      Set<String> all = new LinkedHashSet<>();
      List<String> queue = new ArrayList<>(blocks.getOrDefault(id, Set.of()));
      while (!queue.isEmpty()) {
        String next = queue.remove(queue.size() - 1);
        if (all.add(next)) {
          queue.addAll(blocks.getOrDefault(next, Set.of()));
        }
      }
      return all;
    }

    private void record(NodeResult result) {
      results.add(result);
      progress.accept(progressLine(finished.incrementAndGet(), counted, result));
    }
  }

  static String progressLine(int number, int total, NodeResult result) {
    String status = result.status().toUpperCase(Locale.ROOT);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3d of %d %-7s %-5s %s", number, total,
        status.equals("SUCCESS") ? "OK" : status, result.resourceType(), result.name()));
    if (!result.relation().isEmpty() && !result.resourceType().equals("test")) {
      line.append(" -> ").append(result.relation());
    }
    List<String> facts = new ArrayList<>();
    if (result.resourceType().equals("test") && !result.status().equals("error") && !result.status().equals("skipped")) {
      facts.add(String.format(Locale.ROOT, "%,d failing rows", result.rows()));
    } else if (result.rows() >= 0) {
      facts.add(String.format(Locale.ROOT, "%,d rows", result.rows()));
    }
    if (!result.status().equals("skipped")) {
      facts.add(String.format(Locale.ROOT, "%.1fs", result.seconds()));
    }
    if (!facts.isEmpty()) {
      line.append(" (").append(String.join(", ", facts)).append(')');
    }
    if (result.status().equals("error") || result.status().equals("skipped")) {
      line.append(": ").append(result.message());
    }
    for (String row : result.sample()) {
      line.append("\n      ").append(row);
    }
    return line.toString();
  }

  private NodeResult runNode(Node node, Options options) {
    long t0 = System.nanoTime();
    try {
      return switch (node.type()) {
        case SEED -> seed(node, t0);
        case MODEL -> model(node, options, t0);
        case TEST -> test(node, t0);
      };
    } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes, and thrown anyway
      return new NodeResult(node.uniqueId(), node.name(), node.type().label(), relationLabel(node), "error", -1,
          seconds(t0), message(node, e) + missingSources(node), List.of());
    }
  }

  private NodeResult seed(Node node, long t0) {
    String delimiter = node.config().string("delimiter").orElse(",");
    SeedFile.Rows rows = SeedFile.read(node.path(), node.file(), delimiter.isEmpty() ? ',' : delimiter.charAt(0),
        node.config().columnTypes());
    Dataset<Row> data = spark.createDataFrame(rows.rows(), rows.schema());
    long written = target.replaceTable(relation(node), data);
    return new NodeResult(node.uniqueId(), node.name(), "seed", relationLabel(node), "success", written, seconds(t0),
        "seed", List.of());
  }

  private NodeResult model(Node node, Options options, long t0) {
    if (isEphemeral(node)) {
      return null; // inlined where it is used
    }
    Relation relation = relation(node);
    Optional<RelationInfo> existing = target.describe(relation);
    boolean incremental = isIncremental(node, existing, options);
    Optional<TimeRange> range = isTimeRange(node) && (incremental || options.start().isPresent())
        ? timeRange(node, options) : Optional.empty();
    if (incremental && isTimeRange(node) && range.isEmpty()) {
      incremental = false; // an empty table: build it whole
    }
    boolean asIncremental = incremental;
    Compiled compiled = compiler.compile(node, n -> scope(n, n == node && asIncremental, range));
    ModelBuilder.Outcome outcome = new ModelBuilder(target).build(new ModelBuilder.Plan(relation, compiled.sql(),
        compiled.config().materialized("view"), compiled.config(), existing, incremental, range));
    return new NodeResult(node.uniqueId(), node.name(), "model", relationLabel(node), "success", outcome.rows(),
        seconds(t0), outcome.action(), List.of());
  }

  private NodeResult test(Node node, long t0) {
    Compiled compiled = compiler.compile(node, n -> scope(n, false, Optional.empty()));
    Dataset<Row> failing = target.query(compiled.sql());
    long failures = failing.count();
    String status = TestVerdict.of(compiled.config(), failures);
    List<String> sample = new ArrayList<>();
    if (!status.equals(TestVerdict.PASS)) {
      String[] columns = failing.columns();
      for (Row row : failing.limit(SAMPLE).collectAsList()) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
          values.add(columns[i] + "=" + row.get(i));
        }
        sample.add(String.join(", ", values));
      }
    }
    String message = failures + " failing row(s)" + (status.equals(TestVerdict.WARN) ? " (severity warn)" : "");
    return new NodeResult(node.uniqueId(), node.name(), "test", relationLabel(node), status, failures, seconds(t0),
        message, sample);
  }

  /**
   * After a failure: the node's sources that are not in the warehouse, which is the likely cause. Not
   * checked before, since a template may read a source only when it exists ({@code load_relation}).
   */
  private String missingSources(Node node) {
    StringBuilder missing = new StringBuilder();
    try {
      for (SourceRef ref : node.sources()) {
        SourceTable table = loaded.project().source(ref.source(), ref.table()).orElseThrow();
        Relation relation = Naming.relation(table);
        if (target.describe(relation).isEmpty()) {
          missing.append(missing.length() == 0 ? " (" : "; ").append("source('").append(ref.source()).append("', '")
              .append(ref.table()).append("') is ").append(relation).append(", which is not in the warehouse");
          if (!table.description().isEmpty()) {
            missing.append(": ").append(table.description().strip());
          }
        }
      }
    } catch (RuntimeException e) {
      return ""; // the hint is a convenience: never hide the error itself
    }
    return missing.length() == 0 ? "" : missing.append(')').toString();
  }

  private boolean isIncremental(Node node, Optional<RelationInfo> existing, Options options) {
    boolean fullRefresh = options.fullRefresh() && node.config().fullRefreshAllowed();
    return node.materialized().equals("incremental") && ModelBuilder.isTable(existing) && !fullRefresh;
  }

  private static boolean isTimeRange(Node node) {
    return node.materialized().equals("incremental") && node.config().incrementalStrategy().equals("time_range");
  }

  /**
   * {@code --start}/{@code --end}, or from the day of the table's latest time to tomorrow (the last
   * partial day is done again); empty when the table has no rows.
   */
  private Optional<TimeRange> timeRange(Node node, Options options) {
    Instant end = options.end().orElseGet(() ->
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    if (options.start().isPresent()) {
      return Optional.of(new TimeRange(options.start().get(), end));
    }
    String column = node.config().timeColumn().orElseThrow();
    List<Row> latest = target.query("select max(" + column + ") from " + target.relationName(relation(node)))
        .collectAsList();
    Object value = latest.isEmpty() ? null : latest.get(0).get(0);
    if (value == null) {
      return Optional.empty();
    }
    Instant start = instant(value).truncatedTo(ChronoUnit.DAYS);
    return Optional.of(new TimeRange(start, end.isAfter(start) ? end : start.plus(1, ChronoUnit.DAYS)));
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    throw new ModelFailure("time_column values must be dates or timestamps, not " + value.getClass().getSimpleName());
  }

  private NodeScope scope(Node node, boolean incremental, Optional<TimeRange> range) {
    return new NodeScope(node, loaded.naming(), target, warehouse.type(), loaded.project().vars(), incremental, range);
  }

  private Relation relation(Node node) {
    return loaded.naming().relation(node);
  }

  private String relationLabel(Node node) {
    if (node.type() == NodeType.TEST || isEphemeral(node)) {
      return "";
    }
    return relation(node).toString();
  }

  private static boolean isEphemeral(Node node) {
    return node.type() == NodeType.MODEL && node.materialized().equals("ephemeral");
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** One readable message: the file first, then what went wrong, without Spark's query plans. */
  static String message(Node node, Exception e) {
    if (e instanceof ProjectException) {
      return e.getMessage();
    }
    String message = e instanceof org.apache.spark.sql.AnalysisException analysis ? analysis.getSimpleMessage()
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int plan = message.indexOf("\n== ");
    if (plan > 0) {
      message = message.substring(0, plan);
    }
    message = message.strip();
    if (message.length() > 1000) {
      message = message.substring(0, 1000) + " ...";
    }
    return node.file() + ": " + message;
  }
}
