package io.roundtrip.app.report;

import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.app.report.ReportQueries.EventTable;
import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.warehouse.TableId;
import io.roundtrip.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** What the sections read from: one source's tables, its model tables, the bookkeeping, the config. */
final class ReportInputs {

  private final RoundtripContext context;
  private final Warehouse warehouse;
  private final String source;
  private String moneyUnit;

  ReportInputs(RoundtripContext context, Warehouse warehouse, String source) {
    this.context = context;
    this.warehouse = warehouse;
    this.source = source;
  }

  String source() {
    return source;
  }

  RoundtripConfig config() {
    return context.config();
  }

  TableId sourceTable(String name) {
    return new TableId(source, name);
  }

  TableId modelTable(String name) {
    return new TableId(context.config().models().namespace(source), name);
  }

  boolean exists(TableId table) {
    return warehouse.schema(table).isPresent();
  }

  /** The first of {@code tables} that does not exist. */
  Optional<TableId> firstMissing(TableId... tables) {
    for (TableId table : tables) {
      if (!exists(table)) {
        return Optional.of(table);
      }
    }
    return Optional.empty();
  }

  /** Those of the source's {@code tables} that exist, with their columns. */
  List<EventTable> eventTables(Collection<String> tables) {
    List<EventTable> present = new ArrayList<>();
    for (String name : tables) {
      Optional<StructType> schema = warehouse.schema(sourceTable(name));
      schema.ifPresent(s -> present.add(new EventTable(sourceTable(name), Set.of(s.fieldNames()))));
    }
    return present;
  }

  List<Row> rows(String sql) {
    SparkSession spark = context.spark();
    return spark.sql(sql).collectAsList();
  }

  /**
   * What money is counted in: the currency of the purchase event when all its purchases share
   * one, else a description.
   */
  String moneyUnit() {
    if (moneyUnit == null) {
      moneyUnit = "purchase value";
      String event = context.config().models().ltv().options().purchaseEvent();
      Optional<TableId> purchases = context.names().eventTableName(event).map(this::sourceTable);
      if (purchases.isPresent() && warehouse.schema(purchases.get())
          .map(s -> List.of(s.fieldNames()).contains("currency")).orElse(false)) {
        List<Row> currencies = rows(ReportQueries.currencies(purchases.get()));
        if (currencies.size() == 1) {
          moneyUnit = currencies.get(0).getString(0);
        }
      }
    }
    return moneyUnit;
  }
}
