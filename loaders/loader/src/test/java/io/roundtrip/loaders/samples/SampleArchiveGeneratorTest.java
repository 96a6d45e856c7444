package io.roundtrip.loaders.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleArchiveGeneratorTest {

  private static final long EVENTS = 3_000;
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final SampleOptions OPTIONS =
      new SampleOptions(EVENTS, 50, 3, 7, 0.05, 0.02, START, "js-web", 0);
  private static final Set<String> TYPES = Set.of("track", "page", "screen", "identify", "group", "alias");
  private static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  private static final Pattern FILE_NAME = Pattern.compile("(\\d+)\\.[0-9a-f]{8}\\.gz");

  private final ObjectMapper json = new ObjectMapper();

  /** Shared by all tests (static so it exists before {@link #generateOnce}); each test uses its own subfolder. */
  @TempDir
  static Path tmp;

  private SampleSummary summary;
  private List<ArchiveLine> lines;

  /** How a test reads one line: which kind it is, and the event if it parsed as an object. */
  enum Kind { VALID, TRUNCATED, GARBAGE, ARRAY, NO_RECEIVED_AT, UNKNOWN_TYPE, BAD_RECEIVED_AT }

  record ArchiveLine(Path file, int number, String text, Kind kind, ObjectNode event) {

    String messageId() {
      return event.path("messageId").asText(null);
    }

    long receivedAt() {
      return Instant.parse(event.get("receivedAt").asText()).toEpochMilli();
    }
  }

  @BeforeAll
  void generateOnce() throws IOException {
    Path out = tmp.resolve("shared");
    summary = new SampleArchiveGenerator(OPTIONS).generate(out);
    lines = read(out);
  }

  @Test
  void sameOptionsWriteByteIdenticalArchivesAndAnotherSeedDoesNot() throws IOException {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    Path otherSeed = tmp.resolve("other-seed");
    new SampleArchiveGenerator(OPTIONS).generate(first);
    new SampleArchiveGenerator(OPTIONS).generate(second);
    new SampleArchiveGenerator(new SampleOptions(EVENTS, 50, 3, 8, 0.05, 0.02, START, "js-web", 0)).generate(otherSeed);

    Map<String, byte[]> a = contents(first);
    Map<String, byte[]> b = contents(second);
    assertThat(a).isNotEmpty();
    assertThat(b.keySet()).isEqualTo(a.keySet());
    a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));

    Map<String, byte[]> c = contents(otherSeed);
    boolean same = c.keySet().equals(a.keySet())
        && a.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), c.get(e.getKey())));
    assertThat(same).as("an archive from another seed is identical").isFalse();
  }

  @Test
  void anArchiveGrownADayAtATimeIsTheArchiveWrittenAtOnceAndADayWrittenAgainChangesNothing() throws IOException {
    Path whole = tmp.resolve("whole");
    Path grown = tmp.resolve("grown");
    new SampleArchiveGenerator(OPTIONS).generate(whole);
    SampleArchiveGenerator generator = new SampleArchiveGenerator(OPTIONS);
    SampleSummary firstDays = generator.generateDays(grown, 0, 2);
    Map<String, byte[]> afterTwoDays = contents(grown);
    SampleSummary lastDay = generator.generateDays(grown, 2, 3);
    SampleSummary again = generator.generateDays(grown, 0, 3);

    Map<String, byte[]> a = contents(whole);
    Map<String, byte[]> b = contents(grown);
    assertThat(b.keySet()).isEqualTo(a.keySet());
    a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
    assertThat(afterTwoDays.keySet()).hasSizeLessThan(a.size())
        .noneMatch(name -> name.contains(dayMillis(2)));
    assertThat(firstDays.events() + lastDay.events()).isEqualTo(EVENTS);
    assertThat(again.events()).isZero();
    assertThat(again.files()).isZero();
  }

  @Test
  void anotherSourceWithTheSameSeedSharesNoIds() throws IOException {
    Path out = tmp.resolve("other-source");
    new SampleArchiveGenerator(new SampleOptions(EVENTS, 50, 3, 7, 0.05, 0.02, START, "ios", 0)).generate(out);
    Set<String> ids = new HashSet<>();
    Set<String> anonymousIds = new HashSet<>();
    valid().forEach(e -> {
      ids.add(e.get("messageId").asText());
      anonymousIds.add(e.get("anonymousId").asText());
    });
    assertThat(read(out)).filteredOn(l -> l.kind() == Kind.VALID).isNotEmpty().allSatisfy(l -> {
      assertThat(ids).doesNotContain(l.messageId());
      assertThat(anonymousIds).doesNotContain(l.event().get("anonymousId").asText());
    });
  }

  @Test
  void writesExactlyTheRequestedNumberOfDistinctValidEvents() {
    List<ArchiveLine> valid = lines.stream().filter(l -> l.kind() == Kind.VALID).toList();
    Set<String> ids = valid.stream().map(ArchiveLine::messageId).collect(Collectors.toSet());
    assertThat(ids).hasSize((int) EVENTS);
    assertThat(summary.events()).isEqualTo(EVENTS);
    assertThat(summary.eventsByType().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(EVENTS);

    Map<String, Long> byType = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (ArchiveLine line : valid) {
      if (seen.add(line.messageId())) {
        byType.merge(line.event().get("type").asText(), 1L, Long::sum);
      }
    }
    assertThat(summary.eventsByType()).isEqualTo(byType);
  }

  @Test
  void duplicatesAreLaterRetriesOfAnEventWithTheSamePayload() {
    Map<String, ArchiveLine> firstById = new HashMap<>();
    List<ArchiveLine> duplicates = new ArrayList<>();
    lines.stream().filter(l -> l.kind() == Kind.VALID)
        .sorted((x, y) -> Long.compare(x.receivedAt(), y.receivedAt()))
        .forEach(l -> {
          if (firstById.putIfAbsent(l.messageId(), l) != null) {
            duplicates.add(l);
          }
        });
    assertThat(duplicates).hasSize((int) summary.duplicates());
    // Expected 5% of 3,000 = 150.
    assertThat(summary.duplicates()).isBetween(90L, 220L);

    for (ArchiveLine copy : duplicates) {
      ArchiveLine original = firstById.get(copy.messageId());
      long delay = copy.receivedAt() - original.receivedAt();
      assertThat(delay).as(copy.text()).isPositive().isLessThanOrEqualTo(6 * 3_600_000L);
      assertThat(millis(copy.event(), "sentAt") - millis(original.event(), "sentAt")).isEqualTo(delay);
      assertThat(withoutDelivery(copy.event())).isEqualTo(withoutDelivery(original.event()));
      assertThat(copy.file().getParent()).as("a retry stays in its day").isEqualTo(original.file().getParent());
    }
  }

  @Test
  void badLinesAreCountedAndEachIsBrokenInOneOfTheKnownWays() {
    List<ArchiveLine> bad = lines.stream().filter(l -> l.kind() != Kind.VALID).toList();
    assertThat(bad).hasSize((int) summary.badLines());
    // Expected 2% of 3,000 = 60.
    assertThat(summary.badLines()).isBetween(25L, 110L);
    Set<Kind> kinds = bad.stream().map(ArchiveLine::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class)));
    assertThat(kinds).containsExactlyInAnyOrder(Kind.TRUNCATED, Kind.GARBAGE, Kind.ARRAY, Kind.NO_RECEIVED_AT,
        Kind.UNKNOWN_TYPE, Kind.BAD_RECEIVED_AT);

    Set<String> validIds = lines.stream().filter(l -> l.kind() == Kind.VALID).map(ArchiveLine::messageId)
        .collect(Collectors.toSet());
    for (ArchiveLine line : bad) {
      if (line.kind() == Kind.UNKNOWN_TYPE || line.kind() == Kind.BAD_RECEIVED_AT
          || line.kind() == Kind.NO_RECEIVED_AT) {
        assertThat(validIds).as("a broken event reuses a valid messageId").doesNotContain(line.messageId());
      }
    }
  }

  @Test
  void layoutIsOneFolderPerUtcDayWithSortedGzipFiles() throws IOException {
    Path root = tmp.resolve("shared/segment-logs/js-web");
    List<String> folders;
    try (Stream<Path> days = Files.list(root)) {
      folders = days.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(folders).containsExactly(dayMillis(0), dayMillis(1), dayMillis(2));

    Map<Path, List<ArchiveLine>> byFile = lines.stream()
        .collect(Collectors.groupingBy(ArchiveLine::file, TreeMap::new, Collectors.toList()));
    assertThat(byFile).hasSize(summary.files());
    byFile.forEach((file, fileLines) -> {
      Matcher name = FILE_NAME.matcher(file.getFileName().toString());
      assertThat(name.matches()).as(file.toString()).isTrue();
      assertThat(fileLines).hasSizeLessThanOrEqualTo(10_000);
      long dayStart = Long.parseLong(file.getParent().getFileName().toString());
      List<Long> received = fileLines.stream().filter(SampleArchiveGeneratorTest::hasReceivedAt)
          .map(ArchiveLine::receivedAt).toList();
      assertThat(received).as(file.toString()).isSorted();
      assertThat(received).allSatisfy(t -> assertThat(t).isBetween(dayStart, dayStart + 86_400_000L - 1));
      if (hasReceivedAt(fileLines.get(0))) {
        assertThat(Long.parseLong(name.group(1))).isEqualTo(fileLines.get(0).receivedAt());
      }
    });
  }

  @Test
  void splitsABusyDayIntoFilesOfAtMostTenThousandLinesInReceivedAtOrder() throws IOException {
    Path out = tmp.resolve("busy");
    SampleSummary busy = new SampleArchiveGenerator(
        new SampleOptions(25_000, 500, 1, 3, 0.01, 0.001, START, "ios", 0)).generate(out);
    List<ArchiveLine> all = read(out);
    Map<Path, List<ArchiveLine>> byFile = all.stream()
        .collect(Collectors.groupingBy(ArchiveLine::file, TreeMap::new, Collectors.toList()));
    assertThat(busy.files()).isEqualTo(3);
    assertThat(byFile).hasSize(3);
    assertThat(byFile.values()).allSatisfy(f -> assertThat(f).hasSizeLessThanOrEqualTo(10_000));
    assertThat(byFile.keySet()).allSatisfy(f -> assertThat(f.getParent().getFileName().toString())
        .isEqualTo(dayMillis(0)));
    // File names sort numerically in receivedAt order, and the whole day reads in that order.
    List<Long> received = byFile.values().stream().flatMap(List::stream)
        .filter(SampleArchiveGeneratorTest::hasReceivedAt).map(ArchiveLine::receivedAt).toList();
    assertThat(received).isSorted();
    List<ArchiveLine> valid = all.stream().filter(l -> l.kind() == Kind.VALID).toList();
    assertThat(valid.stream().map(ArchiveLine::messageId).distinct().count()).isEqualTo(25_000);

    // A retry is placed where its receivedAt sorts, which for a late one is another file.
    Map<String, Path> firstFile = new HashMap<>();
    boolean retryInAnotherFile = false;
    for (ArchiveLine line : valid) {
      Path original = firstFile.putIfAbsent(line.messageId(), line.file());
      retryInAnotherFile |= original != null && !original.equals(line.file());
    }
    assertThat(retryInAnotherFile).isTrue();
  }

  @Test
  void everyCallTypeAndEveryEcommerceEventIsPresent() {
    assertThat(summary.eventsByType().keySet()).containsExactlyInAnyOrderElementsOf(TYPES);
    Set<String> events = valid().filter(e -> e.get("type").asText().equals("track"))
        .map(e -> e.get("event").asText()).collect(Collectors.toSet());
    assertThat(events).contains("Products Searched", "Product Viewed", "Product Added", "Checkout Started",
        "Order Completed", "Signed Up", "Newsletter Subscribed", "Video Played", "Coupon Applied",
        "Review Submitted");
    long viewed = count("Product Viewed");
    long added = count("Product Added");
    long checkouts = count("Checkout Started");
    long orders = count("Order Completed");
    assertThat(viewed).isGreaterThan(added);
    assertThat(added).isGreaterThan(checkouts);
    assertThat(checkouts).isGreaterThan(orders);
    assertThat(orders).isPositive();
  }

  @Test
  void envelopesFollowSegmentTimingRules() {
    List<ObjectNode> events = valid().toList();
    long withTimestamp = 0;
    for (ObjectNode e : events) {
      for (String field : List.of("originalTimestamp", "sentAt", "receivedAt")) {
        assertThat(e.get(field).asText()).matches(ISO_MILLIS);
      }
      assertThat(e.get("messageId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
      assertThat(e.get("anonymousId").asText()).isNotBlank();
      long original = millis(e, "originalTimestamp");
      long sent = millis(e, "sentAt");
      long received = millis(e, "receivedAt");
      assertThat(sent - original).isBetween(0L, 10_000L);
      assertThat(Math.abs(received - original)).isLessThanOrEqualTo(5 * 60_000L + 15_000L);
      if (e.has("timestamp")) {
        withTimestamp++;
        assertThat(e.get("timestamp").asText()).matches(ISO_MILLIS);
        assertThat(millis(e, "timestamp")).isEqualTo(received - (sent - original));
      }
    }
    assertThat((double) withTimestamp / events.size()).isBetween(0.4, 0.6);
  }

  @Test
  void anonymousVisitorsLaterIdentifyAndThenCarryTheirUserId() {
    Map<String, Long> firstIdentify = new HashMap<>();
    valid().filter(e -> e.get("type").asText().equals("identify"))
        .forEach(e -> firstIdentify.merge(e.get("anonymousId").asText(), trueTime(e), Math::min));
    assertThat(firstIdentify).isNotEmpty();

    Set<String> anonymousBefore = new HashSet<>();
    Set<String> identifiedAfter = new HashSet<>();
    valid().forEach(e -> {
      String anonymousId = e.get("anonymousId").asText();
      Long identifiedAt = firstIdentify.get(anonymousId);
      if (identifiedAt == null) {
        return;
      }
      if (!e.has("userId") && trueTime(e) < identifiedAt) {
        anonymousBefore.add(anonymousId);
      }
      if (e.has("userId") && trueTime(e) > identifiedAt && !e.get("type").asText().equals("identify")) {
        assertThat(e.get("userId").asText()).matches("u_\\d{6}");
        identifiedAfter.add(anonymousId);
      }
    });
    anonymousBefore.retainAll(identifiedAfter);
    assertThat(anonymousBefore).as("anonymous visitors who later identify").hasSizeGreaterThan(3);

    // Someone re-identifies with different traits.
    Map<String, Set<JsonNode>> traitsByUser = new HashMap<>();
    valid().filter(e -> e.get("type").asText().equals("identify"))
        .forEach(e -> traitsByUser.computeIfAbsent(e.get("userId").asText(), k -> new HashSet<>()).add(e.get("traits")));
    assertThat(traitsByUser.values()).anySatisfy(versions -> assertThat(versions).hasSizeGreaterThan(1));
    assertThat(valid().filter(e -> e.get("type").asText().equals("alias")))
        .allSatisfy(e -> assertThat(e.get("previousId")).isEqualTo(e.get("anonymousId")));
    assertThat(valid().filter(e -> e.get("type").asText().equals("group")))
        .allSatisfy(e -> assertThat(e.get("groupId").asText()).matches("g_\\d{4}"));
  }

  @Test
  void ordersCarryRevenueAndProducts() {
    List<ObjectNode> orders = valid().filter(e -> e.path("event").asText().equals("Order Completed")).toList();
    assertThat(orders).isNotEmpty().allSatisfy(order -> {
      JsonNode p = order.get("properties");
      assertThat(p.get("revenue").isNumber()).isTrue();
      assertThat(p.get("revenue").asDouble()).isPositive();
      assertThat(p.get("total").asDouble()).isCloseTo(
          p.get("revenue").asDouble() + p.get("shipping").asDouble() + p.get("tax").asDouble(),
          org.assertj.core.data.Offset.offset(0.005));
      assertThat(p.get("currency").asText()).isEqualTo("USD");
      assertThat(p.get("products").isArray()).isTrue();
      assertThat(p.get("products")).isNotEmpty().allSatisfy(item -> {
        assertThat(item.get("product_id").asText()).matches("P-\\d{4}");
        assertThat(item.get("price").isNumber()).isTrue();
        assertThat(item.get("quantity").isInt()).isTrue();
      });
    });
  }

  @Test
  void webAndAppEventsCarryTheirOwnContext() {
    List<ObjectNode> pages = valid().filter(e -> e.get("type").asText().equals("page")).toList();
    assertThat(pages).isNotEmpty().allSatisfy(e -> {
      assertThat(e.at("/context/page/url")).isEqualTo(e.at("/properties/url"));
      assertThat(e.at("/context/library/name").asText()).isEqualTo("analytics.js");
    });
    List<ObjectNode> campaigns = pages.stream().filter(e -> e.at("/context/campaign").isObject()).toList();
    assertThat(campaigns).isNotEmpty().allSatisfy(e -> assertThat(e.at("/properties/url").asText())
        .contains("utm_campaign=" + e.at("/context/campaign/name").asText()));
    assertThat(pages).anySatisfy(e -> assertThat(e.at("/properties/url").asText())
        .matches("https://get\\.roundtrip-shop\\.example/-(i34|i12|e7|t3)/[a-z]{2}\\d{2}[a-z]{2}"));

    List<ObjectNode> screens = valid().filter(e -> e.get("type").asText().equals("screen")).toList();
    assertThat(screens).isNotEmpty().allSatisfy(e -> {
      assertThat(e.at("/context/page").isMissingNode()).isTrue();
      assertThat(e.at("/context/library/name").asText()).isIn("analytics-ios", "analytics-android");
      for (String path : List.of("/context/app/build", "/context/device/id", "/context/os/name",
          "/context/network/wifi", "/context/screen/density")) {
        assertThat(e.at(path).isMissingNode()).as(path).isFalse();
      }
    });
  }

  @Test
  void refusesToWriteOverAnExistingArchive() {
    assertThatThrownBy(() -> new SampleArchiveGenerator(OPTIONS).generate(tmp.resolve("shared")))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void defaultsFollowTheEventCount() {
    SampleOptions small = SampleOptions.defaults(100);
    assertThat(small.users()).isEqualTo(10);
    assertThat(SampleOptions.defaults(1_000_000).users()).isEqualTo(40_000);
    assertThat(small.days()).isEqualTo(30);
    assertThat(small.seed()).isEqualTo(42);
    assertThat(small.duplicateRate()).isEqualTo(0.01);
    assertThat(small.badLineRate()).isEqualTo(0.001);
    assertThat(small.startDay()).isEqualTo(START);
    assertThat(small.sourceId()).isEqualTo("js-web");
  }

  @Test
  void invalidOptionsAreRejectedNamingTheOption() {
    assertInvalid("events", () -> new SampleOptions(0, 10, 3, 1, 0.01, 0.001, START, "s", 0));
    assertInvalid("events", () -> SampleOptions.defaults(-5));
    assertInvalid("users", () -> new SampleOptions(10, 0, 3, 1, 0.01, 0.001, START, "s", 0));
    assertInvalid("days", () -> new SampleOptions(10, 10, 0, 1, 0.01, 0.001, START, "s", 0));
    assertInvalid("duplicateRate", () -> new SampleOptions(10, 10, 3, 1, -0.1, 0.001, START, "s", 0));
    assertInvalid("duplicateRate", () -> new SampleOptions(10, 10, 3, 1, 1.5, 0.001, START, "s", 0));
    assertInvalid("duplicateRate", () -> new SampleOptions(10, 10, 3, 1, Double.NaN, 0.001, START, "s", 0));
    assertInvalid("badLineRate", () -> new SampleOptions(10, 10, 3, 1, 0.01, -0.001, START, "s", 0));
    assertInvalid("badLineRate", () -> new SampleOptions(10, 10, 3, 1, 0.01, 2, START, "s", 0));
    assertInvalid("startDay", () -> new SampleOptions(10, 10, 3, 1, 0.01, 0.001, null, "s", 0));
    assertInvalid("sourceId", () -> new SampleOptions(10, 10, 3, 1, 0.01, 0.001, START, " ", 0));
    assertInvalid("sourceId", () -> new SampleOptions(10, 10, 3, 1, 0.01, 0.001, START, "a/b", 0));
  }

  private static void assertInvalid(String option, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(option);
  }

  private Stream<ObjectNode> valid() {
    Set<String> seen = new HashSet<>();
    return lines.stream().filter(l -> l.kind() == Kind.VALID && seen.add(l.messageId())).map(ArchiveLine::event);
  }

  private long count(String event) {
    return valid().filter(e -> e.path("event").asText().equals(event)).count();
  }

  private static boolean hasReceivedAt(ArchiveLine line) {
    return line.event() != null && line.kind() != Kind.BAD_RECEIVED_AT && line.event().has("receivedAt");
  }

  private static long millis(JsonNode event, String field) {
    return Instant.parse(event.get(field).asText()).toEpochMilli();
  }

  /** When the event happened, up to the network delay: Segment's corrected timestamp. */
  private static long trueTime(JsonNode e) {
    return millis(e, "receivedAt") - (millis(e, "sentAt") - millis(e, "originalTimestamp"));
  }

  private static ObjectNode withoutDelivery(ObjectNode event) {
    ObjectNode copy = event.deepCopy();
    copy.remove("sentAt");
    copy.remove("receivedAt");
    return copy;
  }

  private static String dayMillis(int day) {
    return Long.toString(START.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  private List<ArchiveLine> read(Path out) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<ArchiveLine> all = new ArrayList<>();
    for (Path file : files) {
      assertThat(file.getFileName().toString()).endsWith(".gz");
      try (BufferedReader in = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
        int number = 0;
        for (String text; (text = in.readLine()) != null; ) {
          all.add(classify(file, ++number, text));
        }
      }
    }
    return all;
  }

  private ArchiveLine classify(Path file, int number, String text) {
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      return new ArchiveLine(file, number, text, text.startsWith("{") ? Kind.TRUNCATED : Kind.GARBAGE, null);
    }
    if (node.isArray()) {
      return new ArchiveLine(file, number, text, Kind.ARRAY, null);
    }
    assertThat(node.isObject()).as("line %d of %s: %s", number, file, text).isTrue();
    ObjectNode event = (ObjectNode) node;
    if (!event.has("receivedAt")) {
      return new ArchiveLine(file, number, text, Kind.NO_RECEIVED_AT, event);
    }
    if (event.path("type").asText().equals("unknown")) {
      return new ArchiveLine(file, number, text, Kind.UNKNOWN_TYPE, event);
    }
    try {
      Instant.parse(event.path("receivedAt").asText());
    } catch (DateTimeParseException e) {
      assertThat(event.get("receivedAt").asText()).isEqualTo("not-a-date");
      return new ArchiveLine(file, number, text, Kind.BAD_RECEIVED_AT, event);
    }
    assertThat(event.get("type").asText()).as(text).isIn(TYPES);
    return new ArchiveLine(file, number, text, Kind.VALID, event);
  }

  private static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> contents = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        contents.put(root.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return contents;
  }
}
