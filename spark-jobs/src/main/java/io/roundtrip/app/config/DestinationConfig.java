package io.roundtrip.app.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destinations.ambassador.AmbassadorConfig;
import io.roundtrip.reverseetl.destinations.ambassador.AmbassadorDestination;
import io.roundtrip.reverseetl.destinations.ambassador.AmbassadorMode;
import io.roundtrip.reverseetl.destinations.promoter.PromoterConfig;
import io.roundtrip.reverseetl.destinations.promoter.PromoterDestination;
import io.roundtrip.reverseetl.destinations.table.TableDestination;
import io.roundtrip.reverseetl.destinations.webhook.WebhookConfig;
import io.roundtrip.reverseetl.destinations.webhook.WebhookDestination;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sync's {@code destination:}, chosen by {@code type}. Credentials are never written in the
 * file: settings ending in {@code _env} name the environment variable that holds them, read only
 * when the sync runs (so other commands work without them). Every other setting is checked when
 * the file is read (see {@link InvalidSetting}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DestinationConfig.Ambassador.class, name = "ambassador"),
    @JsonSubTypes.Type(value = DestinationConfig.Promoter.class, name = "promoter"),
    @JsonSubTypes.Type(value = DestinationConfig.Webhook.class, name = "webhook"),
    @JsonSubTypes.Type(value = DestinationConfig.Postgres.class, name = "postgres"),
    @JsonSubTypes.Type(value = DestinationConfig.Snowflake.class, name = "snowflake")})
public sealed interface DestinationConfig {

  /** A table loads a batch with one COPY (or insert) and one statement: big batches amortise the round trips. */
  int TABLE_BATCH_SIZE = 10_000;

  /** Opens the destination for a run of {@code sync}. */
  Destination open(SyncConfig sync, Map<String, String> env);

  /** The credential values, so run history and errors can blank them out. */
  Set<String> secrets(Map<String, String> env);

  /** What {@code sync list} calls this destination. */
  String describe();

  /** Records per request when the sync sets no batch_size: an API takes small ones, a table large ones. */
  default int defaultBatchSize() {
    return 100;
  }

  /**
   * Ambassador, as Segment's Ambassador destination: identify (ambassadors; with {@code group},
   * its membership through add/remove/mirror) or, with {@code events}, track (conversions).
   * {@code campaigns} maps URL patterns to campaign ids for both: identify enrols people in the
   * campaigns their URL matches, track records a conversion per matching campaign.
   */
  record Ambassador(String username, String tokenEnv, String group, Map<String, String> campaigns,
      Map<String, String> events, String baseUrl, String timeout) implements DestinationConfig {
    public Ambassador {
      if (username == null || username.isBlank()) {
        throw new InvalidSetting("Ambassador needs the API username", "username");
      }
      requireVariable(tokenEnv, "token_env");
      campaigns = campaigns == null ? Map.of() : campaigns;
      if (events != null) {
        if (campaigns.isEmpty()) {
          throw new InvalidSetting("conversions (events) need campaigns: URL pattern -> campaign id", "events");
        }
        try {
          new AmbassadorMode.Track(campaigns, events);
        } catch (IllegalArgumentException e) {
          throw new InvalidSetting(e.getMessage(), "events");
        }
        if (group != null) {
          throw new InvalidSetting("group belongs to an identify sync; a track sync (events) records conversions",
              "group");
        }
      }
      checkUrl(baseUrl, "base_url");
      checkDuration(timeout);
    }

    @Override
    public Destination open(SyncConfig sync, Map<String, String> env) {
      String token = secret(env, tokenEnv, sync, "token_env");
      AmbassadorConfig config = events != null ? AmbassadorConfig.track(username, token, campaigns, events)
          : AmbassadorConfig.identify(username, token, group, campaigns);
      if (baseUrl != null) {
        config = config.withBaseUrl(URI.create(baseUrl));
      }
      if (timeout != null) {
        config = config.withTimeout(SyncConfig.timeout(timeout, "timeout"));
      }
      return new AmbassadorDestination(config);
    }

    @Override
    public Set<String> secrets(Map<String, String> env) {
      return present(env, tokenEnv);
    }

    @Override
    public String describe() {
      return events != null ? "ambassador track" : "ambassador identify";
    }
  }

  /**
   * Promoter.io, as Segment's Promoter destination: identify (contacts, into {@code list_id}) or,
   * with {@code events}, track (the events mapped to {@code survey} send one through {@code
   * survey_campaign_id}; Order Completed is stored on the contact).
   */
  record Promoter(String apiKeyEnv, Long listId, Long surveyCampaignId, Map<String, String> events, String baseUrl,
      String timeout) implements DestinationConfig {
    public Promoter {
      requireVariable(apiKeyEnv, "api_key_env");
      if (events != null) {
        try {
          PromoterConfig.checkEvents(events, surveyCampaignId);
        } catch (IllegalArgumentException e) {
          throw new InvalidSetting(e.getMessage(), "events");
        }
      }
      checkUrl(baseUrl, "base_url");
      checkDuration(timeout);
    }

    @Override
    public Destination open(SyncConfig sync, Map<String, String> env) {
      PromoterConfig config = new PromoterConfig(secret(env, apiKeyEnv, sync, "api_key_env"), listId, surveyCampaignId,
          events, baseUrl == null ? null : URI.create(baseUrl), SyncConfig.timeout(timeout, "timeout"));
      return new PromoterDestination(config);
    }

    @Override
    public Set<String> secrets(Map<String, String> env) {
      return present(env, apiKeyEnv);
    }

    @Override
    public String describe() {
      return events != null ? "promoter track" : "promoter identify";
    }
  }

