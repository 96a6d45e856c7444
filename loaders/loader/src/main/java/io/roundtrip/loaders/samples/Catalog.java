package io.roundtrip.loaders.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shop's fixed world: products, campaigns, referral links and the vocabularies people and
 * pages are drawn from. Built once per run from the seed and then only read, so every day's thread
 * can share it.
 */
final class Catalog {

  static final String SITE = "https://www.roundtrip-shop.example";
  static final String REFERRAL_SITE = "https://get.roundtrip-shop.example";
  static final String CURRENCY = "USD";

  record Category(String slug, String title, List<String> nouns, int basePrice) {}

  record Product(String id, String sku, String name, Category category, String brand, long priceCents) {
    String path() {
      return "/products/" + sku.toLowerCase(java.util.Locale.ROOT);
    }
  }

  record Campaign(String name, String source, String medium, List<String> terms, List<String> contents,
      String referrer) {}

  /** Where a person lives: fixes address, time zone and locale together so they agree. */
  record Place(String city, String state, String country, List<String> postalCodes, String timezone,
      String locale, int utcOffsetHours) {}

  record Video(String id, double duration) {}

  record MobileModel(String manufacturer, String model, String osName, List<String> osVersions, int width,
      int height, double density) {}

  static final List<Category> CATEGORIES = List.of(
      new Category("shoes", "Shoes", List.of("Running Shoe", "Trail Shoe", "Sneaker", "Hiking Boot", "Sandal"), 90),
      new Category("apparel", "Apparel", List.of("T-Shirt", "Hoodie", "Rain Jacket", "Fleece", "Base Layer"), 45),
      new Category("bags", "Bags", List.of("Backpack", "Duffel", "Tote", "Sling Bag", "Daypack"), 60),
      new Category("outdoor", "Outdoor", List.of("Tent", "Sleeping Bag", "Camp Stove", "Headlamp", "Trekking Poles"), 120),
      new Category("kitchen", "Kitchen", List.of("Water Bottle", "Coffee Grinder", "Pour-Over Kettle", "Lunch Box", "Travel Mug"), 30),
      new Category("electronics", "Electronics", List.of("Wireless Earbuds", "Power Bank", "Bike Light", "Watch Band", "Action Camera"), 80),
      new Category("home", "Home & Living", List.of("Throw Blanket", "Desk Lamp", "Plant Pot", "Scented Candle", "Wall Clock"), 35),
      new Category("fitness", "Fitness", List.of("Yoga Mat", "Resistance Bands", "Foam Roller", "Kettlebell", "Jump Rope"), 40),
      new Category("books", "Books", List.of("Field Guide", "Cookbook", "Trail Atlas", "Journal", "Photo Book"), 22),
      new Category("accessories", "Accessories", List.of("Sunglasses", "Beanie", "Wallet", "Watch Strap", "Socks"), 25));

  private static final List<String> ADJECTIVES = List.of("Classic", "Ultralight", "Everyday", "Summit", "Urban",
      "Coastal", "Alpine", "Nimbus", "Terra", "Aero", "Heritage", "Nomad");

  private static final List<String> BRANDS = List.of("Northwind", "Peakform", "Harbor & Co", "Lumen", "Trailhead",
      "Cedar Supply", "Fjordline", "Bramble", "Kestrel", "Solstice", "Ironbark", "Meridian");

  static final List<Campaign> CAMPAIGNS = List.of(
      new Campaign("spring_sale", "google", "cpc", List.of("running shoes", "rain jacket sale", "backpack deals"),
          List.of(), "https://www.google.com/"),
      new Campaign("black_friday", "facebook", "social", List.of(), List.of("carousel_a", "video_15s"),
          "https://l.facebook.com/"),
      new Campaign("newsletter_weekly", "newsletter", "email", List.of(), List.of("hero_banner", "footer_link"), ""),
      new Campaign("retargeting_q3", "instagram", "social", List.of(), List.of("story", "reel"),
          "https://l.instagram.com/"),
      new Campaign("brand_search", "google", "cpc", List.of("roundtrip shop", "roundtrip store"), List.of(),
          "https://www.google.com/"));

