package io.roundtrip.app.pipeline;

import io.roundtrip.app.config.ModelsConfig;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.config.SyncConfig;
import io.roundtrip.models.attribution.AttributionJob;
import io.roundtrip.models.funnels.FunnelsJob;
import io.roundtrip.models.identity.IdentityJob;
import io.roundtrip.models.ltv.LtvJob;
import io.roundtrip.orchestration.graph.GraphException;
import io.roundtrip.orchestration.graph.Job;
import io.roundtrip.orchestration.graph.JobGraph;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The job graph of a {@code roundtrip.yml}: a load per source; per source the identity model, then
 * LTV, funnels and attribution (they read the identity mappings); a sync per {@code syncs:} entry,
 * after whatever writes the table its model names (or every table its query names) and after the
 * syncs it runs {@code after:}. The edges follow from each job's inputs and outputs alone.
 */
public final class PipelineGraph {

  private static final List<String> EVENT_TABLES =
      List.of("identifies", "tracks", "pages", "screens", "groups", "aliases", "users");

  private PipelineGraph() {}

  /** The graph, with the SQL project's stages when {@code sql.project} holds one. */
  public static JobGraph of(RoundtripConfig config, java.util.Map<String, String> env) {
    return of(config, SqlStages.of(SqlProjectModels.of(config, env)));
  }

  /** The graph, with {@code more} jobs (SQL stages) among the models and the syncs. */
  public static JobGraph of(RoundtripConfig config, List<? extends Job> more) {
    List<Job> jobs = new ArrayList<>();
    for (String source : config.sources().keySet()) {
      jobs.add(new LoadTask(source));
    }
    for (String source : config.sources().keySet()) {
      jobs.addAll(models(config.models(), source));
    }
    jobs.addAll(more);
    for (int i = 0; i < config.syncs().size(); i++) {
      jobs.add(sync(config.syncs().get(i), i));
    }
    return JobGraph.of(jobs);
  }

  private static List<Job> models(ModelsConfig models, String source) {
    String namespace = models.namespace(source);
    Set<String> events = new LinkedHashSet<>();
    EVENT_TABLES.forEach(table -> events.add(source + "." + table));
    String mappings = namespace + "." + IdentityJob.MAPPINGS;
    Set<String> afterIdentity = Set.of(source + ".*", mappings);
    List<Job> jobs = new ArrayList<>();
    jobs.add(new ModelTask("identity", source, events, tables(namespace, IdentityJob.MERGE_RULES, IdentityJob.MAPPINGS,
        IdentityJob.GRAPH_UPDATES, IdentityJob.SHARED, IdentityJob.PROFILES, IdentityJob.RUNS)));
    jobs.add(new ModelTask("ltv", source, afterIdentity, tables(namespace, LtvJob.CUSTOMERS, LtvJob.FIT_REPORT)));
    jobs.add(new ModelTask("funnels", source, afterIdentity, tables(namespace,
        models.funnelDefinitions().stream().map(FunnelsJob::tableName).toArray(String[]::new))));
    jobs.add(new ModelTask("attribution", source, afterIdentity, tables(namespace, AttributionJob.CREDITS,
        AttributionJob.BY_CAMPAIGN, AttributionJob.REFERRALS, AttributionJob.REFERRAL_CHANNELS)));
    return jobs;
  }

  private static Set<String> tables(String namespace, String... tables) {
    Set<String> names = new LinkedHashSet<>();
    for (String table : tables) {
      names.add(namespace + "." + table);
    }
    return names;
  }

  private static Job sync(SyncConfig sync, int index) {
    Set<String> inputs = new LinkedHashSet<>();
    String model = sync.model().trim();
    if (model.matches("(?i)(select|with)\\b[\\s\\S]*")) {
      try {
        inputs.addAll(QueryTables.of(model));
      } catch (IllegalArgumentException e) {
        throw new GraphException("syncs[" + index + "] (" + sync.name() + "): model: " + e.getMessage());
      }
    } else {
      inputs.add(model.toLowerCase(java.util.Locale.ROOT));
    }
    sync.after().forEach(before -> inputs.add(SyncTask.history(before)));
    return new SyncTask(sync.name(), inputs, Optional.ofNullable(sync.schedule()));
  }
}
