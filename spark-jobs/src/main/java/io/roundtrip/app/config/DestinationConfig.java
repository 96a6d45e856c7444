package io.roundtrip.app.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.roundtrip.reverseetl.destination.Destination;
import io.roundtrip.reverseetl.destinations.ambassador.AmbassadorConfig;
import io.roundtrip.reverseetl.destinations.ambassador.AmbassadorDestination;
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
 * when the sync runs (so other commands work without them).
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

  /** Records per request when the sync sets no batch_size: an API takes small ones, a table large ones. */
  default int defaultBatchSize() {
    return 100;
  }

  /**
   * Ambassador: upserts ambassadors (and manages a group's membership with add/remove/mirror) or,
   * with {@code campaigns}, records conversions for the campaigns whose URL pattern matches.
   */
  record Ambassador(String username, String tokenEnv, String group, Map<String, String> campaigns, String baseUrl,
      String timeout) implements DestinationConfig {
    @Override
    public Destination open(SyncConfig sync, Map<String, String> env) {
      String token = secret(env, tokenEnv, sync, "token_env");
      AmbassadorConfig config = campaigns == null || campaigns.isEmpty()
          ? AmbassadorConfig.ambassadors(username, token, group)
          : AmbassadorConfig.conversions(username, token, campaigns);
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
  }

  /** Promoter.io: upserts contacts into a list, sends a survey to new ones (insert), removes from the list. */
  record Promoter(String apiKeyEnv, Long listId, Long surveyCampaignId, String baseUrl, String timeout)
      implements DestinationConfig {
    @Override
    public Destination open(SyncConfig sync, Map<String, String> env) {
      PromoterConfig config = new PromoterConfig(secret(env, apiKeyEnv, sync, "api_key_env"), listId, surveyCampaignId,
          baseUrl == null ? null : URI.create(baseUrl), SyncConfig.timeout(timeout, "timeout"));
      return new PromoterDestination(config);
    }

    @Override
    public Set<String> secrets(Map<String, String> env) {
      return present(env, apiKeyEnv);
    }
  }

  /** JSON batches POSTed to a URL, signed with HMAC-SHA256. */
  record Webhook(String url, String secretEnv, String timeout) implements DestinationConfig {
    @Override
    public Destination open(SyncConfig sync, Map<String, String> env) {
      if (url == null) {
        throw new IllegalArgumentException("sync " + sync.name() + ": destination.url is required");
      }
      return new WebhookDestination(new WebhookConfig(URI.create(url), sync.name(),
          secret(env, secretEnv, sync, "secret_env"), sync.batchSizeOrDefault(), SyncConfig.timeout(timeout, "timeout")));
    }

    @Override
    public Set<String> secrets(Map<String, String> env) {
      return present(env, secretEnv);
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
  }

  /** A PostgreSQL table. */
  record Postgres(String jdbcUrl, String user, String passwordEnv, String table, List<String> keyFields,
      Boolean createTable) implements Table {
    @Override
    public Destination open(TableDestination.Settings settings) {
      return TableDestination.postgres(settings);
    }
  }

  /** A Snowflake table (the Snowflake JDBC driver must be on the classpath). */
  record Snowflake(String jdbcUrl, String user, String passwordEnv, String table, List<String> keyFields,
      Boolean createTable) implements Table {
    @Override
    public Destination open(TableDestination.Settings settings) {
      return TableDestination.snowflake(settings);
    }
  }

  private static TableDestination.Settings tableSettings(SyncConfig sync, Map<String, String> env, Table config) {
    if (config.jdbcUrl() == null || config.table() == null) {
      throw new IllegalArgumentException("sync " + sync.name() + ": destination.jdbc_url and destination.table are required");
    }
    String password = config.passwordEnv() == null ? null : secret(env, config.passwordEnv(), sync, "password_env");
    return new TableDestination.Settings(config.jdbcUrl(), config.user(), password, config.table(),
        config.keyFields() == null ? sync.primaryKey() : config.keyFields(), Boolean.TRUE.equals(config.createTable()),
        sync.overwritesWithNulls(), sync.batchSizeOrDefault());
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