  static final List<String> REFERRAL_TRACKING_IDS = List.of("-i34", "-i12", "-e7", "-t3");

  static final List<String> ORGANIC_REFERRERS = List.of("", "", "", "https://www.google.com/",
      "https://www.google.com/", "https://duckduckgo.com/", "https://www.bing.com/", "https://www.reddit.com/",
      "https://news.ycombinator.com/");

  static final List<String> FIRST_NAMES = List.of("Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sophia",
      "Lucas", "Mia", "Ethan", "Amelia", "Hiro", "Chloé", "José", "Zoë", "Aarav", "Fatima", "Lena", "Jonas",
      "Camille", "Sofia", "Diego", "Yuki", "Grace", "Omar", "Priya", "Tom", "Hannah", "Leon", "Isabella", "Kai",
      "Nora", "Felix", "Maya", "Samuel", "Elena", "Ravi", "Ingrid", "Chen", "Aisha");

  static final List<String> LAST_NAMES = List.of("Smith", "Johnson", "Garcia", "Müller", "Martin", "Brown",
      "Rossi", "Tanaka", "Silva", "Nguyen", "Kim", "Patel", "Dubois", "Schmidt", "López", "Wilson", "Anderson",
      "Taylor", "Thomas", "Moore", "Jackson", "Lee", "Harris", "Clark", "Lewis", "Walker", "Young", "King",
      "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter",
      "O'Brien");

  static final List<String> EMAIL_DOMAINS = List.of("gmail.com", "gmail.com", "gmail.com", "yahoo.com",
      "outlook.com", "icloud.com", "proton.me", "hey.com");

  static final List<String> STREETS = List.of("Maple Street", "Oak Avenue", "Cedar Lane", "Elm Road",
      "Park Avenue", "High Street", "Sunset Boulevard", "Lake Drive", "Hill Road", "River Street", "Church Lane",
      "Mill Road");

  /** US places first: {@link #US_PLACES} of them; the rest are abroad. */
  static final List<Place> PLACES = List.of(
      new Place("New York", "NY", "US", List.of("10001", "10011", "10025"), "America/New_York", "en-US", -5),
      new Place("Brooklyn", "NY", "US", List.of("11201", "11215"), "America/New_York", "en-US", -5),
      new Place("Boston", "MA", "US", List.of("02108", "02116"), "America/New_York", "en-US", -5),
      new Place("Atlanta", "GA", "US", List.of("30303", "30309"), "America/New_York", "en-US", -5),
      new Place("Miami", "FL", "US", List.of("33101", "33139"), "America/New_York", "en-US", -5),
      new Place("Chicago", "IL", "US", List.of("60601", "60614", "60657"), "America/Chicago", "en-US", -6),
      new Place("Austin", "TX", "US", List.of("78701", "78704"), "America/Chicago", "en-US", -6),
      new Place("Denver", "CO", "US", List.of("80202", "80205"), "America/Denver", "en-US", -7),
      new Place("Seattle", "WA", "US", List.of("98101", "98109"), "America/Los_Angeles", "en-US", -8),
      new Place("San Francisco", "CA", "US", List.of("94103", "94110", "94117"), "America/Los_Angeles", "en-US", -8),
      new Place("Los Angeles", "CA", "US", List.of("90012", "90026"), "America/Los_Angeles", "en-US", -8),
      new Place("Portland", "OR", "US", List.of("97201", "97209"), "America/Los_Angeles", "en-US", -8),
      new Place("London", "England", "GB", List.of("SW1A 1AA", "E1 6AN", "N1 9GU"), "Europe/London", "en-GB", 0),
      new Place("Manchester", "England", "GB", List.of("M1 1AE", "M4 5JD"), "Europe/London", "en-GB", 0),
      new Place("Berlin", "Berlin", "DE", List.of("10115", "10245", "10437"), "Europe/Berlin", "de-DE", 1),
      new Place("Munich", "Bavaria", "DE", List.of("80331", "80469"), "Europe/Berlin", "de-DE", 1),
      new Place("Paris", "Île-de-France", "FR", List.of("75001", "75011", "75018"), "Europe/Paris", "fr-FR", 1),
      new Place("Madrid", "Madrid", "ES", List.of("28001", "28013"), "Europe/Madrid", "es-ES", 1),
      new Place("Toronto", "ON", "CA", List.of("M5V 2T6", "M4C 1B5"), "America/Toronto", "en-CA", -5),
      new Place("Sydney", "NSW", "AU", List.of("2000", "2010"), "Australia/Sydney", "en-AU", 11),
      new Place("São Paulo", "SP", "BR", List.of("01310-100", "04538-133"), "America/Sao_Paulo", "pt-BR", -3),
      new Place("Tokyo", "Tokyo", "JP", List.of("100-0001", "150-0002"), "Asia/Tokyo", "ja-JP", 9));

