package io.roundtrip.orchestration.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobGraphTest {

  @Test
  void edgesRunFromTheWriterOfATableToItsReaders() {
    JobGraph graph = JobGraph.of(TestJob.nightly());

    assertThat(graph.edges()).containsExactly(
        new JobGraph.Edge("load_web", "identity_web"),
        new JobGraph.Edge("load_web", "ltv_web"),
        new JobGraph.Edge("identity_web", "ltv_web"),
        new JobGraph.Edge("load_web", "funnels_web"),
        new JobGraph.Edge("identity_web", "funnels_web"),
        new JobGraph.Edge("ltv_web", "sync_vip"));
  }

  @Test
  void aNamespaceWildcardCoversItsTablesBothWays() {
    assertThat(JobGraph.covers("web.*", "web.tracks")).isTrue();
    assertThat(JobGraph.covers("web.tracks", "web.*")).isTrue();
    assertThat(JobGraph.covers("web.*", "web_models.ltv_customers")).isFalse();
    assertThat(JobGraph.covers("web_models.ltv_customers", "web.*")).isFalse();
    assertThat(JobGraph.covers("sync:a", "sync:a")).isTrue();
  }

  @Test
  void stagesGroupJobsByTheirDepth() {
    JobGraph graph = JobGraph.of(TestJob.nightly());

    assertThat(graph.stages()).extracting(Stage::id).containsExactly("stage_1", "stage_2", "stage_3", "stage_4");
    assertThat(graph.stages().get(2).jobs()).extracting(Job::name).containsExactly("ltv_web", "funnels_web");
    assertThat(graph.stageOf("sync_vip").number()).isEqualTo(4);
  }

  @Test
  void anInputNoJobWritesIsReportedBeforeAnythingRuns() {
    List<Job> jobs = List.of(
        TestJob.of("load_web", "load", Set.of(), Set.of("web.*")),
        TestJob.of("sync_nps", "sync", Set.of("app.friend_invited", "web.users"), Set.of("sync:nps")));

    assertThatThrownBy(() -> JobGraph.of(jobs))
        .isInstanceOf(GraphException.class)
        .hasMessage("No job writes what these read: sync_nps reads app.friend_invited. The jobs write sync:nps, web.* "
            + "(is the source, model or sync it needs configured?)");
  }

  @Test
  void aCycleIsReportedInTheOrderTheJobsWouldRun() {
    List<Job> jobs = List.of(
        TestJob.of("a", "sql", Set.of("m.c"), Set.of("m.a")),
        TestJob.of("b", "sql", Set.of("m.a"), Set.of("m.b")),
        TestJob.of("c", "sql", Set.of("m.b"), Set.of("m.c")));

    assertThatThrownBy(() -> JobGraph.of(jobs))
        .isInstanceOf(GraphException.class)
        .hasMessage("The jobs depend on each other in a circle: a -> b -> c -> a (each reads what the one before it writes)");
  }

  @Test
  void twoJobsOfOneNameAreRefused() {
    List<Job> jobs = List.of(TestJob.of("a", "load", Set.of(), Set.of("x.*")), TestJob.of("a", "load", Set.of(), Set.of("y.*")));

    assertThatThrownBy(() -> JobGraph.of(jobs)).hasMessage("Two jobs are named a");
  }

  @Test
  void selectKeepsTheNamedJobsAndThePlusSuffixAddsTheirDescendants() {
    JobGraph graph = JobGraph.of(TestJob.nightly());

    JobGraph some = graph.select(List.of("ltv_web+"));
    assertThat(some.jobs()).extracting(Job::name).containsExactly("ltv_web", "sync_vip");
    assertThat(some.upstream("ltv_web")).isEmpty();
    assertThat(some.edges()).containsExactly(new JobGraph.Edge("ltv_web", "sync_vip"));
    assertThat(graph.descendants("identity_web")).containsExactly("ltv_web", "funnels_web", "sync_vip");
    assertThatThrownBy(() -> graph.select(List.of("nope"))).hasMessageStartingWith("No job named nope in the graph");
  }

  @Test
  void aBackfillIsOneIntervalPerDay() {
    assertThat(DataInterval.days(java.time.LocalDate.parse("2026-01-30"), java.time.LocalDate.parse("2026-02-01")))
        .containsExactly(new DataInterval("2026-01-30", "2026-01-31"), new DataInterval("2026-01-31", "2026-02-01"),
            new DataInterval("2026-02-01", "2026-02-02"));
  }
}
