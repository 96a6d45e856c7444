package io.roundtrip.loaders.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The day an archive file belongs to, from the folder it is in: Segment's S3 archive names a day's
 * folder by the epoch milliseconds of its start ({@code segment-logs/<source>/1767225600000/...});
 * a folder named {@code 2026-01-01} (or {@code day=2026-01-01}) works too.
 */
public final class ArchiveDays {

  private ArchiveDays() {}

  public static LocalDate dayOf(String path) {
    String[] parts = path.replace('\\', '/').split("/");
    for (int i = parts.length - 2; i >= 0; i--) {
      String folder = parts[i].startsWith("day=") ? parts[i].substring(4) : parts[i];
      if (folder.matches("\\d{12,14}")) {
        return Instant.ofEpochMilli(Long.parseLong(folder)).atZone(ZoneOffset.UTC).toLocalDate();
      }
      try {
        return LocalDate.parse(folder);
      } catch (DateTimeParseException e) {
        // not a day folder; look further up
      }
    }
    throw new IllegalArgumentException("Cannot tell which archive day " + path + " belongs to: --reload --since "
        + "needs files in day folders (epoch milliseconds, as Segment's archive has them, or YYYY-MM-DD)");
  }
}
