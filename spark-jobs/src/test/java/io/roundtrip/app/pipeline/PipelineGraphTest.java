package io.roundtrip.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.app.config.ConfigFile;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.orchestration.graph.DataInterval;
import io.roundtrip.orchestration.graph.GraphException;
import io.roundtrip.orchestration.graph.Job;
import io.roundtrip.orchestration.graph.JobGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineGraphTest {

  @TempDir
  Path tmp;

  private RoundtripConfig config(String yaml) throws Exception {
    Path file = tmp.resolve("roundtrip.yml");
    Files.writeString(file, yaml);
    return ConfigFile.load(file, Map.of());
  }

  private static final String SOURCES = """
      sources:
        web: {input: ./archive/web}
        app: {input: ./archive/app}
      """;

  @Test
  void eachSourceGetsALoadThenIdentityThenTheModelsThatReadItsMappings() throws Exception {
    JobGraph graph = PipelineGraph.of(config(SOURCES), List.of());

    assertThat(graph.jobs()).extracting(Job::name).containsExactly("load_web", "load_app", "identity_web", "ltv_web",
        "funnels_web", "attribution_web", "identity_app", "ltv_app", "funnels_app", "attribution_app");
    assertThat(graph.upstream("identity_web")).containsExactly("load_web");
    assertThat(graph.upstream("ltv_app")).containsExactly("load_app", "identity_app");
    assertThat(graph.stages()).hasSize(3);
    assertThat(graph.job("load_web").command(DataInterval.day(java.time.LocalDate.parse("2026-03-01"))))
        .containsExactly("load", "--source", "web", "--start", "2026-03-01", "--end", "2026-03-02");
    assertThat(graph.job("funnels_web").command(DataInterval.AIRFLOW))
        .containsExactly("models", "run", "funnels", "--source", "web");
  }

  @Test
  void aSyncRunsAfterTheJobsThatWriteWhatItsModelOrQueryNames() throws Exception {
    JobGraph graph = PipelineGraph.of(config(SOURCES + """
        syncs:
          - name: vip
            model: web_models.ltv_customers
            primary_key: customer_id
            destination: {type: webhook, url: "https://h.example.com", secret_env: S}
          - name: joined
            model: |
              WITH recent AS (SELECT * FROM app.tracks WHERE id IN (SELECT id FROM web.order_completed))
              SELECT r.id FROM recent r JOIN web_models.attribution_credits c ON c.id = r.id
            primary_key: id
            destination: {type: webhook, url: "https://h.example.com", secret_env: S}
          - name: later
            model: web.users
            primary_key: id
            after: [vip]
            schedule: "0 * * * *"
            destination: {type: webhook, url: "https://h.example.com", secret_env: S}
        """), List.of());

    assertThat(graph.upstream("sync_vip")).containsExactly("ltv_web");
    assertThat(graph.upstream("sync_joined")).containsExactly("load_web", "load_app", "attribution_web");
    assertThat(graph.upstream("sync_later")).containsExactly("load_web", "sync_vip");
    assertThat(graph.job("sync_later").schedule()).contains("0 * * * *");
    assertThat(graph.job("sync_vip").command(DataInterval.AIRFLOW)).containsExactly("sync", "run", "vip");
  }

  @Test
  void theTablesOfAQueryAreItsRelationsWithoutItsCommonTableExpressions() {
    assertThat(QueryTables.of("WITH a AS (SELECT * FROM web.tracks), b AS (SELECT * FROM a) "
        + "SELECT * FROM b JOIN Web.Users u ON TRUE WHERE EXISTS (SELECT 1 FROM web_models.profiles p)"))
        .containsExactly("web.tracks", "web.users", "web_models.profiles");
    assertThatThrownBy(() -> QueryTables.of("SELEC nothing")).hasMessageStartingWith("The query does not parse");
  }

  @Test
  void aSyncOfATableNoJobWritesIsReportedBeforeAnythingRuns() throws Exception {
    RoundtripConfig config = config(SOURCES + """
        syncs:
          - name: crm
            model: SELECT * FROM crm.accounts
            primary_key: id
            destination: {type: webhook, url: "https://h.example.com", secret_env: S}
        """);

    assertThatThrownBy(() -> PipelineGraph.of(config, List.of())).isInstanceOf(GraphException.class)
        .hasMessageStartingWith("No job writes what these read: sync_crm reads crm.accounts.");
  }

  @Test
  void theShippedSqlProjectRunsAsStagesAfterTheModelsItReads() throws Exception {
    // the project that ships in the repository's sql/ folder (tests run in spark-jobs/): it reads source demo
    Path project = Path.of("../sql").toAbsolutePath().normalize();
    RoundtripConfig config = config("sources:\n  demo: {input: ./archive}\nsql: {project: " + project + "}\n");

    JobGraph graph = PipelineGraph.of(config, Map.of());

    List<String> sql = graph.jobs().stream().filter(job -> job.kind().equals("sql")).map(Job::name).toList();
    assertThat(sql).isNotEmpty().allMatch(name -> name.startsWith("sql_stage_"));
    Job first = graph.job("sql_stage_1");
    assertThat(first.command(DataInterval.AIRFLOW)).startsWith("sql", "build", "--select").contains("sessions")
        .doesNotContain("stg_activity");
    assertThat(graph.upstream("sql_stage_1")).contains("load_demo", "identity_demo");
    assertThat(graph.jobs().stream().filter(job -> job.command(DataInterval.AIRFLOW).contains("top_customers")))
        .singleElement().satisfies(job -> assertThat(graph.upstream(job.name())).contains("ltv_demo"));
  }

  @Test
  void sqlModelsRunInOneTaskPerDependencyLevel() throws Exception {
    List<Job> sql = SqlStages.of(List.of(
        new SqlStages.SqlModel("sessions", "analytics.sessions", Set.of(), Set.of("web.pages")),
        new SqlStages.SqlModel("orders", "analytics.orders", Set.of(), Set.of("web.order_completed")),
        new SqlStages.SqlModel("top_customers", "analytics.top_customers", Set.of("orders", "sessions"),
            Set.of("web_models.ltv_customers"))));
    JobGraph graph = PipelineGraph.of(config(SOURCES + """
        syncs:
          - name: top
            model: analytics.top_customers
            primary_key: id
            destination: {type: webhook, url: "https://h.example.com", secret_env: S}
        """), sql);

    assertThat(graph.job("sql_stage_1").command(DataInterval.AIRFLOW))
        .containsExactly("sql", "build", "--select", "orders", "sessions");
    assertThat(graph.upstream("sql_stage_1")).containsExactly("load_web");
    assertThat(graph.upstream("sql_stage_2")).containsExactly("ltv_web", "sql_stage_1");
    assertThat(graph.upstream("sync_top")).containsExactly("sql_stage_2");
    assertThatThrownBy(() -> SqlStages.of(List.of(new SqlStages.SqlModel("a", "x.a", Set.of("b"), Set.of()),
        new SqlStages.SqlModel("b", "x.b", Set.of("a"), Set.of()))))
        .hasMessage("SQL models ref each other in a circle: a -> b -> a");
  }
}
