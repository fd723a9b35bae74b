package dev.headroom.ingest;

import dev.headroom.common.HeadroomConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The limits a row must meet to be taken, fixed for one run.
 *
 * @param maxTextChars texts longer than this are rejected
 * @param earliest rows dated before this instant are out of range
 * @param latest rows dated after this instant are out of range
 */
public record IngestRules(int maxTextChars, Instant earliest, Instant latest) {

  /** The rules of a run that started at {@code runStart}, from the validated config. */
  public static IngestRules of(HeadroomConfig config, Instant runStart) {
    return of(
        config.maxTextChars(),
        config.minDate(),
        config.maxFutureDays(),
        config.timeZone(),
        runStart);
  }

  /** The rules from explicit limits; dates are counted in {@code zone}. */
  public static IngestRules of(
      int maxTextChars, LocalDate minDate, int maxFutureDays, ZoneId zone, Instant runStart) {
    return new IngestRules(
        maxTextChars,
        minDate.atStartOfDay(zone).toInstant(),
        runStart.plus(maxFutureDays, ChronoUnit.DAYS));
  }
}
