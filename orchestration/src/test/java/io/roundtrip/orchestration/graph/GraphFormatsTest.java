package io.roundtrip.orchestration.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphFormatsTest {

  private final JobGraph graph = JobGraph.of(TestJob.nightly());
  private final DataInterval day = new DataInterval("2026-01-01", "2026-01-02");

  @Test
  void textListsStagesWithEachJobsUpstreamAndCommand() {
    assertThat(GraphFormats.text(graph, day)).isEqualTo("""
        5 jobs in 4 stages, 6 edges

        stage_1 (load)
          load_web
            roundtrip run load_web --start 2026-01-01 --end 2026-01-02

        stage_2 (model)
          identity_web  after load_web
            roundtrip run identity_web --start 2026-01-01 --end 2026-01-02

        stage_3 (model)
          ltv_web  after load_web, identity_web
            roundtrip run ltv_web --start 2026-01-01 --end 2026-01-02
          funnels_web  after load_web, identity_web
            roundtrip run funnels_web --start 2026-01-01 --end 2026-01-02

        stage_4 (sync)
          sync_vip  after ltv_web
            roundtrip run sync_vip --start 2026-01-01 --end 2026-01-02
        """);
  }

  @Test
  void dotHasAClusterPerStageAndAnArrowPerEdge() {
    String dot = GraphFormats.dot(graph);

    assertThat(dot).startsWith("digraph roundtrip {\n").endsWith("}\n")
        .contains("  subgraph cluster_stage_3 {\n    label=\"stage_3 (model)\";\n    \"ltv_web\";\n    \"funnels_web\";\n  }\n")
        .contains("  \"identity_web\" -> \"funnels_web\";\n");
    assertThat(dot.lines().filter(line -> line.contains("->"))).hasSize(6);
  }

  @Test
  void jsonHasEveryTaskWithItsDagAndEveryEdge() {
    JobGraph small = JobGraph.of(List.of(
        TestJob.of("load_web", "load", Set.of(), Set.of("web.*")),
        new TestJob("sync_q", "sync", Set.of("web.users"), Set.of("sync:q"), Optional.of("*/5 * * * *"))));

    assertThat(GraphFormats.json(small, day, Map.of("load_web", "roundtrip", "sync_q", "roundtrip_q")))
        .isEqualTo("""
            {
              "tasks": [
                {"name": "load_web", "kind": "load", "stage": "stage_1", "dag": "roundtrip", "schedule": null, "upstream": [], "command": ["run", "load_web", "--start", "2026-01-01", "--end", "2026-01-02"]},
                {"name": "sync_q", "kind": "sync", "stage": "stage_2", "dag": "roundtrip_q", "schedule": "*/5 * * * *", "upstream": ["load_web"], "command": ["run", "sync_q", "--start", "2026-01-01", "--end", "2026-01-02"]}
              ],
              "edges": [
                ["load_web", "sync_q"]
              ]
            }
            """);
  }

  @Test
  void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
    assertThat(GraphFormats.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
  }

  @Test
  void shellQuotingLeavesPlainWordsAndTemplatesAlone() {
    assertThat(Shell.join(List.of("sync", "run", "vip-list", "--start", "{{ data_interval_start | ds }}", "a b", "it's")))
        .isEqualTo("sync run vip-list --start {{ data_interval_start | ds }} 'a b' 'it'\\''s'");
  }
}
