package io.roundtrip.warehouse;

import java.util.List;
import java.util.Map;

/**
 * An upsert: source rows ({@code s}) meet target rows ({@code t}) on equal {@code keys}; the first
 * {@link WhenMatched} whose condition holds updates the target, unmatched source rows are inserted.
 * Conditions and expressions are Spark SQL over {@code s.<column>} and {@code t.<column>}.
 *
 * @param insertValues target column -> expression for unmatched rows; empty inserts nothing
 */
public record MergeSpec(List<String> keys, List<WhenMatched> whenMatched, Map<String, String> insertValues) {

  /**
   * @param condition Spark SQL predicate, or null for "always"
   * @param set target column -> expression
   */
  public record WhenMatched(String condition, Map<String, String> set) {}
}
