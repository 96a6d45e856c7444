package io.roundtrip.orchestration.graph;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The data a run is for: days from {@code start} (inclusive) to {@code end} (exclusive), as text so
 * the same job can give its command for a date or for an Airflow template.
 */
public record DataInterval(String start, String end) {

  /** Airflow's interval of the run, as dates (its {@code ds} filter). */
  public static final DataInterval AIRFLOW =
      new DataInterval("{{ data_interval_start | ds }}", "{{ data_interval_end | ds }}");

  public static DataInterval day(LocalDate day) {
    return new DataInterval(day.toString(), day.plusDays(1).toString());
  }

  /** One interval per day from {@code start} to {@code end}, both inclusive: a backfill is single days in order. */
  public static List<DataInterval> days(LocalDate start, LocalDate end) {
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("The end day " + end + " is before the start day " + start);
    }
    List<DataInterval> days = new ArrayList<>();
    for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
      days.add(day(day));
    }
    return days;
  }

  /** The interval's arguments, as every job passes them. */
  public List<String> arguments() {
    return List.of("--start", start, "--end", end);
  }
}
