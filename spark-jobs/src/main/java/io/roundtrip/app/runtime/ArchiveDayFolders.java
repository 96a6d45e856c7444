package io.roundtrip.app.runtime;

import io.roundtrip.loaders.archive.ArchiveDays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The day folders of an archive that a data interval covers: Segment's archive has one folder per
 * day under the source's folder, named by the epoch milliseconds of the day's start (or
 * {@code YYYY-MM-DD}); a load for an interval reads those folders only.
 */
public final class ArchiveDayFolders {

  private ArchiveDayFolders() {}

  /** The folders directly under {@code input} whose day is in [start, end), in day order. */
  public static List<String> within(String input, LocalDate start, LocalDate end, Configuration hadoop) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("--end " + end + " must be after --start " + start
          + " (the interval is start inclusive, end exclusive)");
    }
    Path root = new Path(input);
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root)) {
        throw new IllegalArgumentException("Input not found: " + input);
      }
      List<Day> days = new ArrayList<>();
      for (FileStatus status : fs.listStatus(root)) {
        if (!status.isDirectory()) {
          continue;
        }
        LocalDate day;
        try {
          day = ArchiveDays.dayOf(status.getPath().getName() + "/file");
        } catch (IllegalArgumentException notADay) {
          continue;
        }
        if (!day.isBefore(start) && day.isBefore(end)) {
          days.add(new Day(day, status.getPath().toString()));
        }
      }
      days.sort(Comparator.comparing(Day::day).thenComparing(Day::folder));
      return days.stream().map(Day::folder).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + input, e);
    }
  }

  private record Day(LocalDate day, String folder) {}
}
