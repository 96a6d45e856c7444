package io.roundtrip.models.attribution;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A marketing touch that may get credit for a conversion: a session that came from a campaign, a
 * page view of a referral link, or "(direct)" when nothing touched the person.
 *
 * <p>All three share the campaign's shape (name, source, medium) so one report can group them:
 * a referral is campaign "referral", source = its channel, medium "referral". Missing campaign
 * values are {@value #NONE}, never null, so they group instead of vanishing.
 *
 * @param time when it happened (for "(direct)", the conversion time)
 * @param type what kind of touch it is
 * @param campaign campaign name
 * @param source campaign source, or the referral's channel
 * @param medium campaign medium
 * @param advocate for a referral, the share code of the person who shared the link; else null
 */
public record Touch(
    Instant time, Type type, String campaign, String source, String medium, String advocate)
    implements Serializable {

  /** Stands for a missing campaign value. */
  public static final String NONE = "(none)";
  public static final String DIRECT = "(direct)";
  public static final String REFERRAL = "referral";

  /** What brought the touch about. */
  public enum Type {
    CAMPAIGN,
    REFERRAL,
    DIRECT
  }

  public Touch {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(type, "type");
    campaign = orNone(campaign);
    source = orNone(source);
    medium = orNone(medium);
  }

  public static Touch campaign(Instant time, String name, String source, String medium) {
    return new Touch(time, Type.CAMPAIGN, name, source, medium, null);
  }

  public static Touch referral(Instant time, Referral referral) {
    return new Touch(time, Type.REFERRAL, REFERRAL, referral.channel(), REFERRAL,
        referral.shareCode());
  }

  /** The touch credited when a conversion had no other touch. */
  public static Touch direct(Instant conversionTime) {
    return new Touch(conversionTime, Type.DIRECT, DIRECT, DIRECT, NONE, null);
  }

  /** "campaign / source / medium", for grouping credits. */
  public String label() {
    return campaign + " / " + source + " / " + medium;
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? NONE : value;
  }
}
