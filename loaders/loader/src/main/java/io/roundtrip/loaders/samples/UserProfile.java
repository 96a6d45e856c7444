package io.roundtrip.loaders.samples;

import java.util.Map;

/**
 * What is fixed about one person for the whole run, decided before any day is generated so that
 * days can be generated independently and still agree (same ids, same identify time, same device).
 *
 * @param userId null for someone who never identifies
 * @param identifyAt when they first identify; {@link Long#MAX_VALUE} if never. Earlier events carry
 *     only the anonymousId, later ones both ids.
 * @param activity relative number of visits (gamma-distributed: a few people make most visits)
 * @param skewMillis how far the device clock is off, added to true time in device timestamps
 * @param context the fixed members of {@code context} (library, device, locale ...) as JSON
 * @param purchasePropensity chance that a visit ends in an order; zero for people who never buy
 * @param meanOrderCents the typical size of their orders
 * @param traits what the first identify sends
 * @param company the company they belong to, or null
 * @param firstDay the day they first visit
 * @param lastDay the last day they visit: people stop coming back (the churn lifetime-value
 *     models estimate); some stay for the whole run
 */
record UserProfile(
    int index,
    String anonymousId,
    String userId,
    long identifyAt,
    double activity,
    boolean mobile,
    Catalog.Place place,
    int skewMillis,
    String context,
    String carrier,
    double purchasePropensity,
    long meanOrderCents,
    Catalog.Category favouriteCategory,
    boolean sendsAlias,
    Company company,
    Map<String, Object> traits,
    int firstDay,
    int lastDay) {

  boolean activeOn(int day) {
    return day >= firstDay && day <= lastDay;
  }

  boolean identifiedAt(long time) {
    return time >= identifyAt;
  }
}
