package io.roundtrip.loaders.samples;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The people of the run and the calls fixed in advance for them (first identify, profile changes,
 * group re-sends), indexed by day. Built once from the seed and then only read.
 */
final class Population {

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  enum Kind { SIGNUP, PROFILE_UPDATE, GROUP_UPDATE }

  /** A call fixed in advance: the visit around it is generated on its day. */
  record Scheduled(long at, UserProfile user, Kind kind, Map<String, Object> traits) {}

  private final UserProfile[] users;
  /** Running sum of activity, for picking who visits in proportion to it. */
  private final double[] cumulative;
  private final List<List<Scheduled>> byDay;

  Population(int size, long seed, long[] dayStarts) {
    Rng rng = new Rng(Rng.derive(seed, -1));
    int days = dayStarts.length;
    List<Company> companies = new ArrayList<>();
    int companyCount = Math.max(2, size / 40);
    for (int c = 1; c <= companyCount; c++) {
      companies.add(company(rng, c, dayStarts));
    }
    byDay = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      byDay.add(new ArrayList<>());
    }
    users = new UserProfile[size];
    cumulative = new double[users.length];
    double total = 0;
    for (int i = 0; i < users.length; i++) {
      UserProfile user = user(rng, i, dayStarts, companies);
      users[i] = user;
      total += user.activity();
      cumulative[i] = total;
    }
    for (List<Scheduled> day : byDay) {
      day.sort(Comparator.comparingLong(Scheduled::at)
          .thenComparingInt(s -> s.user().index())
          .thenComparing(Scheduled::kind));
    }
  }

  /** Someone who visits on that day, chosen in proportion to activity among those still active. */
  UserProfile pick(Rng rng, int day) {
    UserProfile user = null;
    // Retrying picks among everyone keeps the draw proportional to activity; the bound only
    // matters on a day when almost nobody is active.
    for (int attempt = 0; attempt < 200; attempt++) {
      double target = rng.nextDouble() * cumulative[cumulative.length - 1];
      int i = Arrays.binarySearch(cumulative, target);
      user = users[Math.min(users.length - 1, i >= 0 ? i + 1 : -i - 1)];
      if (user.activeOn(day)) {
        return user;
      }
    }
    return user;
  }

  List<Scheduled> scheduled(int day) {
    return Collections.unmodifiableList(byDay.get(day));
  }

  private UserProfile user(Rng rng, int index, long[] dayStarts, List<Company> companies) {
    int days = dayStarts.length;
    String anonymousId = rng.uuid();
    boolean identifies = rng.chance(0.7);
    // People arrive over the run and most leave after a while: a quarter stay throughout, the
    // others come back for an exponentially distributed number of days (mean 12).
    int firstDay = rng.nextInt(days);
    int lastDay = rng.chance(0.25) ? days - 1
        : (int) Math.min(days - 1, firstDay + Math.round(rng.exponential(12.0)));
    int identifyDay = firstDay + rng.nextInt(lastDay - firstDay + 1);
    // Between 01:00 and 23:00 UTC, so the visit around the sign-up fits in the same day's folder.
    long identifyAt = identifies ? dayStarts[identifyDay] + HOUR + (long) (rng.nextDouble() * 22 * HOUR)
        : Long.MAX_VALUE;
    String userId = identifies ? String.format("u_%06d", index + 1) : null;

    double activity = rng.gamma(0.5, 1.0) + 1e-6;
    boolean mobile = rng.chance(0.2);
    Catalog.Place place = rng.chance(0.65) ? Catalog.PLACES.get(rng.nextInt(Catalog.US_PLACES))
        : Catalog.PLACES.get(Catalog.US_PLACES + rng.nextInt(Catalog.PLACES.size() - Catalog.US_PLACES));
    // Most device clocks are close; some are minutes off, which Segment's timestamp corrects.
    int skew = rng.chance(0.75) ? (int) Math.max(-300_000, Math.min(300_000, rng.normal() * 1500))
        : rng.between(-300_000, 300_000);
    String ip = rng.pick(List.of(24, 50, 66, 68, 71, 73, 76, 81, 82, 86, 92, 98, 104, 108, 174, 185, 203))
        + "." + rng.nextInt(256) + "." + rng.nextInt(256) + "." + rng.between(1, 254);
    String carrier = mobile ? rng.pick(Catalog.CARRIERS) : null;
    String context = mobile ? mobileContext(rng, ip, place) : webContext(rng, ip, place);

    double propensity = rng.chance(0.35) ? 0 : Math.min(0.6, rng.gamma(0.8, 0.12));
    long meanOrderCents = Math.round((rng.gamma(2.5, 30) + 8) * 100);
    Catalog.Category favourite = Catalog.CATEGORIES.get(rng.nextInt(Catalog.CATEGORIES.size()));

    boolean alias = identifies && rng.chance(0.3);
    Company company = identifies && rng.chance(0.25) ? rng.pick(companies) : null;
    Map<String, Object> traits = identifies ? traits(rng, index, identifyAt, place) : null;
    UserProfile user = new UserProfile(index, anonymousId, userId, identifyAt, activity, mobile, place, skew,
        context, carrier, propensity, meanOrderCents, favourite, alias, company, traits, firstDay, lastDay);

    if (identifies) {
      byDay.get(identifyDay).add(new Scheduled(identifyAt, user, Kind.SIGNUP, traits));
      Map<String, Object> current = traits;
      int updates = rng.chance(0.35) ? (rng.chance(0.2) ? 2 : 1) : 0;
      for (int u = 0; u < updates && identifyDay < lastDay; u++) {
        int day = identifyDay + 1 + rng.nextInt(lastDay - identifyDay);
        long at = dayStarts[day] + HOUR + (long) (rng.nextDouble() * 22 * HOUR);
        current = changed(rng, current);
        byDay.get(day).add(new Scheduled(at, user, Kind.PROFILE_UPDATE, current));
      }
      if (company != null && identifyDay < lastDay && rng.chance(0.3)) {
        int day = identifyDay + 1 + rng.nextInt(lastDay - identifyDay);
        long at = dayStarts[day] + HOUR + (long) (rng.nextDouble() * 22 * HOUR);
        byDay.get(day).add(new Scheduled(at, user, Kind.GROUP_UPDATE, company.traitsAt(at)));
      }
    }
    return user;
  }

  private static String webContext(Rng rng, String ip, Catalog.Place place) {
    String version = rng.pick(Catalog.WEB_LIBRARY_VERSIONS);
    String agent = rng.pick(Catalog.BROWSER_AGENTS);
    return JsonLine.members(j -> {
      j.field("ip", ip);
      j.startObject("library");
      j.field("name", "analytics.js");
      j.field("version", version);
      j.endObject();
      j.field("locale", place.locale());
      j.field("timezone", place.timezone());
      j.field("userAgent", agent);
    });
  }

  private static String mobileContext(Rng rng, String ip, Catalog.Place place) {
    boolean ios = rng.chance(0.5);
    Catalog.MobileModel model = rng.pick(ios ? Catalog.IOS_MODELS : Catalog.ANDROID_MODELS);
    String osVersion = rng.pick(model.osVersions());
    String appVersion = rng.pick(Catalog.APP_VERSIONS);
    String build = appVersion.replace(".", "");
    String deviceId = ios ? rng.uuid().toUpperCase(Locale.ROOT) : rng.hex(16);
    String library = ios ? "analytics-ios" : "analytics-android";
    String libraryVersion = ios ? rng.pick(List.of("4.1.6", "4.1.8")) : rng.pick(List.of("4.10.4", "4.11.3"));
    String agent = ios ? "Roundtrip%20Shop/" + build + " CFNetwork/1498.700.2 Darwin/23.6.0"
        : "Dalvik/2.1.0 (Linux; U; Android " + osVersion + "; " + model.model() + " Build/AP2A.240805.005)";
    return JsonLine.members(j -> {
      j.startObject("app");
      j.field("name", Catalog.APP_NAME);
      j.field("version", appVersion);
      j.field("build", build);
      j.endObject();
      j.startObject("device");
      j.field("id", deviceId);
      j.field("manufacturer", model.manufacturer());
      j.field("model", model.model());
      j.field("type", ios ? "ios" : "android");
      j.endObject();
      j.field("ip", ip);
      j.startObject("library");
      j.field("name", library);
      j.field("version", libraryVersion);
      j.endObject();
      j.field("locale", place.locale());
      j.startObject("os");
      j.field("name", model.osName());
      j.field("version", osVersion);
      j.endObject();
      j.startObject("screen");
      j.field("width", (long) model.width());
      j.field("height", (long) model.height());
      j.field("density", model.density());
      j.endObject();
      j.field("timezone", place.timezone());
      j.field("userAgent", agent);
    });
  }

  private static Map<String, Object> traits(Rng rng, int index, long identifyAt, Catalog.Place place) {
    String first = rng.pick(Catalog.FIRST_NAMES);
    String last = rng.pick(Catalog.LAST_NAMES);
    Map<String, Object> traits = new LinkedHashMap<>();
    traits.put("email", ascii(first) + "." + ascii(last) + (index + 1) + "@" + rng.pick(Catalog.EMAIL_DOMAINS));
    traits.put("first_name", first);
    traits.put("last_name", last);
    traits.put("phone", "+1-" + rng.between(201, 989) + "-555-" + String.format("%04d", rng.nextInt(10_000)));
    double plan = rng.nextDouble();
    traits.put("plan", plan < 0.7 ? "free" : plan < 0.93 ? "pro" : "enterprise");
    traits.put("created_at", IsoTime.format(identifyAt));
    traits.put("age", Math.max(18, Math.min(80, (int) Math.round(36 + 12 * rng.normal()))));
    traits.put("newsletter", rng.chance(0.4));
    traits.put("address", address(rng, place));
    return Collections.unmodifiableMap(traits);
  }

  private static Map<String, Object> address(Rng rng, Catalog.Place place) {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("street", rng.between(1, 999) + " " + rng.pick(Catalog.STREETS));
    address.put("city", place.city());
    address.put("state", place.state());
    address.put("postal_code", rng.pick(place.postalCodes()));
    address.put("country", place.country());
    return Collections.unmodifiableMap(address);
  }

  /**
   * The traits a later identify sends: a plan upgrade, a move, or (less often) a trait dropped or
   * sent as null, so a warehouse has to keep the latest non-null value rather than the latest row.
   */
  private static Map<String, Object> changed(Rng rng, Map<String, Object> previous) {
    Map<String, Object> traits = new LinkedHashMap<>(previous);
    double r = rng.nextDouble();
    Object plan = traits.get("plan");
    if (r < 0.4 && !"enterprise".equals(plan)) {
      traits.put("plan", "pro".equals(plan) ? "enterprise" : "pro");
    } else if (r < 0.7) {
      traits.put("address", address(rng, rng.pick(Catalog.PLACES)));
    } else if (r < 0.85) {
      traits.remove("phone");
      traits.put("newsletter", !Boolean.TRUE.equals(traits.get("newsletter")));
    } else {
      traits.put(rng.chance(0.5) ? "age" : "phone", null);
    }
    return Collections.unmodifiableMap(traits);
  }

  private static Company company(Rng rng, int number, long[] dayStarts) {
    String word = rng.pick(Catalog.COMPANY_WORDS);
    String name = word + " " + rng.pick(Catalog.COMPANY_SUFFIXES);
    String website = "https://" + ascii(word).toLowerCase(Locale.ROOT) + number + ".example.com";
    long employees = Math.round(rng.gamma(1.2, 80)) + 2;
    String plan = rng.chance(0.6) ? "pro" : "enterprise";
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("name", name);
    before.put("industry", rng.pick(Catalog.INDUSTRIES));
    before.put("employees", employees);
    before.put("plan", plan);
    before.put("website", website);
    Map<String, Object> after = new LinkedHashMap<>(before);
    after.put("employees", employees + 1 + Math.round(employees * 0.3 * rng.nextDouble()));
    if (rng.chance(0.4)) {
      after.put("plan", "enterprise");
    }
    long changesAt = dayStarts[rng.nextInt(dayStarts.length)] + (long) (rng.nextDouble() * DAY);
    return new Company(String.format("g_%04d", number), Collections.unmodifiableMap(before),
        Collections.unmodifiableMap(after), changesAt);
  }

  /** Lower-case ASCII letters only, for e-mail addresses and host names ("Zoë O'Brien" -> "zoe", "obrien"). */
  private static String ascii(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
  }
}