  static final int US_PLACES = 12;

  static final List<String> BLOG_SLUGS = List.of("how-to-choose-running-shoes", "packing-list-weekend-hike",
      "coffee-brewing-basics", "winter-layering-guide", "best-trails-near-the-city", "care-for-your-rain-jacket",
      "home-office-setup", "beginner-yoga-routine", "camp-cooking-101", "gift-guide-2025",
      "behind-the-brand-northwind", "sustainable-materials");

  static final List<String> SEARCH_QUERIES = List.of("running shoes", "waterproof jacket", "backpack",
      "tent 2 person", "coffee grinder", "yoga mat", "earbuds", "gift ideas", "sale", "hiking boots size 10",
      "water bottle", "headlamp", "hoodie", "kettlebell 12kg", "wool socks");

  static final List<Video> VIDEOS = List.of(new Video("vid_spring_lookbook", 94.5), new Video("vid_tent_setup", 312.0),
      new Video("vid_brew_guide", 187.25), new Video("vid_trail_tips", 421.8), new Video("vid_brand_story", 142.0),
      new Video("vid_yoga_flow", 905.4));

  static final List<String> COUPONS = List.of("WELCOME10", "SPRING15", "BF2025", "FREESHIP", "LOYAL20");

  static final List<String> REVIEW_BODIES = List.of("Exactly as described, fast shipping.",
      "Good quality for the price.", "Runs a bit small, order a size up.", "Love it! Bought a second one.",
      "Okay, but the color is different from the photos.", "Sturdy and well made.",
      "Arrived damaged; support replaced it quickly.", "Not worth it, returned.",
      "Great \"everyday\" piece — I use it daily.", "Five stars, would recommend.");

  static final List<String> INDUSTRIES = List.of("Software", "Retail", "Healthcare", "Education", "Manufacturing",
      "Finance", "Media", "Logistics", "Hospitality", "Nonprofit");

  static final List<String> COMPANY_WORDS = List.of("Acme", "Blue Harbor", "Brightline", "Cobalt", "Driftwood",
      "Evergreen", "Foxglove", "Granite", "Helix", "Ironwood", "Juniper", "Keystone", "Lighthouse", "Maple",
      "Northstar", "Orchid", "Pinecrest", "Quarry", "Redwood", "Silverline", "Tidewater", "Umbra", "Vantage",
      "Willow");

  static final List<String> COMPANY_SUFFIXES = List.of("Labs", "Systems", "Partners", "Group", "Works",
      "Collective", "Studio", "Analytics");

  static final List<String> PLANS = List.of("free", "pro", "enterprise");

  static final List<String> BROWSER_AGENTS = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36");

  static final List<String> WEB_LIBRARY_VERSIONS = List.of("npm:next-1.72.0", "next-1.74.0", "next-1.74.0");

