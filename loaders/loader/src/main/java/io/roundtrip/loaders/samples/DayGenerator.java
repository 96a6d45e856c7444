package io.roundtrip.loaders.samples;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Generates and writes one UTC day of the archive. Everything random comes from the day's own
 * generator, seeded from (run seed, day index), and the shared inputs are read-only, so a day's
 * files are the same whichever thread runs it and whenever.
 */
final class DayGenerator implements Callable<DayGenerator.Result> {

  static final int MAX_LINES_PER_FILE = 10_000;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  /** Relative visits per local hour of the day: quiet nights, a lunch bump, a busy evening. */
  private static final double[] HOURLY = {0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1.0, 1.1, 1.1, 1.2,
      1.1, 1.0, 1.0, 1.0, 1.1, 1.3, 1.5, 1.5, 1.3, 0.9, 0.5};
  private static final double HOURLY_TOTAL = Arrays.stream(HOURLY).sum();

  record Result(long events, long duplicates, long badLines, int files, Map<String, Long> eventsByType) {}

  private final SampleOptions options;
  private final long seed;
  private final Catalog catalog;
  private final Population population;
  private final int day;
  private final long dayStart;
  private final int quota;
  private final Path dir;

  DayGenerator(SampleOptions options, long seed, Catalog catalog, Population population, int day, long dayStart,
      int quota, Path dir) {
    this.options = options;
    this.seed = seed;
    this.catalog = catalog;
    this.population = population;
    this.day = day;
    this.dayStart = dayStart;
    this.quota = quota;
    this.dir = dir;
  }

  @Override
  public Result call() throws IOException {
    Rng rng = new Rng(Rng.derive(seed, day));
    // Ten seconds of slack at the end of the day leave room for a retry received later that day.
    EventWriter events = new EventWriter(rng, quota, dayStart + DAY - 10_000);
    SessionWriter sessions = new SessionWriter(catalog, rng, events);
    if (options.eventTypes() > 0) {
      while (!events.full()) {
        UserProfile user = population.pick(rng, day);
        sessions.customEvent(user, dayStart + startOfVisit(rng, user), 1 + rng.nextInt(options.eventTypes()));
      }
    }
    for (Population.Scheduled call : population.scheduled(day)) {
      if (events.full()) {
        break;
      }
      sessions.scheduled(call);
    }
    for (int idle = 0; !events.full(); ) {
      int before = events.count();
      UserProfile user = population.pick(rng, day);
      sessions.browse(user, dayStart + startOfVisit(rng, user));
      idle = events.count() == before ? idle + 1 : 0;
      if (idle > 100_000) {
        throw new IllegalStateException("Day " + day + " stopped producing events at " + before + " of " + quota);
      }
    }

    List<Line> valid = events.lines();
    List<Line> lines = new ArrayList<>(valid.size() + valid.size() / 50 + 16);
    lines.addAll(valid);
    long duplicates = 0;
    long bad = 0;
    for (Line event : valid) {
      if (rng.chance(options.duplicateRate())) {
        lines.add(retry(rng, event, lines.size()));
        duplicates++;
      }
      if (rng.chance(options.badLineRate())) {
        lines.add(BadLines.from(rng, event, lines.size()));
        bad++;
      }
    }
    lines.sort(Comparator.comparingLong(Line::receivedAt).thenComparingInt(Line::seq));
    int files = write(rng, lines);
    return new Result(valid.size(), duplicates, bad, files, events.countsByType());
  }

  /** Millis into the UTC day, following the person's local day rhythm. */
  private static long startOfVisit(Rng rng, UserProfile user) {
    double target = rng.nextDouble() * HOURLY_TOTAL;
    int hour = 0;
    while (hour < 23 && (target -= HOURLY[hour]) >= 0) {
      hour++;
    }
    long local = hour * HOUR + (long) (rng.nextDouble() * HOUR);
    return Math.floorMod(local - user.place().utcOffsetHours() * HOUR, DAY);
  }

  /**
   * The client sending the same event again after a lost acknowledgement: same messageId and
   * payload, a later sentAt and receivedAt (shifted alike, so the corrected timestamp is
   * unchanged). Mostly seconds later, sometimes hours; never past the end of the day.
   */
  private Line retry(Rng rng, Line event, int seq) {
    long delay = rng.chance(0.7) ? rng.between(1000, 60_000)
        : Math.round(60_000 * Math.exp(rng.nextDouble() * Math.log(360)));
    long received = Math.min(event.receivedAt() + delay, dayStart + DAY - 1);
    long sent = event.sentAt() + (received - event.receivedAt());
    char[] text = event.text().toCharArray();
    IsoTime.write(received, text, event.receivedAtAt());
    IsoTime.write(sent, text, event.sentAtAt());
    return new Line(received, sent, seq, new String(text), event.messageIdAt(), event.receivedAtAt(),
        event.sentAtAt(), event.typeAt());
  }

  private int write(Rng rng, List<Line> lines) throws IOException {
    if (lines.isEmpty()) {
      return 0;
    }
    Files.createDirectories(dir);
    int files = 0;
    for (int from = 0; from < lines.size(); from += MAX_LINES_PER_FILE) {
      List<Line> chunk = lines.subList(from, Math.min(lines.size(), from + MAX_LINES_PER_FILE));
      Path file = dir.resolve(chunk.get(0).receivedAt() + "." + rng.hex(8) + ".gz");
      try (Writer out = new BufferedWriter(new OutputStreamWriter(gzip(file), StandardCharsets.UTF_8), 1 << 16)) {
        for (Line line : chunk) {
          out.write(line.text());
          out.write('\n');
        }
      }
      files++;
    }
    return files;
  }

  private static OutputStream gzip(Path file) throws IOException {
    // Speed over size: a million events would otherwise spend most of their time in deflate.
    return new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }
}
