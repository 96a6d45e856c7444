package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.warehouse.NativeSql;
import io.roundtrip.warehouse.StagedAppends;
import io.roundtrip.warehouse.Warehouse;
import io.roundtrip.warehouse.WarehouseSettings;
import io.roundtrip.warehouse.Warehouses;
import io.roundtrip.warehouse.delta.SharedSpark;
import io.roundtrip.warehouse.jdbc.testing.Postgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Opening a JDBC warehouse from its configuration: the provider by type, and the credential's path. */
class JdbcWarehousesTest {

  private static final String SECRET = "hunter2-do-not-print";

  @Test
  void postgresAndSnowflakeAreFoundByTheirWarehouseType() {
    Warehouse postgres = Warehouses.open(SharedSpark.session(), new WarehouseSettings("postgres",
        Map.of("jdbc_url", Postgres.newDatabase(), "user", "postgres")));
    Warehouse snowflake = Warehouses.open(SharedSpark.session(), new WarehouseSettings("snowflake",
        Map.of("jdbc_url", "jdbc:snowflake://acme.snowflakecomputing.com", "user", "loader")));

    assertThat(postgres.type()).isEqualTo("postgres");
    assertThat(postgres.namespaces()).isEmpty();
    assertThat(postgres.ability(StagedAppends.class)).isPresent();
    assertThat(postgres.ability(NativeSql.class).map(NativeSql::dialect)).hasValue("postgres");
    assertThat(snowflake.type()).isEqualTo("snowflake");
  }

  @Test
  void aPasswordVariableThatIsNotSetIsAnErrorNamingTheVariable() {
    WarehouseSettings settings = new WarehouseSettings("postgres",
        Map.of("jdbc_url", "jdbc:postgresql://127.0.0.1:1/x", "user", "loader", "password_env", "RT_TEST_PG_PASSWORD"));

    assertThatThrownBy(() -> new JdbcWarehouses.Postgres().open(SharedSpark.session(), settings, name -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("warehouse.password_env names the environment variable RT_TEST_PG_PASSWORD, which is not set");
  }

  @Test
  void aFailedConnectionNamesTheUrlAndTheUserButNeverThePassword() {
    WarehouseSettings settings = new WarehouseSettings("postgres",
        Map.of("jdbc_url", "jdbc:postgresql://127.0.0.1:1/x", "user", "loader", "password_env", "RT_TEST_PG_PASSWORD"));
    Warehouse warehouse = new JdbcWarehouses.Postgres().open(SharedSpark.session(), settings,
        name -> name.equals("RT_TEST_PG_PASSWORD") ? SECRET : null);

    assertThat(warehouse.toString()).doesNotContain(SECRET);
    assertThatThrownBy(warehouse::namespaces)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/x").hasMessageContaining("as loader")
        .satisfies(e -> {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
          }
        });
  }

  @Test
  void theUrlIsRequired() {
    assertThatThrownBy(() -> new JdbcWarehouses.Postgres().open(SharedSpark.session(),
        new WarehouseSettings("postgres", Map.of("user", "loader")), name -> null))
        .hasMessage("warehouse.jdbc_url is required for warehouse.type postgres");
  }
}
