package io.roundtrip.models.costs;

import static org.apache.spark.sql.functions.col;

import io.roundtrip.models.ModelContext;
import io.roundtrip.warehouse.TableId;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where a funnel's campaign costs come from: a CSV file beside the configuration (see {@link
 * CostsCsv}), or a table of the warehouse with the same columns (for instance one an ad platform's
 * export is loaded into). Both are read when a model runs, and checked by the same rules.
 */
public sealed interface CostsSource extends Serializable permits CostsSource.File, CostsSource.Table {

  /** Reads and checks the costs. */
  CampaignCosts read(ModelContext context);

  /**
   * A CSV file.
   *
   * @param path as configured (relative paths are relative to the working directory)
   * @param sha256 the file's content digest when it was named: part of the settings a model run
   *     records, so a changed file is a changed setting and the models that use it run again
   */
  record File(String path, String sha256) implements CostsSource {
    @Override
    public CampaignCosts read(ModelContext context) {
      return CostsCsv.read(Path.of(path));
    }
  }

  /** A warehouse table with the columns {@link CostsCsv#COLUMNS}. */
  record Table(TableId table) implements CostsSource {
    @Override
    public CampaignCosts read(ModelContext context) {
      StructType schema = context.warehouse().schema(table).orElseThrow(() -> new MalformedCostsException(
          "costs table " + table + " does not exist"));
      Map<String, String> names = new TreeMap<>();
      for (StructField field : schema.fields()) {
        names.putIfAbsent(field.name().toLowerCase(Locale.ROOT), field.name());
      }
      List<String> missing = CostsCsv.COLUMNS.stream().filter(c -> !names.containsKey(c)).toList();
      if (!missing.isEmpty()) {
        throw new MalformedCostsException("costs table " + table + " has no column " + String.join(", ", missing)
            + "; costs need " + String.join(",", CostsCsv.COLUMNS));
      }
      Column[] columns = CostsCsv.COLUMNS.stream().map(c -> col("`" + names.get(c) + "`")).toArray(Column[]::new);
      // costs are a line per campaign and day: small enough to check on the driver
      List<Row> rows = context.warehouse().read(table).select(columns).collectAsList();
      CostRows checked = new CostRows("costs table " + table);
      for (Row r : rows) {
        String where = "costs table " + table + ": row (campaign " + r.get(0) + ", source " + r.get(1) + ", medium "
            + r.get(2) + ", day " + r.get(3) + ")";
        checked.add(where, r.get(0), r.get(1), r.get(2), r.get(3), r.get(4));
      }
      return checked.build();
    }
  }

  /** A file, with its digest taken now. */
  static File file(Path path) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return new File(path.toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(path))));
    } catch (NoSuchFileException e) {
      throw new MalformedCostsException("costs file not found: " + path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read costs file " + path + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A file named in the configuration. */
  static CostsSource ofFile(String path) {
    return file(Path.of(path));
  }

  /**
   * A table named as {@code namespace.table}.
   *
   * @throws IllegalArgumentException when the name has no namespace
   */
  static CostsSource ofTable(String name) {
    int dot = name.indexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      throw new IllegalArgumentException("costs table \"" + name + "\" is not <namespace>.<table>");
    }
    return new Table(new TableId(name.substring(0, dot), name.substring(dot + 1)));
  }
}
