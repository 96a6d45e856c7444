package io.roundtrip.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.warehouse.TableId;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Snowflake cannot be reached from here: its statements are checked against the ones written out
 * by hand from Snowflake's SQL reference (MERGE, CREATE TABLE ... AS SELECT, ALTER TABLE ... ADD
 * COLUMN, TRANSIENT tables, information_schema). The dialect-neutral paths they take (staging,
 * stamps, upsert, overwrite) run against PostgreSQL in the other tests.
 */
class SnowflakeDialectTest {

  private final SnowflakeDialect snowflake = SnowflakeDialect.INSTANCE;
  private final TableId orders = new TableId("web", "order_completed");
  private final StructType schema = new StructType().add("id", DataTypes.StringType).add("revenue", DataTypes.LongType)
      .add("received_at", DataTypes.TimestampType);

  @Test
  void lowerCaseNamesAreStoredUpperCaseAsUnquotedOnesAreAndOthersKeepTheirCase() {
    assertThat(snowflake.quote("web")).isEqualTo("\"WEB\"");
    assertThat(snowflake.quote("Mixed Case")).isEqualTo("\"Mixed Case\"");
    assertThat(snowflake.quote("we\"ird")).isEqualTo("\"WE\"\"IRD\"");
    assertThat(snowflake.warehouseName("ORDER_COMPLETED")).isEqualTo("order_completed");
    assertThat(snowflake.warehouseName("Mixed Case")).isEqualTo("Mixed Case");
    assertThat(snowflake.table(orders)).isEqualTo("\"WEB\".\"ORDER_COMPLETED\"");
  }

  @Test
  void namesBeyond255BytesOrHoldingNulAreRefusedNotCut() {
    assertThat(snowflake.quote("a".repeat(255))).hasSize(257);
    assertThatThrownBy(() -> snowflake.quote("a".repeat(256)))
        .hasMessage("Cannot use the name \"" + "a".repeat(256) + "\" on snowflake: names are 1 to 255 bytes long");
    assertThatThrownBy(() -> snowflake.quote("a\0b")).hasMessage("Cannot use a name holding a NUL character on snowflake");
  }

  @Test
  void columnTypesAreSnowflakesAndComeBackAsTheSparkTypesTheyWereMadeFrom() {
    assertThat(snowflake.createTable(orders, schema)).isEqualTo(
        "CREATE TABLE \"WEB\".\"ORDER_COMPLETED\" (\"ID\" VARCHAR, \"REVENUE\" NUMBER(38,0), \"RECEIVED_AT\" TIMESTAMP_TZ)");
    assertThat(snowflake.typeName(DataTypes.DoubleType)).isEqualTo("FLOAT");
    assertThat(snowflake.typeName(DataTypes.BooleanType)).isEqualTo("BOOLEAN");
    assertThat(snowflake.typeName(DataTypes.createArrayType(DataTypes.StringType))).isEqualTo("VARCHAR");
    assertThat(snowflake.sparkType("NUMBER", 38, 0)).hasValue(DataTypes.LongType);
    assertThat(snowflake.sparkType("NUMBER", 10, 2)).hasValue(DataTypes.createDecimalType(10, 2));
    assertThat(snowflake.sparkType("FLOAT", 0, 0)).hasValue(DataTypes.DoubleType);
    assertThat(snowflake.sparkType("TEXT", 0, 0)).hasValue(DataTypes.StringType);
    assertThat(snowflake.sparkType("TIMESTAMP_TZ", 0, 0)).hasValue(DataTypes.TimestampType);
    assertThat(snowflake.sparkType("VARIANT", 0, 0)).isEmpty();
    assertThatThrownBy(() -> snowflake.typeName(DataTypes.createDecimalType(10, 2)))
        .hasMessage("The snowflake warehouse cannot store decimal(10,2) columns; cast them to string, bigint or double first");
  }

  @Test
  void columnsAreAddedInOneAlterAndWideningRewritesTheTableInItsColumnOrderKeepingGrants() {
    assertThat(snowflake.addColumns(orders, List.of(new StructField("coupon", DataTypes.StringType, true, Metadata.empty()),
        new StructField("gift", DataTypes.BooleanType, true, Metadata.empty())))).isEqualTo(
        "ALTER TABLE \"WEB\".\"ORDER_COMPLETED\" ADD COLUMN IF NOT EXISTS \"COUPON\" VARCHAR, \"GIFT\" BOOLEAN");
    StructType widened = new StructType().add("id", DataTypes.StringType).add("revenue", DataTypes.DoubleType)
        .add("received_at", DataTypes.TimestampType);
    assertThat(snowflake.widenColumns(orders, schema, widened, List.of("revenue"))).containsExactly(
        "CREATE OR REPLACE TABLE \"WEB\".\"ORDER_COMPLETED\" COPY GRANTS AS SELECT \"ID\", CAST(\"REVENUE\" AS FLOAT)"
            + " AS \"REVENUE\", \"RECEIVED_AT\" FROM \"WEB\".\"ORDER_COMPLETED\"");
    assertThat(snowflake.loaderIndexes(orders, schema)).isEmpty();
  }

