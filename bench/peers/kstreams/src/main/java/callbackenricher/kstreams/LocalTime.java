package callbackenricher.kstreams;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** An instant as ISO-8601 wall-clock time with the zone's offset: 2026-11-25T14:03:00.000+01:00. */
final class LocalTime {
  // xxxxx: +01:00, +00:00 for UTC (never Z), seconds only when the offset has them, as the worker.
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxxxx");

  private LocalTime() {}

  /** null when the zone is not a name java.time knows: campaign data is not ours to trust. */
  static String format(long instant, String timeZone) {
    try {
      return FORMAT.format(Instant.ofEpochMilli(instant).atZone(ZoneId.of(timeZone)));
    } catch (DateTimeException e) {
      return null;
    }
  }
}
