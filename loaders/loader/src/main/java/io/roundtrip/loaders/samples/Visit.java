package io.roundtrip.loaders.samples;

/** One session of one person: what its events share, and the clock that moves through it. */
final class Visit {

  final UserProfile user;
  final boolean wifi;
  /** True time of the next event. */
  long now;
  /** The page the person is on (web), which every event's context.page repeats. */
  Page page;
  /** The referrer of the landing page; later pages are referred by the previous one. */
  String landingReferrer = "";
  /** Set on a campaign landing, cleared once the landing page call has carried it. */
  Catalog.Campaign campaign;
  String campaignTerm;
  String campaignContent;
  String cartId;
  /**
   * Set when an event could not be written (the day's quota is used up or its receivedAt would
   * fall past the day): the visit is over, every later call is refused too.
   */
  boolean closed;

  Visit(UserProfile user, boolean wifi, long start) {
    this.user = user;
    this.wifi = wifi;
    this.now = start;
  }
}