  @Test
  void stagedRowsGoToTransientTablesAndNewIdsInByMerge() {
    assertThat(snowflake.createStage("s_20260101000000_0123456789abcdef", schema)).isEqualTo(
        "CREATE TRANSIENT TABLE \"_ROUNDTRIP_STAGING\".\"S_20260101000000_0123456789ABCDEF\" (\"ID\" VARCHAR,"
            + " \"REVENUE\" NUMBER(38,0), \"RECEIVED_AT\" TIMESTAMP_TZ)");
    assertThat(snowflake.insertStaged(orders, List.of("id", "revenue"), List.of("s_1", "s_2"), true)).isEqualTo(
        "MERGE INTO \"WEB\".\"ORDER_COMPLETED\" AS t USING (SELECT \"ID\", \"REVENUE\" FROM \"_ROUNDTRIP_STAGING\".\"S_1\""
            + " UNION ALL SELECT \"ID\", \"REVENUE\" FROM \"_ROUNDTRIP_STAGING\".\"S_2\") AS s ON t.\"ID\" = s.\"ID\""
            + " WHEN NOT MATCHED THEN INSERT (\"ID\", \"REVENUE\") VALUES (s.\"ID\", s.\"REVENUE\")");
    assertThat(snowflake.insertStaged(orders, List.of("id", "revenue"), List.of("s_1"), false)).isEqualTo(
        "INSERT INTO \"WEB\".\"ORDER_COMPLETED\" (\"ID\", \"REVENUE\") SELECT \"ID\", \"REVENUE\" FROM"
            + " \"_ROUNDTRIP_STAGING\".\"S_1\"");
    assertThat(snowflake.stagesQuery())
        .isEqualTo("SELECT table_name FROM information_schema.tables WHERE table_schema = '_ROUNDTRIP_STAGING'");
  }

  @Test
  void theStampIsClaimedByOneMergeThatTouchesNoRowWhenTheTableHasItOrALaterOne() {
    assertThat(snowflake.createStamps()).isEqualTo("CREATE TABLE IF NOT EXISTS \"_ROUNDTRIP\".\"COMMIT_STAMPS\""
        + " (\"TABLE_NAMESPACE\" VARCHAR NOT NULL, \"TABLE_NAME\" VARCHAR NOT NULL, \"APP_ID\" VARCHAR NOT NULL,"
        + " \"VERSION\" NUMBER(38,0) NOT NULL, \"COMMITTED_AT\" TIMESTAMP_TZ NOT NULL,"
        + " PRIMARY KEY (\"TABLE_NAMESPACE\", \"TABLE_NAME\", \"APP_ID\"))");
    assertThat(snowflake.claimStamp()).isEqualTo("MERGE INTO \"_ROUNDTRIP\".\"COMMIT_STAMPS\" AS s USING"
        + " (SELECT ? AS ns, ? AS tn, ? AS app, ? AS v) AS n ON s.\"TABLE_NAMESPACE\" = n.ns AND s.\"TABLE_NAME\" = n.tn"
        + " AND s.\"APP_ID\" = n.app WHEN MATCHED AND s.\"VERSION\" < n.v THEN UPDATE SET \"VERSION\" = n.v,"
        + " \"COMMITTED_AT\" = CURRENT_TIMESTAMP() WHEN NOT MATCHED THEN INSERT (\"TABLE_NAMESPACE\", \"TABLE_NAME\","
        + " \"APP_ID\", \"VERSION\", \"COMMITTED_AT\") VALUES (n.ns, n.tn, n.app, n.v, CURRENT_TIMESTAMP())");
    assertThat(snowflake.forgetStamps())
        .isEqualTo("DELETE FROM \"_ROUNDTRIP\".\"COMMIT_STAMPS\" WHERE \"TABLE_NAMESPACE\" = ? AND \"TABLE_NAME\" = ?");
  }

  @Test
  void theUsersUpsertIsOneMergeAndAnOverwriteOneCreateOrReplace() {
    assertThat(snowflake.upsert(new TableId("web", "users"), List.of("id", "plan", "received_at"), List.of("id"),
        List.of("s_1"))).containsExactly("MERGE INTO \"WEB\".\"USERS\" AS t USING (SELECT \"ID\", \"PLAN\", \"RECEIVED_AT\""
        + " FROM \"_ROUNDTRIP_STAGING\".\"S_1\") AS s ON t.\"ID\" = s.\"ID\" WHEN MATCHED THEN UPDATE SET"
        + " t.\"PLAN\" = s.\"PLAN\", t.\"RECEIVED_AT\" = s.\"RECEIVED_AT\" WHEN NOT MATCHED THEN INSERT"
        + " (\"ID\", \"PLAN\", \"RECEIVED_AT\") VALUES (s.\"ID\", s.\"PLAN\", s.\"RECEIVED_AT\")");
    assertThat(snowflake.overwrite(orders, schema, List.of("s_1"), false)).containsExactly(
        "CREATE OR REPLACE TABLE \"WEB\".\"ORDER_COMPLETED\" (\"ID\" VARCHAR, \"REVENUE\" NUMBER(38,0), \"RECEIVED_AT\""
            + " TIMESTAMP_TZ) COPY GRANTS AS SELECT \"ID\", \"REVENUE\", \"RECEIVED_AT\" FROM \"_ROUNDTRIP_STAGING\".\"S_1\"");
    assertThat(snowflake.overwrite(orders, schema, List.of(), true)).containsExactly(
        "CREATE OR REPLACE TABLE \"WEB\".\"ORDER_COMPLETED\" (\"ID\" VARCHAR, \"REVENUE\" NUMBER(38,0), \"RECEIVED_AT\""
            + " TIMESTAMP_TZ) COPY GRANTS");
  }

  @Test
  void theCatalogIsReadFromInformationSchemaWithoutTheStagingSchema() {
    assertThat(snowflake.columnsQuery()).isEqualTo("SELECT column_name, data_type, coalesce(numeric_precision, 0),"
        + " coalesce(numeric_scale, 0) FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
        + " ORDER BY ordinal_position");
    assertThat(snowflake.schemasQuery()).isEqualTo("SELECT DISTINCT table_schema FROM information_schema.tables WHERE"
        + " table_type = 'BASE TABLE' AND table_schema NOT IN ('INFORMATION_SCHEMA', '_ROUNDTRIP_STAGING')");
  }
}
