package io.roundtrip.loaders.samples;

import java.util.Map;

/**
 * A company people can be grouped into. Its traits change once during the run (it grows, or
 * upgrades), so a group call re-sent later can disagree with an earlier one.
 */
record Company(String groupId, Map<String, Object> before, Map<String, Object> after, long changesAt) {

  Map<String, Object> traitsAt(long time) {
    return time < changesAt ? before : after;
  }
}
