package dev.headroom.ingest;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of one input's rows: {@code read = clean + rejected + outsideWindow}.
 *
 * @param read rows read
 * @param clean rows written to the clean table
 * @param rejectedByReason rows written to {@code rejects}, per reason code
 * @param outsideWindow rows dated outside {@code --from}/{@code --to}, left for another run
 */
public record InputCounts(
    long read, long clean, Map<String, Long> rejectedByReason, long outsideWindow) {

  /** Copies the map so the record stays immutable and sorted by reason. */
  public InputCounts {
    rejectedByReason = Collections.unmodifiableMap(new TreeMap<>(rejectedByReason));
  }

  /** Rows rejected for any reason. */
  public long rejected() {
    return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The counts as {@code runs} table entries, each key prefixed with the input kind. */
  public Map<String, Long> asRunCounts(String kind) {
    Map<String, Long> counts = new TreeMap<>();
    counts.put(kind + "_read", read);
    counts.put(kind + "_clean", clean);
    counts.put(kind + "_rejected", rejected());
    counts.put(kind + "_outside_window", outsideWindow);
    rejectedByReason.forEach((reason, n) -> counts.put(kind + "_rejected." + reason, n));
    return counts;
  }
}
