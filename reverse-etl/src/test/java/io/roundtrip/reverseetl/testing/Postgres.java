package io.roundtrip.reverseetl.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL for the tests: started once per test JVM on a free port (binaries from Maven
 * Central), each test in a database of its own.
 */
public final class Postgres {

  private static EmbeddedPostgres server;

  private Postgres() {}

  /** Creates a database and returns its JDBC URL (user postgres, no password). */
  public static synchronized String newDatabase() {
    try {
      if (server == null) {
        server = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
          } catch (IOException ignored) {
            // the JVM is going away
          }
        }));
      }
      String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return server.getJdbcUrl("postgres", name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
