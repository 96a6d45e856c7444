package io.roundtrip.models.funnels;

/** How strictly a person's events must follow the funnel's steps. */
public enum OrderType {
  /** Steps in order; any other events may happen in between. */
  SEQUENTIAL,
  /** Steps in order, each step the very next event of the person after the previous step. */
  STRICT
}
