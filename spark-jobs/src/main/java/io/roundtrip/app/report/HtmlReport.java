package io.roundtrip.app.report;

import io.roundtrip.app.runtime.RoundtripContext;
import io.roundtrip.warehouse.SqlCatalog;
import io.roundtrip.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;

/**
 * The report on one source, written as one HTML file that needs no network to view. Its sections,
 * in order: load history, each configured funnel, lifetime value, attribution, referral channels,
 * daily active users, syncs. Each runs the SQL in {@link ReportQueries} over the warehouse; a
 * section whose tables are missing says which and what to run, and the others are still drawn.
 */
public final class HtmlReport {

  /**
   * What was written.
   *
   * @param unavailable the titles of the sections whose tables are missing
   */
  public record Summary(Path file, String source, int sections, int charts, List<String> unavailable) {}

  private final RoundtripContext context;
  /** Registering costs a catalog entry and a Delta log read per table: once per report is enough. */
  private boolean registered;

  public HtmlReport(RoundtripContext context) {
    this.context = context;
  }

  /** The source to report on when none is named: the only one loaded into the warehouse. */
  public String defaultSource() {
    List<String> sources = loadedSources(context.warehouse());
    if (sources.size() == 1) {
      return sources.get(0);
    }
    throw new IllegalArgumentException(sources.isEmpty()
        ? "Nothing has been loaded into the warehouse in " + context.config().warehouse().path() + " yet: run "
            + "roundtrip load --source NAME --input DIR (or roundtrip demo), or point --warehouse at another one"
        : "The warehouse has several sources (" + String.join(", ", sources) + "): name one with --source NAME");
  }

  /**
   * Reads every section and writes the page to {@code file} (replacing it in one move, so a
   * reader never sees half a file).
   *
   * @param progress told the title of each section as it starts
   */
  public Summary write(String source, Path file, Consumer<String> progress) {
    Warehouse warehouse = context.warehouse();
    if (warehouse.tables(source).isEmpty()) {
      List<String> sources = loadedSources(warehouse);
      throw new IllegalArgumentException("The warehouse in " + context.config().warehouse().path()
          + " has no tables of source \"" + source + "\"" + (sources.isEmpty() ? "; nothing has been loaded yet"
          : "; its sources: " + String.join(", ", sources)));
    }
    registerTables(warehouse);
    ReportInputs in = new ReportInputs(context, warehouse, source);
    List<Section> sections = new ArrayList<>();
    for (SectionReader reader : readers()) {
      progress.accept(reader.title());
      sections.add(reader.read(in));
    }
    String html = HtmlPage.render(source, context.config().warehouse().path(), Instant.now(), sections);
    writeAtomically(file, html);
    return new Summary(file, source, sections.size(), sections.stream().mapToInt(s -> s.charts().size()).sum(),
        sections.stream().filter(s -> !s.available()).map(Section::title).toList());
  }

  private List<SectionReader> readers() {
    List<SectionReader> readers = new ArrayList<>();
    readers.add(new LoadHistorySection());
    context.config().models().funnelDefinitions().forEach(funnel -> readers.add(new FunnelSection(funnel)));
    readers.add(new LtvSection());
    readers.add(new AttributionSection());
    readers.add(new ReferralSection());
    readers.add(new ActivitySection());
    readers.add(new SyncSection());
    return readers;
  }

  private List<String> loadedSources(Warehouse warehouse) {
    if (warehouse.schema(LoadHistorySection.LOADS).isEmpty()) {
      return List.of();
    }
    registerTables(warehouse);
    return context.spark().sql(ReportQueries.sources(LoadHistorySection.LOADS)).collectAsList().stream()
        .map((Row row) -> row.getString(0)).toList();
  }

  private void registerTables(Warehouse warehouse) {
    if (!registered) {
      warehouse.ability(SqlCatalog.class).ifPresent(SqlCatalog::registerTables);
      registered = true;
    }
  }

  private static void writeAtomically(Path file, String html) {
    try {
      Path target = file.toAbsolutePath();
      Files.createDirectories(target.getParent());
      // not Files.createTempFile: its file is readable by the owner only, and the move would keep that
      Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        Files.writeString(temporary, html, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the report to " + file + ": " + e.getMessage(), e);
    }
  }
}
