package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The statements sent to Snowflake, which the tests cannot reach: checked against the MERGE,
 * DELETE ... USING and CREATE TABLE grammar in Snowflake's SQL reference.
 */
class SnowflakeTableSqlTest {

  private final TableSql sql = JdbcWarehouses.tableSql("snowflake");
  private final List<String> columns = List.of("id", "email", "clv");

  @Test
  void upsertIsAMergeThatUpdatesMatchesAndInsertsTheRest() {
    assertThat(sql.apply(TableSql.STAGE, "crm.customers", columns, List.of("id"), TableSql.Mode.UPSERT, true)).isEqualTo(
        "MERGE INTO \"crm\".\"customers\" AS t USING \"roundtrip_stage\" AS s ON t.\"id\" = s.\"id\""
            + " WHEN MATCHED THEN UPDATE SET t.\"email\" = s.\"email\", t.\"clv\" = s.\"clv\""
            + " WHEN NOT MATCHED THEN INSERT (\"id\", \"email\", \"clv\") VALUES (s.\"id\", s.\"email\", s.\"clv\")");
  }

  @Test
  void insertHasNoMatchedClauseAndUpdateNoInsertClause() {
    assertThat(sql.apply(TableSql.STAGE, "customers", columns, List.of("id"), TableSql.Mode.INSERT, true))
        .doesNotContain("WHEN MATCHED").contains("WHEN NOT MATCHED THEN INSERT");
    assertThat(sql.apply(TableSql.STAGE, "customers", columns, List.of("id"), TableSql.Mode.UPDATE, true))
        .contains("WHEN MATCHED THEN UPDATE").doesNotContain("WHEN NOT MATCHED");
  }

  @Test
  void withoutNullOverwritesAnUpdateKeepsTheTablesValueForANull() {
    assertThat(sql.apply(TableSql.STAGE, "customers", columns, List.of("id"), TableSql.Mode.UPDATE, false))
        .contains("t.\"email\" = COALESCE(s.\"email\", t.\"email\")");
  }

  @Test
  void compositeKeysJoinOnEveryColumn() {
    assertThat(sql.apply(TableSql.STAGE, "customers", List.of("tenant", "id", "clv"), List.of("tenant", "id"), TableSql.Mode.UPSERT, true))
        .contains("ON t.\"tenant\" = s.\"tenant\" AND t.\"id\" = s.\"id\"")
        .contains("UPDATE SET t.\"clv\" = s.\"clv\" WHEN");
  }

  @Test
  void deleteUsesTheStage() {
    assertThat(sql.delete(TableSql.STAGE, "crm.customers", List.of("id"))).isEqualTo(
        "DELETE FROM \"crm\".\"customers\" USING \"roundtrip_stage\" AS s WHERE \"crm\".\"customers\".\"id\" = s.\"id\"");
  }

  @Test
  void createdTablesUseSnowflakeTypesAndQuoteIdentifiers() {
    Map<String, TableSql.ColumnKind> kinds = new LinkedHashMap<>();
    kinds.put("id", TableSql.ColumnKind.TEXT);
    kinds.put("orders", TableSql.ColumnKind.BIGINT);
    kinds.put("traits", TableSql.ColumnKind.JSON);
    kinds.put("odd \"name\"", TableSql.ColumnKind.BOOLEAN);
    assertThat(sql.createTable("audience", kinds, List.of("id"))).isEqualTo(
        "CREATE TABLE IF NOT EXISTS \"audience\" (\"id\" VARCHAR NOT NULL, \"orders\" NUMBER(38,0), "
            + "\"traits\" VARIANT, \"odd \"\"name\"\"\" BOOLEAN, PRIMARY KEY (\"id\"))");
  }

  @Test
  void aStagedNewTableIsKeyedAndRenamedWithinItsSchema() {
    assertThat(sql.addPrimaryKey("crm.roundtrip_stage_vip", List.of("id")))
        .isEqualTo("ALTER TABLE \"crm\".\"roundtrip_stage_vip\" ADD PRIMARY KEY (\"id\")");
    assertThat(sql.rename("crm.roundtrip_stage_vip", "crm.customers"))
        .isEqualTo("ALTER TABLE \"crm\".\"roundtrip_stage_vip\" RENAME TO \"crm\".\"customers\"");
  }

  @Test
  void theSharedStageIsATransientTableWithTheSyncKeyColumn() {
    assertThat(sql.createSharedStage("crm.roundtrip_stage_vip", "crm.customers")).isEqualTo(
        "CREATE TRANSIENT TABLE \"crm\".\"roundtrip_stage_vip\" AS SELECT CAST(NULL AS VARCHAR) AS \"__roundtrip_key\", "
            + "t.* FROM \"crm\".\"customers\" AS t LIMIT 0");
    assertThat(sql.missingKeys("crm.roundtrip_stage_vip", "crm.customers", List.of("id"))).isEqualTo(
        "SELECT s.\"__roundtrip_key\" FROM \"crm\".\"roundtrip_stage_vip\" AS s WHERE NOT EXISTS (SELECT 1 FROM "
            + "\"crm\".\"customers\" AS t WHERE t.\"id\" = s.\"id\")");
  }
}
