package io.roundtrip.reverseetl.destination;

/** What a sync asks a destination to do with a record. */
public enum Operation {
  /** Create a record the destination does not have (for Promoter: also send the survey). */
  INSERT,
  /** Change a record the destination has. */
  UPDATE,
  /** Create or change, whichever applies. */
  UPSERT,
  /** Delete a record this sync created (mirror mode). */
  DELETE,
  /** Add the record to the configured list, segment or group. */
  ADD,
  /** Take the record out of the configured list, segment or group. */
  REMOVE
}
