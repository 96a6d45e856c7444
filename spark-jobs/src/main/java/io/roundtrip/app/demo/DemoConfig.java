package io.roundtrip.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration the demo runs with, written into its folder so a user can read it, run its
 * steps one by one with {@code --config}, and copy from it. The destinations' ports come from the
 * variables {@link DemoDestinations} sets, since they change from run to run.
 */
public final class DemoConfig {

  public static final String SOURCE = "demo";
  public static final String TABLE_SYNC = "top_customers_to_postgres";
  public static final String TABLE = "public.top_customers";
  public static final String AUDIENCE_SYNC = "likely_buyers_webhook";

  private DemoConfig() {}

  /** Writes {@code <dir>/roundtrip.yml} for an archive of source {@code demo} and returns its path. */
  public static Path write(Path dir, Path sourceFolder) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("roundtrip.yml");
    String yaml = """
        # Written by `roundtrip demo`: the configuration its steps run with. Run one step yourself with
        # --config %1$s, e.g. `./roundtrip models run all --source demo --config %1$s`.
        # The syncs' destinations are the demo's own, started while it runs: an embedded PostgreSQL
        # and a webhook receiver on 127.0.0.1, whose ports the demo passes as variables.
        sources:
          demo:
            input: %2$s
        syncs:
          - name: %3$s          # the SQL model analytics.top_customers, into a table
            model: analytics.top_customers
            primary_key: canonical_user_id
            mode: upsert
            destination:
              type: postgres
              jdbc_url: "jdbc:postgresql://127.0.0.1:${%4$s}/postgres"
              user: postgres
              table: %5$s
              create_table: true
          - name: %6$s              # an audience: who is likely to buy again, kept in step
            model: >-
              SELECT c.canonical_user_id, p.email FROM demo_models.ltv_customers c
              JOIN demo_models.profiles p USING (canonical_user_id) WHERE c.frequency >= 1 AND c.p_alive >= 0.5
            primary_key: canonical_user_id
            mode: mirror
            destination:
              type: webhook
              url: "http://127.0.0.1:${%7$s}/audience"
              secret_env: %8$s
        """.formatted(file, sourceFolder, TABLE_SYNC, DemoDestinations.POSTGRES_PORT, TABLE, AUDIENCE_SYNC,
        DemoDestinations.WEBHOOK_PORT, DemoDestinations.WEBHOOK_SECRET);
    if (!Files.exists(file) || !Files.readString(file).equals(yaml)) {
      Files.writeString(file, yaml);
    }
    return file;
  }
}
