package io.roundtrip.loaders.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  private static long micros(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  @Test
  void convertsOffsetsToUtc() {
    assertThat(Timestamps.parseMicros("2020-01-24T11:59:02.403+05:30")).isEqualTo(micros("2020-01-24T06:29:02.403Z"));
    assertThat(Timestamps.parseMicros("2020-01-24T06:29:02.403Z")).isEqualTo(micros("2020-01-24T06:29:02.403Z"));
    assertThat(Timestamps.parseMicros("2020-01-24T01:29:02-0500")).isEqualTo(micros("2020-01-24T06:29:02Z"));
  }

  @Test
  void keepsMicrosecondsAndCutsNanoseconds() {
    assertThat(Timestamps.parseMicros("2020-01-24T06:29:02.123456789Z")).isEqualTo(micros("2020-01-24T06:29:02.123456Z"));
    assertThat(Timestamps.parseMicros("2020-01-24T06:29:02.1Z")).isEqualTo(micros("2020-01-24T06:29:02.100Z"));
  }

  @Test
  void readsATimeWithoutZoneAsUtc() {
    assertThat(Timestamps.parseMicros("2020-01-24T06:29")).isEqualTo(micros("2020-01-24T06:29:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2020-01-24", "2020-01-24 06:29:02", "2020-13-01T00:00:00Z", "2020-02-30T00:00:00Z",
      "2020-01-24T25:00:00Z", "not a date", "2020-01-24T06:29:02.Z", "2020-01-24T06:29:02Zjunk", "12345678901234567"})
  void rejectsWhatIsNotAnIsoDateTime(String text) {
    assertThat(Timestamps.isTimestamp(text)).isFalse();
  }

  @Test
  void agreesWithJavaTimeOnEveryDayOfFourCenturies() {
    java.util.Random random = new java.util.Random(7);
    for (java.time.LocalDate day = java.time.LocalDate.of(1800, 1, 1); day.getYear() < 2200; day = day.plusDays(1)) {
      long micros = day.toEpochDay() * 86_400_000_000L + (long) (random.nextDouble() * 86_400_000_000L);
      String text = java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000)
          .toString();
      assertThat(Timestamps.parseMicros(text)).as(text).isEqualTo(micros);
      assertThat(Timestamps.parseMicros(Timestamps.formatMicros(micros))).as(text).isEqualTo(micros);
    }
  }

  @Test
  void knowsLeapYears() {
    assertThat(Timestamps.isTimestamp("2024-02-29T00:00:00Z")).isTrue();
    assertThat(Timestamps.isTimestamp("2000-02-29T00:00:00Z")).isTrue();
    assertThat(Timestamps.isTimestamp("1900-02-29T00:00:00Z")).isFalse();
    assertThat(Timestamps.isTimestamp("2023-02-29T00:00:00Z")).isFalse();
  }

  @Test
  void formatsInUtcWithMicroseconds() {
    assertThat(Timestamps.formatMicros(micros("2020-01-24T06:29:02.403Z"))).isEqualTo("2020-01-24T06:29:02.403000Z");
    assertThat(Timestamps.parseMicros(Timestamps.formatMicros(-1))).isEqualTo(-1);
  }
}
