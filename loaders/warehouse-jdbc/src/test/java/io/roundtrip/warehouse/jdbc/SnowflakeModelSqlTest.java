package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.warehouse.SqlModelTarget.Kind;
import io.roundtrip.warehouse.TableId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SQL models' statements on Snowflake, against ones written out from dbt-snowflake's
 * materializations and Snowflake's SQL reference (CREATE OR REPLACE VIEW / TABLE ... COPY GRANTS AS,
 * TRANSIENT tables, ALTER TABLE ... ADD / DROP / RENAME COLUMN, MERGE). The flow that runs them is the
 * one {@link PostgresSqlModelTargetTest} runs on PostgreSQL.
 */
class SnowflakeModelSqlTest {

  private final SnowflakeDialect snowflake = SnowflakeDialect.INSTANCE;
  private final TableId model = new TableId("analytics", "totals");
  private final TableId scratch = new TableId("analytics", "totals__rt_tmp");

  @Test
  void aViewIsCreatedOrReplacedWhateverItsColumnsAndATableOfItsNameDroppedFirst() {
    assertThat(snowflake.replaceView(model, "select 1 as x;")).isEqualTo(
        "CREATE OR REPLACE VIEW \"ANALYTICS\".\"TOTALS\" AS (\nselect 1 as x\n)");
    assertThat(snowflake.viewReplaceKeepsColumns()).isFalse();
    assertThat(snowflake.dropRelation(model, Kind.TABLE)).isEqualTo("DROP TABLE IF EXISTS \"ANALYTICS\".\"TOTALS\"");
  }

  @Test
  void aTableIsOneCreateOrReplaceThatKeepsGrantsAfterAViewOfItsNameIsDropped() {
    assertThat(snowflake.replaceTable(model, scratch, "select 1 as x -- note", Optional.of(Kind.TABLE))).containsExactly(
        "CREATE OR REPLACE TABLE \"ANALYTICS\".\"TOTALS\" COPY GRANTS AS (\nselect 1 as x -- note\n)");
    assertThat(snowflake.replaceTable(model, scratch, "select 1 as x", Optional.of(Kind.VIEW))).containsExactly(
        "DROP VIEW IF EXISTS \"ANALYTICS\".\"TOTALS\"",
        "CREATE OR REPLACE TABLE \"ANALYTICS\".\"TOTALS\" COPY GRANTS AS (\nselect 1 as x\n)");
  }

  @Test
  void aSeedWrittenBesideTheTableReplacesItAndIsDropped() {
    assertThat(snowflake.swapIn(scratch, model, Optional.empty())).containsExactly(
        "CREATE OR REPLACE TABLE \"ANALYTICS\".\"TOTALS\" COPY GRANTS AS (\nSELECT * FROM \"ANALYTICS\".\"TOTALS__RT_TMP\"\n)",
        "DROP TABLE IF EXISTS \"ANALYTICS\".\"TOTALS__RT_TMP\"");
  }

  @Test
  void incrementalRowsAreStagedInATransientTableAndMergedByOneMerge() {
    assertThat(snowflake.createStageAs("s_1", "select 1 as id")).isEqualTo(
        "CREATE TRANSIENT TABLE \"_ROUNDTRIP_STAGING\".\"S_1\" AS (\nselect 1 as id\n)");
    assertThat(snowflake.upsert(model, List.of("id", "total"), List.of("id"), List.of("s_1"))).containsExactly(
        "MERGE INTO \"ANALYTICS\".\"TOTALS\" AS t USING (SELECT \"ID\", \"TOTAL\" FROM \"_ROUNDTRIP_STAGING\".\"S_1\") AS s"
            + " ON t.\"ID\" = s.\"ID\" WHEN MATCHED THEN UPDATE SET t.\"TOTAL\" = s.\"TOTAL\" WHEN NOT MATCHED THEN"
            + " INSERT (\"ID\", \"TOTAL\") VALUES (s.\"ID\", s.\"TOTAL\")");
    assertThat(snowflake.deleteRange(model, "ordered_at")).isEqualTo(
        "DELETE FROM \"ANALYTICS\".\"TOTALS\" WHERE \"ORDERED_AT\" >= ? AND \"ORDERED_AT\" < ?");
  }

  @Test
  void columnsAreAddedAndDroppedInOneStatementEachAndRetypedAsDbtsAlterColumnTypeDoes() {
    assertThat(snowflake.alterColumns(model, List.of(new SqlDialect.Declared("a", "VARCHAR"),
        new SqlDialect.Declared("b", "NUMBER(38,0)")), List.of("c"), List.of(new SqlDialect.Declared("d", "FLOAT"))))
        .containsExactly(
            "ALTER TABLE \"ANALYTICS\".\"TOTALS\" ADD COLUMN \"A\" VARCHAR, \"B\" NUMBER(38,0)",
            "ALTER TABLE \"ANALYTICS\".\"TOTALS\" DROP COLUMN \"C\"",
            "ALTER TABLE \"ANALYTICS\".\"TOTALS\" ADD COLUMN \"D__RT_ALTER\" FLOAT",
            "UPDATE \"ANALYTICS\".\"TOTALS\" SET \"D__RT_ALTER\" = CAST(\"D\" AS FLOAT)",
            "ALTER TABLE \"ANALYTICS\".\"TOTALS\" DROP COLUMN \"D\"",
            "ALTER TABLE \"ANALYTICS\".\"TOTALS\" RENAME COLUMN \"D__RT_ALTER\" TO \"D\"");
    assertThat(snowflake.alterColumns(model, List.of(), List.of(), List.of())).isEmpty();
  }

  @Test
  void columnTypesComeFromInformationSchemaWithNumbersPrecisionAndSessionsRunInUtc() {
    assertThat(snowflake.declaredColumnsQuery()).isEqualTo("SELECT column_name, CASE WHEN data_type = 'NUMBER' THEN"
        + " 'NUMBER(' || numeric_precision || ',' || numeric_scale || ')' ELSE data_type END FROM"
        + " information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position");
    assertThat(snowflake.sessionInit()).isEqualTo("ALTER SESSION SET TIMEZONE = 'UTC'");
  }
}