  static final List<MobileModel> IOS_MODELS = List.of(
      new MobileModel("Apple", "iPhone15,2", "iOS", List.of("17.6.1", "18.1", "18.2"), 393, 852, 3.0),
      new MobileModel("Apple", "iPhone16,1", "iOS", List.of("18.1", "18.2"), 393, 852, 3.0),
      new MobileModel("Apple", "iPhone14,7", "iOS", List.of("16.7.10", "17.6.1"), 390, 844, 3.0),
      new MobileModel("Apple", "iPhone13,1", "iOS", List.of("17.6.1"), 375, 812, 3.0));

  static final List<MobileModel> ANDROID_MODELS = List.of(
      new MobileModel("Google", "Pixel 8", "Android", List.of("14", "15"), 1080, 2400, 2.625),
      new MobileModel("samsung", "SM-S911B", "Android", List.of("13", "14"), 1080, 2340, 3.0),
      new MobileModel("samsung", "SM-A546B", "Android", List.of("14"), 1080, 2340, 2.625),
      new MobileModel("OnePlus", "CPH2449", "Android", List.of("14"), 1240, 2772, 3.5));

  static final List<String> CARRIERS = List.of("T-Mobile", "Verizon", "AT&T", "Vodafone", "O2", "Orange",
      "Telekom");

  static final String APP_NAME = "Roundtrip Shop";
  static final List<String> APP_VERSIONS = List.of("3.4.1", "3.5.0", "3.5.0", "3.5.2");

  private final List<Product> products;
  private final Product[] byPrice;
  private final List<String> shareCodes;

  Catalog(Rng rng) {
    List<Product> list = new ArrayList<>(200);
    for (int i = 1; i <= 200; i++) {
      Category category = CATEGORIES.get((i - 1) % CATEGORIES.size());
      String noun = rng.pick(category.nouns());
      // Whole dollars minus a cent, spread log-normally around the category's typical price.
      long dollars = Math.max(5, Math.round(category.basePrice() * Math.exp(0.4 * rng.normal())));
      list.add(new Product(String.format("P-%04d", i),
          String.format("RT-%s-%04d", category.slug().substring(0, 3).toUpperCase(java.util.Locale.ROOT), i),
          rng.pick(ADJECTIVES) + " " + noun, category, rng.pick(BRANDS), dollars * 100 - 1));
    }
    products = List.copyOf(list);
    byPrice = list.toArray(new Product[0]);
    Arrays.sort(byPrice, Comparator.comparingLong(Product::priceCents).thenComparing(Product::id));

    Set<String> codes = new LinkedHashSet<>();
    while (codes.size() < 200) {
      codes.add(letters(rng, 2) + rng.between(10, 99) + letters(rng, 2));
    }
    shareCodes = List.copyOf(codes);
  }

  private static String letters(Rng rng, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + rng.nextInt(26)));
    }
    return sb.toString();
  }

  List<Product> products() {
    return products;
  }

  List<Category> categories() {
    return CATEGORIES;
  }

  Product randomProduct(Rng rng) {
    return rng.pick(products);
  }

  Product productIn(Rng rng, Category category) {
    int n = products.size() / CATEGORIES.size();
    return products.get(CATEGORIES.indexOf(category) + CATEGORIES.size() * rng.nextInt(n));
  }

  /** One of the few products whose price is closest to the target, so an order's items add up plausibly. */
  Product nearPrice(Rng rng, long targetCents) {
    int lo = 0;
    int hi = byPrice.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byPrice[mid].priceCents() < targetCents) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int index = Math.max(0, Math.min(byPrice.length - 1, lo - 3 + rng.nextInt(6)));
    return byPrice[index];
  }

  long cheapestPriceCents() {
    return byPrice[0].priceCents();
  }

  String shareCode(Rng rng) {
    return rng.pick(shareCodes);
  }
}
