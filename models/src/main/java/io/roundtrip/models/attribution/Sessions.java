package io.roundtrip.models.attribution;

import io.roundtrip.models.events.TouchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a person's events into sessions: a new session starts when the gap since the previous
 * event is MORE than the inactivity timeout. A gap of exactly the timeout stays in the same
 * session, as with Google Analytics' "30 minutes of inactivity" (the session has not yet been
 * idle for longer than 30 minutes).
 */
public final class Sessions {

  public static final Duration DEFAULT_INACTIVITY = Duration.ofMinutes(30);

  private Sessions() {}

  /** Sessions with the default 30-minute inactivity timeout. */
  public static List<Session> split(List<TouchEvent> sortedEvents) {
    return split(sortedEvents, DEFAULT_INACTIVITY);
  }

  /**
   * @param sortedEvents one person's events, sorted by time
   * @throws IllegalArgumentException when the events are not sorted by time
   */
  public static List<Session> split(List<TouchEvent> sortedEvents, Duration inactivity) {
    TouchEvent.requireSorted(sortedEvents);
    List<Session> sessions = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= sortedEvents.size(); i++) {
      boolean cut = i == sortedEvents.size()
          || Duration.between(sortedEvents.get(i - 1).timestamp(), sortedEvents.get(i).timestamp())
              .compareTo(inactivity) > 0;
      if (cut) {
        List<TouchEvent> part = sortedEvents.subList(from, i);
        sessions.add(new Session(
            part.get(0).timestamp(), part.get(part.size() - 1).timestamp(), part));
        from = i;
      }
    }
    return sessions;
  }
}
