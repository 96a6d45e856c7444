package io.roundtrip.orchestration.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A job for tests: its name as the CLI subcommand, the interval after it. */
public record TestJob(String name, String kind, Set<String> inputs, Set<String> outputs, Optional<String> schedule)
    implements Job {

  public static TestJob of(String name, String kind, Set<String> inputs, Set<String> outputs) {
    return new TestJob(name, kind, inputs, outputs, Optional.empty());
  }

  @Override
  public List<String> command(DataInterval interval) {
    List<String> command = new ArrayList<>(List.of("run", name));
    command.addAll(interval.arguments());
    return command;
  }

  /** The nightly graph's shape: a load, identity, two models after it, a sync of one of them. */
  public static List<Job> nightly() {
    return List.of(
        of("load_web", "load", Set.of(), Set.of("web.*")),
        of("identity_web", "model", Set.of("web.tracks", "web.users"), Set.of("web_models.identity_mappings")),
        of("ltv_web", "model", Set.of("web.*", "web_models.identity_mappings"), Set.of("web_models.ltv_customers")),
        of("funnels_web", "model", Set.of("web.*", "web_models.identity_mappings"), Set.of("web_models.funnel_campaign")),
        of("sync_vip", "sync", Set.of("web_models.ltv_customers"), Set.of("sync:vip")));
  }
}
