package io.roundtrip.loaders.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes a realistic, deterministic Segment S3 archive: a shop's web and app users over some days,
 * with anonymous visits before sign-up, e-commerce funnels, profile and company changes, client
 * retries and a sprinkling of broken lines.
 *
 * <p>Layout, as Segment writes it: {@code segment-logs/<sourceId>/<day start, epoch millis>/
 * <first receivedAt, epoch millis>.<8 hex>.gz}, gzipped NDJSON sorted by receivedAt, at most
 * {@value DayGenerator#MAX_LINES_PER_FILE} lines a file. A day with no events gets no folder.
 *
 * <p>Days are generated in parallel; the people, their identify times and the catalog are fixed
 * from the seed first, and each day draws from its own generator, so the output does not depend on
 * scheduling. The catalog depends on the seed only; people and events on all options but the
 * rates, which only add lines (see {@link #runSeed}).
 */
public final class SampleArchiveGenerator {

  /** The site of the generated referral links: {@code https://<domain>/<tracking-id>/<share-code>}. */
  public static final String REFERRAL_DOMAIN = Catalog.REFERRAL_SITE.replaceFirst("^https?://", "");

  /** The tracking ids the generated referral links use. */
  public static final java.util.List<String> REFERRAL_TRACKING_IDS = Catalog.REFERRAL_TRACKING_IDS;

  /** Days held in memory at once are this many at most, whatever the machine. */
  private static final int MAX_THREADS = 4;

  private final SampleOptions options;

  public SampleArchiveGenerator(SampleOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must be set");
    }
    this.options = options;
  }

  /**
   * Writes the archive under outDir and returns what was written.
   *
   * @throws FileAlreadyExistsException if {@code outDir/segment-logs/<sourceId>} exists and is not
   *     empty: files of an earlier run would mix with this one's
   */
  public SampleSummary generate(Path outDir) throws IOException {
    Path root = outDir.resolve("segment-logs").resolve(options.sourceId());
    if (Files.isDirectory(root)) {
      try (Stream<Path> entries = Files.list(root)) {
        if (entries.findAny().isPresent()) {
          throw new FileAlreadyExistsException(root.toString(), null, "already holds an archive");
        }
      }
    }
    return generate(root, 0, options.days());
  }

  /**
   * Writes the days {@code [fromDay, toDay)} (0 is the start day) of the archive these options
   * describe, leaving out those whose folder holds files already: the days are those {@link
   * #generate} writes, so an archive can grow a day at a time, as a real one does each night, and
   * writing a day again changes nothing. Returns what was written.
   */
  public SampleSummary generateDays(Path outDir, int fromDay, int toDay) throws IOException {
    if (fromDay < 0 || toDay > options.days() || fromDay > toDay) {
      throw new IllegalArgumentException("days [" + fromDay + ", " + toDay + ") are not within the archive's "
          + options.days() + " days");
    }
    return generate(outDir.resolve("segment-logs").resolve(options.sourceId()), fromDay, toDay);
  }

  private SampleSummary generate(Path root, int fromDay, int toDay) throws IOException {
    int days = options.days();
    long[] dayStarts = new long[days];
    for (int d = 0; d < days; d++) {
      dayStarts[d] = options.startDay().plusDays(d).toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC)
          * 1000;
    }
    int[] quotas = quotas(options, dayStarts);
    // One shop: the catalog depends on the seed alone.
    Catalog catalog = new Catalog(new Rng(Rng.derive(options.seed(), -2)));
    long runSeed = runSeed(options);
    Population population = new Population(options.users(), runSeed, dayStarts);

    int threads = Math.max(1, Math.min(days, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors())));
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "sample-archive-day");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<DayGenerator.Result>> results = new ArrayList<>(days);
      for (int d = fromDay; d < toDay; d++) {
        Path dayDir = root.resolve(Long.toString(dayStarts[d]));
        if (!holdsFiles(dayDir)) {
          results.add(pool.submit(new DayGenerator(options, runSeed, catalog, population, d, dayStarts[d], quotas[d],
              dayDir)));
        }
      }
      long events = 0;
      long duplicates = 0;
      long bad = 0;
      int files = 0;
      Map<String, Long> byType = new TreeMap<>();
      for (Future<DayGenerator.Result> future : results) {
        DayGenerator.Result day = await(future);
        events += day.events();
        duplicates += day.duplicates();
        bad += day.badLines();
        files += day.files();
        day.eventsByType().forEach((type, n) -> byType.merge(type, n, Long::sum));
      }
      return new SampleSummary(events, duplicates, bad, files, byType);
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean holdsFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }

  /**
   * The seed of the people and their events. Mixing in the other options (all but the rates, which
   * only add extra lines) keeps two sources, or two sizes, generated with the same seed from sharing
   * messageIds and anonymousIds, as real sources never do.
   */
  static long runSeed(SampleOptions options) {
    long seed = Rng.derive(options.seed(), options.events());
    seed = Rng.derive(seed, options.users());
    seed = Rng.derive(seed, options.days());
    seed = Rng.derive(seed, options.startDay().toEpochDay());
    return Rng.derive(seed, options.sourceId().hashCode());
  }

  private static DayGenerator.Result await(Future<DayGenerator.Result> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while generating the archive", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Splits the events over the days so they add up exactly: quieter weekends, slow growth over
   * the period and some day-to-day noise, rounded by largest remainder.
   */
  static int[] quotas(SampleOptions options, long[] dayStarts) {
    int days = dayStarts.length;
    Rng rng = new Rng(Rng.derive(options.seed(), -3));
    double[] weights = new double[days];
    double total = 0;
    for (int d = 0; d < days; d++) {
      DayOfWeek weekday = options.startDay().plusDays(d).getDayOfWeek();
      double week = weekday == DayOfWeek.SATURDAY ? 0.8 : weekday == DayOfWeek.SUNDAY ? 0.85 : 1.0;
      weights[d] = week * (1 + 0.2 * d / Math.max(1, days - 1)) * (0.9 + 0.2 * rng.nextDouble());
      total += weights[d];
    }
    int[] quotas = new int[days];
    double[] remainders = new double[days];
    long assigned = 0;
    for (int d = 0; d < days; d++) {
      double exact = options.events() * weights[d] / total;
      quotas[d] = (int) Math.floor(exact);
      remainders[d] = exact - quotas[d];
      assigned += quotas[d];
    }
    for (long left = options.events() - assigned; left > 0; left--) {
      int best = 0;
      for (int d = 1; d < days; d++) {
        if (remainders[d] > remainders[best]) {
          best = d;
        }
      }
      quotas[best]++;
      remainders[best] = -1;
    }
    return quotas;
  }
}
