package io.roundtrip.loaders.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Serialises Segment calls into one day's lines: the envelope (ids, the three clocks), the
 * context, and what the caller writes for the call itself. Stops accepting events when the day's
 * quota is reached, so the total comes out exact.
 *
 * <p>Timing model: an event truly happens at {@code t}. The device stamps it with its own clock
 * ({@code originalTimestamp = t + skew}), sends it in a batch up to 10 s later ({@code sentAt}),
 * and the server receives it a network delay after sending ({@code receivedAt}, server clock).
 * Segment's corrected {@code timestamp = receivedAt - (sentAt - originalTimestamp)} therefore
 * equals {@code t + network delay}: the device's skew cancels out.
 */
final class EventWriter {

  private final Rng rng;
  private final int quota;
  /** No event may be received later than this, so a retry can still land later the same day. */
  private final long lastReceivedAt;
  private final JsonLine json = new JsonLine();
  private final List<Line> lines;
  private final Map<String, Long> countsByType = new TreeMap<>();

  EventWriter(Rng rng, int quota, long lastReceivedAt) {
    this.rng = rng;
    this.quota = quota;
    this.lastReceivedAt = lastReceivedAt;
    this.lines = new ArrayList<>(quota);
  }

  boolean full() {
    return lines.size() >= quota;
  }

  int count() {
    return lines.size();
  }

  /** The valid events in the order they were generated. */
  List<Line> lines() {
    return lines;
  }

  Map<String, Long> countsByType() {
    return countsByType;
  }

  boolean page(Visit v, Page page) {
    v.page = page;
    boolean written = emit(v, "page", j -> {
      j.field("name", page.name());
      j.startObject("properties");
      pageMembers(j, page);
      j.endObject();
    });
    v.campaign = null;
    return written;
  }

  boolean screen(Visit v, Page screen) {
    return emit(v, "screen", j -> {
      j.field("name", screen.name());
      j.startObject("properties");
      j.field("title", screen.title());
      j.endObject();
    });
  }

  boolean track(Visit v, String event, Consumer<JsonLine> properties) {
    return emit(v, "track", j -> {
      j.field("event", event);
      j.startObject("properties");
      properties.accept(j);
      j.endObject();
    });
  }

  boolean identify(Visit v, Map<String, Object> traits) {
    return emit(v, "identify", j -> j.value("traits", traits));
  }

  boolean group(Visit v, String groupId, Map<String, Object> traits) {
    return emit(v, "group", j -> {
      j.field("groupId", groupId);
      j.value("traits", traits);
    });
  }

  boolean alias(Visit v) {
    return emit(v, "alias", j -> j.field("previousId", v.user.anonymousId()));
  }

  private boolean emit(Visit v, String type, Consumer<JsonLine> call) {
    if (v.closed || full()) {
      v.closed = true;
      return false;
    }
    UserProfile user = v.user;
    long t = v.now;
    int batching = rng.nextInt(10_001);
    int network = 30 + rng.nextInt(370) + (rng.chance(0.03) ? rng.nextInt(3000) : 0);
    long original = t + user.skewMillis();
    long sent = original + batching;
    long received = t + batching + network;
    if (received > lastReceivedAt) {
      v.closed = true;
      return false;
    }

    JsonLine j = json;
    j.begin();
    j.field("anonymousId", user.anonymousId());
    j.startObject("context");
    j.raw(user.context());
    if (v.campaign != null && type.equals("page")) {
      j.startObject("campaign");
      j.field("name", v.campaign.name());
      j.field("source", v.campaign.source());
      j.field("medium", v.campaign.medium());
      j.optional("term", v.campaignTerm);
      j.optional("content", v.campaignContent);
      j.endObject();
    }
    if (user.mobile()) {
      j.startObject("network");
      j.field("wifi", v.wifi);
      j.field("carrier", user.carrier());
      j.endObject();
    } else if (v.page != null) {
      j.startObject("page");
      pageMembers(j, v.page);
      j.endObject();
    }
    j.endObject();
    call.accept(j);
    if (rng.chance(0.3)) {
      j.emptyObject("integrations");
    }
    int messageIdAt = j.field("messageId", rng.uuid());
    j.timestamp("originalTimestamp", original);
    int receivedAtAt = j.timestamp("receivedAt", received);
    int sentAtAt = j.timestamp("sentAt", sent);
    if (rng.chance(0.5)) {
      j.timestamp("timestamp", received - (sent - original));
    }
    int typeAt = j.field("type", type);
    if (user.userId() != null && user.identifiedAt(t)) {
      j.field("userId", user.userId());
    }
    lines.add(new Line(received, sent, lines.size(), j.end(), messageIdAt, receivedAtAt, sentAtAt, typeAt));
    countsByType.merge(type, 1L, Long::sum);
    return true;
  }

  private static void pageMembers(JsonLine j, Page page) {
    j.field("path", page.path());
    j.field("referrer", page.referrer());
    j.field("search", page.search());
    j.field("title", page.title());
    j.field("url", page.url());
  }
}
