package io.roundtrip.models.costs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.loaders.testing.WarehouseFixture;
import io.roundtrip.models.ModelContext;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.WriteMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Costs kept in a warehouse table, for instance an ad platform's export loaded there. */
class CostsTableTest {

  @TempDir
  Path tmp;

  static final StructType SCHEMA = new StructType().add("Campaign", DataTypes.StringType)
      .add("source", DataTypes.StringType).add("medium", DataTypes.StringType).add("day", DataTypes.DateType)
      .add("spend", DataTypes.createDecimalType(10, 2)).add("clicks", DataTypes.LongType);

  ModelContext context(WarehouseFixture wh, List<Row> rows) {
    wh.warehouse().write(new TableId("marketing", "costs"), wh.spark().createDataFrame(rows, SCHEMA),
        WriteMode.overwrite());
    return new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models");
  }

  @Test
  void readsATableWithTheCostsColumnsByTheSameRules() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    ModelContext context = context(wh, List.of(
        RowFactory.create("spring", "google", "cpc", Date.valueOf("2026-01-01"), new BigDecimal("10.25"), 7L),
        RowFactory.create("spring", "google", "cpc", Date.valueOf("2026-01-02"), new BigDecimal("4.75"), 3L)));

    CampaignCosts costs = CostsSource.ofTable("marketing.costs").read(context);

    assertThat(costs.lines()).containsExactlyInAnyOrder(
        new CampaignCost("spring", "google", "cpc", LocalDate.parse("2026-01-01"), 10.25),
        new CampaignCost("spring", "google", "cpc", LocalDate.parse("2026-01-02"), 4.75));
    // 10.25 + 4.75
    assertThat(costs.spendBy(List.of(CampaignColumn.CAMPAIGN))).containsEntry(List.of("spring"), 15.0);
  }

  @Test
  void aBadRowIsNamedByItsValues() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    ModelContext context = context(wh, List.of(
        RowFactory.create("spring", "google", "cpc", Date.valueOf("2026-01-01"), new BigDecimal("-1.00"), 7L)));

    assertThatThrownBy(() -> CostsSource.ofTable("marketing.costs").read(context))
        .isInstanceOf(MalformedCostsException.class)
        .hasMessage("costs table marketing.costs: row (campaign spring, source google, medium cpc, day 2026-01-01): "
            + "field 'spend': negative: \"-1.00\"");
  }

  @Test
  void aMissingTableOrColumnIsNamed() {
    WarehouseFixture wh = new WarehouseFixture(tmp);
    ModelContext context = new ModelContext(wh.spark(), wh.warehouse(), "web", "web_models");
    assertThatThrownBy(() -> CostsSource.ofTable("marketing.nothing").read(context))
        .isInstanceOf(MalformedCostsException.class)
        .hasMessage("costs table marketing.nothing does not exist");

    wh.warehouse().write(new TableId("marketing", "partial"), wh.spark().createDataFrame(
        List.of(RowFactory.create("spring", 1.0)),
        new StructType().add("campaign", DataTypes.StringType).add("spend", DataTypes.DoubleType)), WriteMode.overwrite());
    assertThatThrownBy(() -> CostsSource.ofTable("marketing.partial").read(context))
        .isInstanceOf(MalformedCostsException.class)
        .hasMessage("costs table marketing.partial has no column source, medium, day; costs need "
            + "campaign,source,medium,day,spend");
  }
}
