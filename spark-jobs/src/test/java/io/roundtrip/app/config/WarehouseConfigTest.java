package io.roundtrip.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse: section for a database over JDBC, and the errors its keys can make. */
class WarehouseConfigTest {

  @TempDir
  Path tmp;

  private Path write(String yaml) throws IOException {
    Path file = tmp.resolve("roundtrip.yml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void aPostgresWarehouseHandsItsUrlUserAndPasswordVariableNameToTheBackend() throws IOException {
    RoundtripConfig config = ConfigFile.load(write("""
        warehouse:
          type: postgres
          jdbc_url: jdbc:postgresql://db:5432/analytics
          user: loader
          password_env: PG_PASSWORD
        """), Map.of("PG_PASSWORD", "hunter2"));

    assertThat(config.warehouse().settings().type()).isEqualTo("postgres");
    assertThat(config.warehouse().settings().values()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "path", "./warehouse", "jdbc_url", "jdbc:postgresql://db:5432/analytics", "user", "loader",
        "password_env", "PG_PASSWORD"));
    assertThat(config.warehouse().settings().values().values()).doesNotContain("hunter2");
    assertThat(config.warehouse().withPath("/state").settings().values())
        .containsEntry("path", "/state").containsEntry("jdbc_url", "jdbc:postgresql://db:5432/analytics");
  }

  @Test
  void aSnowflakeWarehouseAlsoTakesItsDatabaseRoleAndComputeWarehouse() throws IOException {
    RoundtripConfig config = ConfigFile.load(write("""
        warehouse:
          type: snowflake
          jdbc_url: jdbc:snowflake://acme.snowflakecomputing.com
          user: LOADER
          password_env: SF_PASSWORD
          database: ANALYTICS
          role: ROUNDTRIP
          compute_warehouse: LOADING
        """), Map.of());

    assertThat(config.warehouse().settings().values()).containsEntry("database", "ANALYTICS")
        .containsEntry("role", "ROUNDTRIP").containsEntry("compute_warehouse", "LOADING");
  }

  @Test
  void keysOfAnotherTypeAndAMissingUrlAreErrorsNamingTheKey() throws IOException {
    assertThatThrownBy(() -> ConfigFile.load(write("warehouse:\n  type: postgres\n  user: loader\n"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("warehouse.jdbc_url is required for warehouse.type postgres");
    assertThatThrownBy(() -> ConfigFile.load(write("warehouse:\n  jdbc_url: jdbc:postgresql://db/x\n"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("warehouse.jdbc_url is for warehouse.type postgres or snowflake, not delta");
    assertThatThrownBy(() -> ConfigFile.load(write(
        "warehouse:\n  type: postgres\n  jdbc_url: jdbc:postgresql://db/x\n  role: admin\n"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("warehouse.role is for warehouse.type snowflake, not postgres");
    Path typo = write("warehouse:\n  type: postgres\n  jdbc_url: jdbc:postgresql://db/x\n  pasword_env: PG\n");
    assertThatThrownBy(() -> ConfigFile.load(typo, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(typo + ":4: unknown key 'pasword_env' in warehouse");
  }

  @Test
  void aPasswordWrittenWherePasswordEnvWantsAVariableNameIsRefusedWithoutEchoingIt() throws IOException {
    assertThatThrownBy(() -> ConfigFile.load(write(
        "warehouse:\n  type: postgres\n  jdbc_url: jdbc:postgresql://db/x\n  password_env: \"s3cr3t!pw\"\n"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("warehouse.password_env must be the name of an environment variable")
        .hasMessageNotContaining("s3cr3t!pw");
  }
}
