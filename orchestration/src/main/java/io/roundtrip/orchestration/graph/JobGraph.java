package io.roundtrip.orchestration.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jobs and the edges between them: job B runs after job A when B reads a dataset A writes. Built
 * and checked at once (duplicate names, inputs no job writes, cycles), so a graph that exists can
 * run. Jobs keep the order they were given in (the config's), which makes every rendering of the
 * graph deterministic.
 */
public final class JobGraph {

  private static final String NAME = "[A-Za-z0-9_-]+";

  private final List<Job> jobs;
  private final Map<String, Job> byName;
  /** job name -> the jobs it runs after, in job order */
  private final Map<String, Set<String>> upstream;
  private final List<Stage> stages;

  private JobGraph(List<Job> jobs, Map<String, Set<String>> upstream, List<Stage> stages) {
    this.jobs = List.copyOf(jobs);
    this.byName = new LinkedHashMap<>();
    jobs.forEach(job -> byName.put(job.name(), job));
    this.upstream = upstream;
    this.stages = List.copyOf(stages);
  }

  /** The graph of {@code jobs}, or a {@link GraphException} naming every problem of one kind found. */
  public static JobGraph of(List<? extends Job> jobs) {
    Map<String, Job> byName = new LinkedHashMap<>();
    for (Job job : jobs) {
      if (!job.name().matches(NAME)) {
        throw new GraphException("Invalid job name \"" + job.name() + "\": use letters, digits, _ and -");
      }
      if (byName.put(job.name(), job) != null) {
        throw new GraphException("Two jobs are named " + job.name());
      }
    }
    Map<String, Set<String>> upstream = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Job job : jobs) {
      Set<String> before = new LinkedHashSet<>();
      for (String input : new TreeSet<>(job.inputs())) {
        List<String> writers = jobs.stream()
            .filter(other -> other != job && other.outputs().stream().anyMatch(output -> covers(output, input)))
            .map(Job::name).toList();
        if (writers.isEmpty()) {
          missing.add(job.name() + " reads " + input);
        }
        before.addAll(writers);
      }
      upstream.put(job.name(), ordered(before, jobs));
    }
    if (!missing.isEmpty()) {
      Set<String> written = new TreeSet<>();
      jobs.forEach(job -> written.addAll(job.outputs()));
      throw new GraphException("No job writes what these read: " + String.join("; ", missing)
          + ". The jobs write " + (written.isEmpty() ? "nothing" : String.join(", ", written))
          + " (is the source, model or sync it needs configured?)");
    }
    List<String> cycle = findCycle(jobs, upstream);
    if (cycle != null) {
      throw new GraphException("The jobs depend on each other in a circle: " + String.join(" -> ", cycle)
          + " (each reads what the one before it writes)");
    }
    return new JobGraph(jobs.stream().map(Job.class::cast).toList(), upstream, stages(jobs, upstream));
  }

  /**
   * Whether an output covers an input: the same name, or {@code ns.*} for any table of {@code ns}
   * (and an input {@code ns.*}, which reads every table of {@code ns}, is covered by any of them).
   */
  static boolean covers(String output, String input) {
    if (output.equals(input)) {
      return true;
    }
    if (output.endsWith(".*")) {
      return input.startsWith(output.substring(0, output.length() - 1));
    }
    return input.endsWith(".*") && output.startsWith(input.substring(0, input.length() - 1));
  }

  private static Set<String> ordered(Set<String> names, List<? extends Job> jobs) {
    Set<String> ordered = new LinkedHashSet<>();
    jobs.stream().map(Job::name).filter(names::contains).forEach(ordered::add);
    return ordered;
  }

  private static List<String> findCycle(List<? extends Job> jobs, Map<String, Set<String>> upstream) {
    Map<String, Integer> state = new LinkedHashMap<>(); // 1 on the path, 2 done
    for (Job job : jobs) {
      List<String> cycle = visit(job.name(), upstream, state, new ArrayList<>());
      if (cycle != null) {
        return cycle;
      }
    }
    return null;
  }

  private static List<String> visit(String name, Map<String, Set<String>> upstream, Map<String, Integer> state,
      List<String> path) {
    Integer seen = state.get(name);
    if (seen != null && seen == 2) {
      return null;
    }
    if (seen != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      // the path runs downstream -> upstream; print it in the order the jobs would run
      java.util.Collections.reverse(cycle);
      return cycle;
    }
    state.put(name, 1);
    path.add(name);
    for (String before : upstream.get(name)) {
      List<String> cycle = visit(before, upstream, state, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(name, 2);
    return null;
  }

  private static List<Stage> stages(List<? extends Job> jobs, Map<String, Set<String>> upstream) {
    Map<String, Integer> depth = new LinkedHashMap<>();
    for (Job job : jobs) {
      depth(job.name(), upstream, depth);
    }
    int deepest = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    List<Stage> stages = new ArrayList<>();
    for (int level = 0; level <= deepest; level++) {
      int at = level;
      stages.add(new Stage(level + 1, jobs.stream().filter(job -> depth.get(job.name()) == at)
          .map(Job.class::cast).toList()));
    }
    return stages;
  }

  private static int depth(String name, Map<String, Set<String>> upstream, Map<String, Integer> depth) {
    Integer known = depth.get(name);
    if (known != null) {
      return known;
    }
    int level = 0;
    for (String before : upstream.get(name)) {
      level = Math.max(level, depth(before, upstream, depth) + 1);
    }
    depth.put(name, level);
    return level;
  }

  public List<Job> jobs() {
    return jobs;
  }

  public Job job(String name) {
    Job job = byName.get(name);
    if (job == null) {
      throw new GraphException("No job named " + name + " in the graph; it has " + byName.keySet());
    }
    return job;
  }

  /** The jobs {@code name} runs after, directly. */
  public Set<String> upstream(String name) {
    job(name);
    return upstream.get(name);
  }

  /** The jobs that run after {@code name}, directly. */
  public Set<String> downstream(String name) {
    job(name);
    Set<String> after = new LinkedHashSet<>();
    for (Job job : jobs) {
      if (upstream.get(job.name()).contains(name)) {
        after.add(job.name());
      }
    }
    return after;
  }

  /** Every job that runs after {@code name}, directly or not. */
  public Set<String> descendants(String name) {
    Set<String> found = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(downstream(name));
    while (!todo.isEmpty()) {
      String next = todo.remove(0);
      if (found.add(next)) {
        todo.addAll(downstream(next));
      }
    }
    return ordered(found, jobs);
  }

  /** Edges as (upstream, downstream) pairs, in the order of the downstream job, then the upstream one. */
  public List<Edge> edges() {
    List<Edge> edges = new ArrayList<>();
    for (Job job : jobs) {
      for (String before : upstream.get(job.name())) {
        edges.add(new Edge(before, job.name()));
      }
    }
    return edges;
  }

  public List<Stage> stages() {
    return stages;
  }

  public Stage stageOf(String name) {
    return stages.stream().filter(stage -> stage.jobs().stream().anyMatch(job -> job.name().equals(name)))
        .findFirst().orElseThrow(() -> new GraphException("No job named " + name + " in the graph"));
  }

  /**
   * The graph of the named jobs only, with the edges between them (a job whose upstream is left out
   * runs as if it were done). {@code name+} also selects everything after {@code name}.
   */
  public JobGraph select(Collection<String> selectors) {
    Set<String> chosen = new LinkedHashSet<>();
    for (String selector : selectors) {
      boolean withDescendants = selector.endsWith("+");
      String name = withDescendants ? selector.substring(0, selector.length() - 1) : selector;
      job(name);
      chosen.add(name);
      if (withDescendants) {
        chosen.addAll(descendants(name));
      }
    }
    List<Job> kept = jobs.stream().filter(job -> chosen.contains(job.name())).toList();
    Map<String, Set<String>> keptUpstream = new LinkedHashMap<>();
    for (Job job : kept) {
      Set<String> before = new LinkedHashSet<>(upstream.get(job.name()));
      before.retainAll(chosen);
      keptUpstream.put(job.name(), before);
    }
    return new JobGraph(kept, keptUpstream, stages(kept, keptUpstream));
  }

  /** An edge: {@code downstream} runs after {@code upstream}. */
  public record Edge(String upstream, String downstream) {}
}