  /** JSON batches POSTed to a URL, signed with HMAC-SHA256. */
  record Webhook(String url, String secretEnv, String timeout) implements DestinationConfig {
    public Webhook {
      if (url == null || url.isBlank()) {
        throw new InvalidSetting("a webhook needs the url to POST to", "url");
      }
      checkUrl(url, "url");
      requireVariable(secretEnv, "secret_env");
      checkDuration(timeout);
    }

    @Override
    public Destination open(SyncConfig sync, Map<String, String> env) {
      return new WebhookDestination(new WebhookConfig(URI.create(url), sync.name(),
          secret(env, secretEnv, sync, "secret_env"), sync.batchSizeOrDefault(), SyncConfig.timeout(timeout, "timeout")));
    }

    @Override
    public Set<String> secrets(Map<String, String> env) {
      return present(env, secretEnv);
    }

    @Override
    public String describe() {
      return "webhook";
    }
  }

  /** What the table destinations share: a JDBC URL, credentials, the table and its key. */
  sealed interface Table extends DestinationConfig {
    String jdbcUrl();

    String user();

    String passwordEnv();

    String table();

    /** The table's key columns, matching primary_key in order (default: the same names). */
    List<String> keyFields();

    Boolean createTable();

    /** The database's table destination for these settings. */
    Destination open(TableDestination.Settings settings);

    @Override
    default Destination open(SyncConfig sync, Map<String, String> env) {
      return open(tableSettings(sync, env, this));
    }

    @Override
    default int defaultBatchSize() {
      return TABLE_BATCH_SIZE;
    }

    @Override
    default Set<String> secrets(Map<String, String> env) {
      return present(env, passwordEnv());
    }

    /** The checks both databases share: where to connect, and which table. */
    static void check(String jdbcUrl, String table) {
      if (jdbcUrl == null || jdbcUrl.isBlank()) {
        throw new InvalidSetting("a table destination needs jdbc_url", "jdbc_url");
      }
      if (!jdbcUrl.startsWith("jdbc:")) {
        throw new InvalidSetting("\"" + jdbcUrl + "\" is not a JDBC URL (jdbc:postgresql://..., jdbc:snowflake://...)",
            "jdbc_url");
      }
      if (table == null || table.isBlank()) {
        throw new InvalidSetting("a table destination needs the table (schema.table)", "table");
      }
    }
  }

  /** A PostgreSQL table. */
  record Postgres(String jdbcUrl, String user, String passwordEnv, String table, List<String> keyFields,
      Boolean createTable) implements Table {
    public Postgres {
      Table.check(jdbcUrl, table);
    }

    @Override
    public Destination open(TableDestination.Settings settings) {
      return TableDestination.postgres(settings);
    }

    @Override
    public String describe() {
      return "postgres";
    }
  }

  /** A Snowflake table (the Snowflake JDBC driver must be on the classpath). */
  record Snowflake(String jdbcUrl, String user, String passwordEnv, String table, List<String> keyFields,
      Boolean createTable) implements Table {
    public Snowflake {
      Table.check(jdbcUrl, table);
    }

    @Override
    public Destination open(TableDestination.Settings settings) {
      return TableDestination.snowflake(settings);
    }

    @Override
    public String describe() {
      return "snowflake";
    }
  }

  private static TableDestination.Settings tableSettings(SyncConfig sync, Map<String, String> env, Table config) {
    String password = config.passwordEnv() == null ? null : secret(env, config.passwordEnv(), sync, "password_env");
    return new TableDestination.Settings(config.jdbcUrl(), config.user(), password, config.table(),
        config.keyFields() == null ? sync.primaryKey() : config.keyFields(), Boolean.TRUE.equals(config.createTable()),
        sync.overwritesWithNulls(), sync.batchSizeOrDefault());
  }

  private static void requireVariable(String variable, String setting) {
    if (variable == null || variable.isBlank()) {
      throw new InvalidSetting(setting + " must name the environment variable that holds the credential", setting);
    }
  }

  private static void checkUrl(String url, String setting) {
    if (url == null) {
      return;
    }
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidSetting("\"" + url + "\" is not a URL (http://host/...)", setting);
    }
  }

  private static void checkDuration(String timeout) {
    if (timeout != null) {
      try {
        Durations.parse(timeout, "timeout");
      } catch (IllegalArgumentException e) {
        throw new InvalidSetting(e.getMessage(), "timeout");
      }
    }
  }

  private static String secret(Map<String, String> env, String variable, SyncConfig sync, String setting) {
    if (variable == null) {
      throw new ConfigException("sync " + sync.name() + ": destination." + setting
          + " must name the environment variable that holds the credential");
    }
    String value = env.get(variable);
    if (value == null || value.isEmpty()) {
      throw new ConfigException("sync " + sync.name() + ": environment variable " + variable + " (destination."
          + setting + ") is not set");
    }
    return value;
  }

  private static Set<String> present(Map<String, String> env, String... variables) {
    Set<String> values = new HashSet<>();
    for (String variable : variables) {
      if (variable != null && env.get(variable) != null && !env.get(variable).isEmpty()) {
        values.add(env.get(variable));
      }
    }
    return values;
  }
}
