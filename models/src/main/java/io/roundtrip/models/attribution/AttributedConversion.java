package io.roundtrip.models.attribution;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One conversion with the touches that led to it and every model's credits.
 *
 * @param time when the conversion happened
 * @param revenue its revenue
 * @param touches the touches in the lookback window, oldest first; just "(direct)" when none
 * @param credits for each model, one credit per touch that model gives points to
 */
public record AttributedConversion(
    Instant time, double revenue, List<Touch> touches, List<Credit> credits)
    implements Serializable {

  public AttributedConversion {
    touches = List.copyOf(touches);
    credits = List.copyOf(credits);
  }

  /** The credits of one model, oldest touch first. */
  public List<Credit> credits(AttributionModel model) {
    return credits.stream().filter(c -> c.model() == model).toList();
  }
}
