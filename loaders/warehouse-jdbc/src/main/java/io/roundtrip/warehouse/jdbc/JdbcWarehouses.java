package io.roundtrip.warehouse.jdbc;

import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WarehouseProvider;
import io.roundtrip.warehouse.WarehouseSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * {@code warehouse.type: postgres} and {@code snowflake}: tables in a database reached over JDBC.
 * The configuration names the URL, the user and the environment variable holding the password
 * ({@code password_env}); Snowflake also takes {@code database}, {@code role} and
 * {@code compute_warehouse} (its virtual warehouse, dbt's {@code warehouse}), which may instead be
 * parameters of the URL.
 */
public abstract class JdbcWarehouses implements WarehouseProvider {

  private final SqlDialect dialect;

  JdbcWarehouses(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** {@code warehouse.type: postgres}. */
  public static final class Postgres extends JdbcWarehouses {
    public Postgres() {
      super(PostgresDialect.INSTANCE);
    }
  }

  /** {@code warehouse.type: snowflake}. */
  public static final class Snowflake extends JdbcWarehouses {
    public Snowflake() {
      super(SnowflakeDialect.INSTANCE);
    }
  }

  @Override
  public String type() {
    return dialect.type();
  }

  @Override
  public Warehouse open(SparkSession spark, WarehouseSettings settings) {
    return open(spark, settings, System::getenv);
  }

  /** As {@link #open(SparkSession, WarehouseSettings)}, reading the password's variable from {@code env}. */
  public Warehouse open(SparkSession spark, WarehouseSettings settings, Function<String, String> env) {
    String password = settings.get("password_env").map(variable -> {
      String value = env.apply(variable);
      if (value == null) {
        throw new IllegalArgumentException("warehouse.password_env names the environment variable " + variable
            + ", which is not set");
      }
      return value;
    }).orElse(null);
    Map<String, String> properties = new LinkedHashMap<>();
    settings.get("database").ifPresent(v -> properties.put("db", v));
    settings.get("role").ifPresent(v -> properties.put("role", v));
    settings.get("compute_warehouse").ifPresent(v -> properties.put("warehouse", v));
    Connector connector = new Connector(dialect, settings.require("jdbc_url"), settings.get("user").orElse(null),
        password, properties);
    return new JdbcWarehouse(spark, connector, dialect.staging());
  }

  /** A PostgreSQL warehouse: for tests and benchmarks that start their own server. */
  public static Warehouse postgres(SparkSession spark, String jdbcUrl, String user, String password) {
    return new JdbcWarehouse(spark, new Connector(PostgresDialect.INSTANCE, jdbcUrl, user, password, Map.of()),
        PostgresDialect.INSTANCE.staging());
  }
}
