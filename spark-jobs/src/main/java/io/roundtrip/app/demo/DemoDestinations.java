package io.roundtrip.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two places the demo's syncs send to, started by the demo on 127.0.0.1: a PostgreSQL whose
 * data stays in the demo's folder (so a second demo finds the rows the first one sent), and a
 * webhook receiver that counts the records it is sent. The syncs' configuration reaches them through
 * the variables of {@link #env()}.
 */
public final class DemoDestinations implements AutoCloseable {

  public static final String POSTGRES_PORT = "DEMO_POSTGRES_PORT";
  public static final String WEBHOOK_PORT = "DEMO_WEBHOOK_PORT";
  public static final String WEBHOOK_SECRET = "DEMO_WEBHOOK_SECRET";

  private final EmbeddedPostgres postgres;
  private final HttpServer receiver;
  private final String secret;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();

  private DemoDestinations(EmbeddedPostgres postgres, HttpServer receiver, String secret) {
    this.postgres = postgres;
    this.receiver = receiver;
    this.secret = secret;
  }

  /** Starts both; PostgreSQL keeps its data in {@code dataDir}. */
  public static DemoDestinations start(Path dataDir) throws IOException {
    Files.createDirectories(dataDir.getParent());
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .start();
    HttpServer receiver;
    try {
      receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      postgres.close();
      throw e;
    }
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    DemoDestinations destinations = new DemoDestinations(postgres, receiver, HexFormat.of().formatHex(key));
    receiver.createContext("/", destinations::receive);
    receiver.start();
    return destinations;
  }

  private void receive(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
      records.addAndGet(body.path("records").size());
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** The variables the demo's configuration names: ports and the webhook's signing secret. */
  public Map<String, String> env() {
    return Map.of(POSTGRES_PORT, Integer.toString(postgres.getPort()),
        WEBHOOK_PORT, Integer.toString(receiver.getAddress().getPort()),
        WEBHOOK_SECRET, secret);
  }

  /** Records the receiver has been sent since it started, and in how many requests. */
  public long webhookRecords() {
    return records.get();
  }

  public long webhookRequests() {
    return requests.get();
  }

  /** Rows of a PostgreSQL table ({@code schema.table}), or 0 when it does not exist yet. */
  public long postgresRows(String table) {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        ResultSet rows = connection.createStatement().executeQuery(
            "SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) { // undefined_table
        return 0;
      }
      throw new IllegalStateException("Cannot count the rows of " + table + " in the demo's PostgreSQL", e);
    }
  }

  @Override
  public void close() {
    receiver.stop(0);
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop the demo's PostgreSQL", e);
    }
  }
}
