package dev.headroom.vacuum;

import java.util.Locale;
import java.util.Map;

/**
 * What {@code vacuum} removed.
 *
 * @param runId the vacuum run's id
 * @param outputRoot the warehouse it cleaned
 * @param retentionHours versions younger than this kept their files
 * @param removed files removed per table, and model folders under {@code models}
 * @param seconds wall seconds per step
 */
public record VacuumResult(
    String runId,
    String outputRoot,
    int retentionHours,
    Map<String, Long> removed,
    Map<String, Double> seconds) {

  /** Copies the counts so the result stays immutable. */
  public VacuumResult {
    removed = Map.copyOf(removed);
    seconds = Map.copyOf(seconds);
  }

  /** All files and model folders removed. */
  public long total() {
    return removed.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The summary the command line prints: per table what went, then the total. */
  public String summary() {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "vacuum %s: %s, files older than %,d hours that no current version reads%n",
                runId,
                outputRoot,
                retentionHours));
    new java.util.TreeMap<>(removed)
        .forEach(
            (name, n) ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  %-14s %,6d removed  %5.1f s%n",
                        name,
                        n,
                        seconds.getOrDefault("vacuum." + name, 0.0))));
    // The tables are vacuumed side by side, so their seconds overlap: the total is the wall time.
    out.append(
        String.format(
            Locale.ROOT,
            "  %-14s %,6d removed  %5.1f s (the tables side by side)%n",
            "total",
            total(),
            seconds.getOrDefault("vacuum", 0.0) + seconds.getOrDefault("vacuum.models", 0.0)));
    return out.toString();
  }
}
