package io.roundtrip.warehouse.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names of staging tables: {@code s_<UTC time made, to the second>_<64 random bits>}, lower-case and
 * 35 characters, so that every dialect keeps them whole and a sweep can tell their age from the name
 * alone (the catalogs do not keep a table's creation time in a portable place).
 */
final class StageNames {

  /** Staging tables older than this are garbage of a crashed load: no load stages for a day. */
  static final Duration ABANDONED_AFTER = Duration.ofHours(24);

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

  private StageNames() {}

  static String next(Instant now) {
    return "s_" + TIME.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC)) + "_"
        + String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  /** When a staging table of this name was made; empty for a name that is not one of ours. */
  static Optional<Instant> madeAt(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.matches("s_\\d{14}_[0-9a-f]{16}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(lower.substring(2, 16), TIME).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static boolean abandoned(String name, Instant now) {
    return madeAt(name).map(made -> made.plus(ABANDONED_AFTER).isBefore(now)).orElse(false);
  }
}
