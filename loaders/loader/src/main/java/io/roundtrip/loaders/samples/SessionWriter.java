package io.roundtrip.loaders.samples;

import io.roundtrip.loaders.samples.Catalog.Campaign;
import io.roundtrip.loaders.samples.Catalog.Category;
import io.roundtrip.loaders.samples.Catalog.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays out visits as sequences of calls: where people land (campaign, referral link, organic),
 * the shopping funnel, reading the blog, signing up, updating a profile. Each step advances the
 * visit's clock by a plausible gap; a visit ends early when the day's quota or the day itself runs
 * out (see {@link Visit#closed}).
 */
final class SessionWriter {

  private static final long SECOND = 1000;
  private static final long MINUTE = 60 * SECOND;

  private record Item(Product product, int quantity) {}

  private final Catalog catalog;
  private final Rng rng;
  private final EventWriter events;

  SessionWriter(Catalog catalog, Rng rng, EventWriter events) {
    this.catalog = catalog;
    this.rng = rng;
    this.events = events;
  }

  /** An ordinary visit starting at {@code start}. */
  void browse(UserProfile user, long start) {
    Visit v = visit(user, start);
    land(v);
    // The buying decision is made per visit from the person's propensity, so the same few people
    // buy again and again while most never do.
    boolean buyer = rng.chance(user.purchasePropensity());
    if (buyer || rng.chance(0.55)) {
      shop(v, buyer);
    } else {
      read(v);
    }
  }

  void scheduled(Population.Scheduled call) {
    switch (call.kind()) {
      case SIGNUP -> signup(call.user(), call.at());
      case PROFILE_UPDATE -> accountChange(call.user(), call.at(), "Account", "/account",
          v -> events.identify(v, call.traits()));
      case GROUP_UPDATE -> accountChange(call.user(), call.at(), "Team Settings", "/account/team",
          v -> events.group(v, call.user().company().groupId(), call.traits()));
    }
  }

  /** Anonymous browsing up to the sign-up form, then identify, "Signed Up", alias and group. */
  private void signup(UserProfile user, long identifyAt) {
    long start = identifyAt - rng.between(3, 15) * MINUTE;
    Visit v = visit(user, start);
    land(v);
    if (rng.chance(0.6)) {
      beforeIdentify(v, start + (identifyAt - start) / 2, identifyAt);
      view(v, sitePage(v, "Pricing", "/pricing", "Pricing"));
    }
    beforeIdentify(v, identifyAt - rng.between(20, 90) * SECOND, identifyAt);
    view(v, sitePage(v, "Sign Up", "/signup", "Create your account"));
    v.now = identifyAt;
    events.identify(v, user.traits());
    v.now += rng.between(1, 3) * SECOND;
    events.track(v, "Signed Up", j -> {
      j.field("plan", (String) user.traits().get("plan"));
      j.field("method", rng.pick(List.of("email", "email", "google", "apple")));
    });
    if (user.sendsAlias()) {
      v.now += rng.between(1, 2) * SECOND;
      events.alias(v);
    }
    if (user.company() != null) {
      v.now += rng.between(1, 2) * SECOND;
      events.group(v, user.company().groupId(), user.company().traitsAt(v.now));
    }
    if (rng.chance(0.4)) {
      shop(v, rng.chance(user.purchasePropensity()));
    }
  }

  /**
   * Moves the clock to {@code target}, never backwards and never to or past the identify: the
   * pages before the sign-up must stay anonymous.
   */
  private static void beforeIdentify(Visit v, long target, long identifyAt) {
    v.now = Math.min(identifyAt - SECOND, Math.max(v.now + SECOND, target));
  }

  private void accountChange(UserProfile user, long at, String name, String path,
      Consumer<Visit> call) {
    Visit v = visit(user, at - rng.between(20, 120) * SECOND);
    view(v, sitePage(v, name, path, name));
    v.now = at;
    call.accept(v);
  }

  private Visit visit(UserProfile user, long start) {
    return new Visit(user, rng.chance(0.7), start);
  }

  private void land(Visit v) {
    if (v.user.mobile()) {
      view(v, sitePage(v, "Home", "/", "Home"));
      return;
    }
    double r = rng.nextDouble();
    if (r < 0.05) {
      // A referral smart link: the landing page is the link itself, on the link domain.
      String path = "/" + rng.pick(Catalog.REFERRAL_TRACKING_IDS) + "/" + catalog.shareCode(rng);
      v.landingReferrer = rng.pick(List.of("", "", "https://t.co/", "https://www.facebook.com/"));
      view(v, new Page("Referral", path, "You're invited to Roundtrip Shop", "", v.landingReferrer,
          Catalog.REFERRAL_SITE + path));
      next(v);
      view(v, sitePage(v, "Home", "/", "Roundtrip Shop"));
    } else if (r < 0.45) {
      Campaign c = rng.pick(Catalog.CAMPAIGNS);
      v.campaign = c;
      v.campaignTerm = !c.terms().isEmpty() && rng.chance(0.8) ? rng.pick(c.terms()) : null;
      v.campaignContent = !c.contents().isEmpty() && rng.chance(0.8) ? rng.pick(c.contents()) : null;
      v.landingReferrer = c.referrer();
      StringBuilder search = new StringBuilder("?utm_source=").append(c.source())
          .append("&utm_medium=").append(c.medium()).append("&utm_campaign=").append(c.name());
      if (v.campaignTerm != null) {
        search.append("&utm_term=").append(v.campaignTerm.replace(' ', '+'));
      }
      if (v.campaignContent != null) {
        search.append("&utm_content=").append(v.campaignContent);
      }
      Page landing = organicLanding(v);
      String query = search.toString();
      view(v, new Page(landing.name(), landing.path(), landing.title(), query, v.landingReferrer,
          Catalog.SITE + landing.path() + query));
    } else {
      v.landingReferrer = rng.pick(Catalog.ORGANIC_REFERRERS);
      view(v, organicLanding(v));
    }
  }

  private Page organicLanding(Visit v) {
    double r = rng.nextDouble();
    if (r < 0.45) {
      return sitePage(v, "Home", "/", "Roundtrip Shop");
    } else if (r < 0.6) {
      return sitePage(v, "Store", "/store", "Store");
    } else if (r < 0.7) {
      return categoryPage(v, rng.pick(catalog.categories()));
    } else if (r < 0.8) {
      return productPage(v, catalog.randomProduct(rng));
    } else if (r < 0.93) {
      return blogPage(v);
    }
    return sitePage(v, "Pricing", "/pricing", "Pricing");
  }

  /** The funnel: store, maybe search, category, product views, adds, cart, checkout, order. */
  private void shop(Visit v, boolean buyer) {
    UserProfile user = v.user;
    next(v);
    view(v, sitePage(v, "Store", "/store", "Store"));
    if (rng.chance(0.35)) {
      nextOnPage(v);
      String query = rng.pick(Catalog.SEARCH_QUERIES);
      events.track(v, "Products Searched", j -> j.field("query", query));
    }
    Category category = rng.chance(0.6) ? user.favouriteCategory() : rng.pick(catalog.categories());
    next(v);
    view(v, categoryPage(v, category));

    long orderRevenue = buyer ? revenueOf(user) : 0;
    List<Item> order = buyer ? planOrder(orderRevenue) : List.of();
    List<Product> viewed = new ArrayList<>();
    for (Item item : order) {
      viewed.add(item.product());
    }
    int browsing = buyer ? rng.nextInt(3) : (rng.chance(0.75) ? rng.between(1, 4) : 0);
    for (int i = 0; i < browsing; i++) {
      viewed.add(i % 2 == 0 ? catalog.productIn(rng, category) : catalog.randomProduct(rng));
    }
    List<Item> cart = new ArrayList<>(order);
    for (Product product : viewed) {
      if (v.closed) {
        return;
      }
      next(v);
      view(v, productPage(v, product));
      nextOnPage(v);
      events.track(v, "Product Viewed", j -> productMembers(j, product));
      if (rng.chance(0.05)) {
        nextOnPage(v);
        video(v);
      }
      if (user.userId() != null && user.identifiedAt(v.now) && rng.chance(0.06)) {
        nextOnPage(v);
        review(v, product);
      }
      boolean inOrder = order.stream().anyMatch(item -> item.product() == product);
      if (inOrder || rng.chance(0.25)) {
        int quantity = inOrder ? quantityOf(order, product) : (rng.chance(0.15) ? 2 : 1);
        if (!inOrder) {
          cart.add(new Item(product, quantity));
        }
        if (v.cartId == null) {
          v.cartId = "cart_" + rng.hex(16);
        }
        nextOnPage(v);
        String cartId = v.cartId;
        events.track(v, "Product Added", j -> {
          productMembers(j, product);
          j.field("quantity", (long) quantity);
          j.field("cart_id", cartId);
        });
      }
    }
    if (cart.isEmpty() || v.closed) {
      return;
    }
    next(v);
    view(v, sitePage(v, "Cart", "/cart", "Your cart"));
    if (!buyer && !rng.chance(0.3)) {
      return;
    }
    next(v);
    view(v, sitePage(v, "Checkout", "/checkout", "Checkout"));
    String orderId = "ord_" + rng.hex(12);
    long revenue = buyer ? orderRevenue : cartValue(cart);
    nextOnPage(v);
    events.track(v, "Checkout Started", j -> {
      j.field("order_id", orderId);
      j.money("value", revenue);
      j.money("revenue", revenue);
      j.field("currency", Catalog.CURRENCY);
      itemsMember(j, cart);
    });
    if (!buyer) {
      return;
    }
    String coupon = rng.chance(0.2) ? rng.pick(Catalog.COUPONS) : null;
    if (coupon != null) {
      nextOnPage(v);
      String cartId = v.cartId;
      events.track(v, "Coupon Applied", j -> {
        j.field("order_id", orderId);
        j.optional("cart_id", cartId);
        j.field("coupon", coupon);
      });
    }
    String checkoutId = "chk_" + rng.hex(12);
    long shipping = revenue >= 7500 ? 0 : 599;
    long tax = Math.round(revenue * 0.08);
    long discount = coupon == null ? 0 : Math.round(revenue * 0.1);
    v.now += rng.between(20, 90) * SECOND;
    events.track(v, "Order Completed", j -> {
      j.field("order_id", orderId);
      j.field("checkout_id", checkoutId);
      j.money("total", revenue + shipping + tax);
      j.money("revenue", revenue);
      j.money("shipping", shipping);
      j.money("tax", tax);
      j.money("discount", discount);
      j.optional("coupon", coupon);
      j.field("currency", Catalog.CURRENCY);
      itemsMember(j, cart);
    });
  }

  /** A content visit: blog posts, pricing, videos, now and then a newsletter sign-up. */
  private void read(Visit v) {
    int pages = rng.between(0, 3);
    boolean subscribed = false;
    for (int i = 0; i < pages && !v.closed; i++) {
      next(v);
      double r = rng.nextDouble();
      view(v, r < 0.7 ? blogPage(v) : r < 0.85 ? sitePage(v, "Pricing", "/pricing", "Pricing")
          : sitePage(v, "Home", "/", "Roundtrip Shop"));
      if (v.page != null && v.page.path().startsWith("/blog/") && rng.chance(0.3)
          || v.user.mobile() && rng.chance(0.1)) {
        nextOnPage(v);
        video(v);
      }
      if (!subscribed && rng.chance(0.05)) {
        subscribed = true;
        nextOnPage(v);
        String source = rng.pick(List.of("footer", "blog", "popup"));
        events.track(v, "Newsletter Subscribed", j -> {
          j.field("list", "weekly");
          j.field("source", source);
        });
      }
    }
  }

  /** One track call named {@code Custom Event <type>}, with the same four properties for every type. */
  void customEvent(UserProfile user, long at, int type) {
    Visit v = visit(user, at);
    long count = rng.between(1, 20);
    boolean flag = rng.chance(0.5);
    events.track(v, "Custom Event " + type, j -> {
      j.field("plan", rng.chance(0.3) ? "pro" : "free");
      j.field("count", count);
      j.field("amount", count * 2.5);
      j.field("enabled", flag);
    });
  }

  private void video(Visit v) {
    Catalog.Video video = rng.pick(Catalog.VIDEOS);
    long position = (long) (rng.nextDouble() * video.duration() * 0.3);
    boolean fullscreen = rng.chance(0.25);
    events.track(v, "Video Played", j -> {
      j.field("video_id", video.id());
      j.field("position", position);
      j.field("duration", video.duration());
      j.field("fullscreen", fullscreen);
    });
  }

  private void review(Visit v, Product product) {
    double r = rng.nextDouble();
    long rating = r < 0.45 ? 5 : r < 0.7 ? 4 : r < 0.82 ? 3 : r < 0.9 ? 2 : 1;
    String body = rng.pick(Catalog.REVIEW_BODIES);
    // Written by the app, so it is on the device's clock.
    String submittedAt = IsoTime.format(v.now + v.user.skewMillis());
    events.track(v, "Review Submitted", j -> {
      j.field("product_id", product.id());
      j.field("rating", rating);
      j.field("body", body);
      j.field("submitted_at", submittedAt);
    });
  }

  /** One to four items whose list prices roughly make up the order's revenue. */
  private List<Item> planOrder(long target) {
    // A small order is one cheap item, not several items each far dearer than the whole.
    int count = (int) Math.max(1, Math.min(rng.chance(0.4) ? rng.between(2, 4) : 1,
        target / catalog.cheapestPriceCents()));
    List<Item> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Product product = catalog.nearPrice(rng, target / count);
      if (items.stream().noneMatch(item -> item.product() == product)) {
        items.add(new Item(product, rng.chance(0.15) ? 2 : 1));
      }
    }
    return items;
  }

  /**
   * The person's mean order value times log-normal noise (mean 1), in cents. Item list prices do
   * not add up to it exactly; the difference stands for discounts and price changes.
   */
  private long revenueOf(UserProfile user) {
    double sigma = 0.45;
    double noise = Math.exp(sigma * rng.normal() - sigma * sigma / 2);
    return Math.max(100, Math.round(user.meanOrderCents() * noise));
  }

  private static long cartValue(List<Item> cart) {
    long cents = 0;
    for (Item item : cart) {
      cents += item.product().priceCents() * item.quantity();
    }
    return cents;
  }

  private static int quantityOf(List<Item> items, Product product) {
    for (Item item : items) {
      if (item.product() == product) {
        return item.quantity();
      }
    }
    return 1;
  }

  private void view(Visit v, Page page) {
    if (v.user.mobile()) {
      events.screen(v, page);
    } else {
      events.page(v, page);
    }
  }

  /** Time to read a page and click on. */
  private void next(Visit v) {
    v.now += 3 * SECOND + (long) rng.exponential(45 * SECOND);
  }

  /** Time between a page loading and an action on it. */
  private void nextOnPage(Visit v) {
    v.now += rng.between(2, 20) * SECOND;
  }

  private Page sitePage(Visit v, String name, String path, String title) {
    String referrer = v.page == null ? v.landingReferrer : v.page.url();
    return new Page(name, path, title, "", referrer, Catalog.SITE + path);
  }

  private Page categoryPage(Visit v, Category category) {
    return sitePage(v, "Category", "/store/" + category.slug(), category.title() + " | Roundtrip Shop");
  }

  private Page productPage(Visit v, Product product) {
    return sitePage(v, "Product", product.path(), product.name() + " | Roundtrip Shop");
  }

  private Page blogPage(Visit v) {
    String slug = rng.pick(Catalog.BLOG_SLUGS);
    return sitePage(v, "Blog Post", "/blog/" + slug, slug.replace('-', ' ') + " | Roundtrip Journal");
  }

  private static void productMembers(JsonLine j, Product product) {
    j.field("product_id", product.id());
    j.field("sku", product.sku());
    j.field("name", product.name());
    j.field("category", product.category().title());
    j.field("brand", product.brand());
    j.money("price", product.priceCents());
    j.field("currency", Catalog.CURRENCY);
  }

  private static void itemsMember(JsonLine j, List<Item> items) {
    j.startArray("products");
    for (Item item : items) {
      j.startObject();
      j.field("product_id", item.product().id());
      j.field("sku", item.product().sku());
      j.field("name", item.product().name());
      j.money("price", item.product().priceCents());
      j.field("quantity", (long) item.quantity());
      j.endObject();
    }
    j.endArray();
  }
}
