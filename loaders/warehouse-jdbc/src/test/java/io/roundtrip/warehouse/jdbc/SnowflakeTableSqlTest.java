package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The statements a Snowflake table destination sends, which the tests cannot reach: checked against
 * the MERGE, DELETE ... USING and CREATE TABLE grammar in Snowflake's SQL reference. Names follow the
 * warehouse's Snowflake rule: lower-case ones stored upper-case, as Snowflake stores unquoted names.
 */
class SnowflakeTableSqlTest {

  private final TableSql sql = JdbcWarehouses.tableSql("snowflake");
  private final List<String> columns = List.of("id", "email", "clv");

  @Test
  void upsertIsAMergeThatUpdatesMatchesAndInsertsTheRest() {
    assertThat(sql.apply(TableSql.STAGE, "crm.customers", columns, List.of("id"), TableSql.Mode.UPSERT, true)).isEqualTo(
        "MERGE INTO \"CRM\".\"CUSTOMERS\" AS t USING \"ROUNDTRIP_STAGE\" AS s ON t.\"ID\" = s.\"ID\""
            + " WHEN MATCHED THEN UPDATE SET t.\"EMAIL\" = s.\"EMAIL\", t.\"CLV\" = s.\"CLV\""
            + " WHEN NOT MATCHED THEN INSERT (\"ID\", \"EMAIL\", \"CLV\") VALUES (s.\"ID\", s.\"EMAIL\", s.\"CLV\")");
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
        .contains("t.\"EMAIL\" = COALESCE(s.\"EMAIL\", t.\"EMAIL\")");
  }

  @Test
  void compositeKeysJoinOnEveryColumn() {
    assertThat(sql.apply(TableSql.STAGE, "customers", List.of("tenant", "id", "clv"), List.of("tenant", "id"), TableSql.Mode.UPSERT, true))
        .contains("ON t.\"TENANT\" = s.\"TENANT\" AND t.\"ID\" = s.\"ID\"")
        .contains("UPDATE SET t.\"CLV\" = s.\"CLV\" WHEN");
  }

  @Test
  void deleteUsesTheStage() {
    assertThat(sql.delete(TableSql.STAGE, "crm.customers", List.of("id"))).isEqualTo(
        "DELETE FROM \"CRM\".\"CUSTOMERS\" USING \"ROUNDTRIP_STAGE\" AS s WHERE \"CRM\".\"CUSTOMERS\".\"ID\" = s.\"ID\"");
  }

  @Test
  void createdTablesUseSnowflakeTypesAndQuoteIdentifiers() {
    Map<String, TableSql.ColumnKind> kinds = new LinkedHashMap<>();
    kinds.put("id", TableSql.ColumnKind.TEXT);
    kinds.put("orders", TableSql.ColumnKind.BIGINT);
    kinds.put("traits", TableSql.ColumnKind.JSON);
    kinds.put("odd \"name\"", TableSql.ColumnKind.BOOLEAN);
    assertThat(sql.createTable("audience", kinds, List.of("id"))).isEqualTo(
        "CREATE TABLE IF NOT EXISTS \"AUDIENCE\" (\"ID\" VARCHAR NOT NULL, \"ORDERS\" NUMBER(38,0), "
            + "\"TRAITS\" VARIANT, \"ODD \"\"NAME\"\"\" BOOLEAN, PRIMARY KEY (\"ID\"))");
  }

  @Test
  void aStagedNewTableIsKeyedAndRenamedWithinItsSchema() {
    assertThat(sql.addPrimaryKey("crm.roundtrip_stage_vip", List.of("id")))
        .isEqualTo("ALTER TABLE \"CRM\".\"ROUNDTRIP_STAGE_VIP\" ADD PRIMARY KEY (\"ID\")");
    assertThat(sql.rename("crm.roundtrip_stage_vip", "crm.customers"))
        .isEqualTo("ALTER TABLE \"CRM\".\"ROUNDTRIP_STAGE_VIP\" RENAME TO \"CRM\".\"CUSTOMERS\"");
  }

  @Test
  void theSharedStageIsATransientTableWithTheSyncKeyColumn() {
    assertThat(sql.createSharedStage("crm.roundtrip_stage_vip", "crm.customers")).isEqualTo(
        "CREATE TRANSIENT TABLE \"CRM\".\"ROUNDTRIP_STAGE_VIP\" AS SELECT CAST(NULL AS VARCHAR) AS \"__ROUNDTRIP_KEY\", "
            + "t.* FROM \"CRM\".\"CUSTOMERS\" AS t LIMIT 0");
    assertThat(sql.missingKeys("crm.roundtrip_stage_vip", "crm.customers", List.of("id"))).isEqualTo(
        "SELECT s.\"__ROUNDTRIP_KEY\" FROM \"CRM\".\"ROUNDTRIP_STAGE_VIP\" AS s WHERE NOT EXISTS (SELECT 1 FROM "
            + "\"CRM\".\"CUSTOMERS\" AS t WHERE t.\"ID\" = s.\"ID\")");
  }

  @Test
  void namesFollowTheWarehousesRuleLowerCaseStoredUpperCaseOthersKept() {
    assertThat(sql.qualified("crm.customers")).isEqualTo("\"CRM\".\"CUSTOMERS\"");
    assertThat(sql.qualified("crm.MixedCase")).isEqualTo("\"CRM\".\"MixedCase\"");
    assertThat(sql.warehouseName("EMAIL")).isEqualTo("email");
    assertThat(sql.type(TableSql.ColumnKind.TIMESTAMP)).isEqualTo(SnowflakeDialect.INSTANCE.typeName(
        org.apache.spark.sql.types.DataTypes.TimestampType));
  }
}
