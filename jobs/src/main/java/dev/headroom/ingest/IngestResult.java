package dev.headroom.ingest;

import java.util.List;
import java.util.Map;

/**
 * What one {@code ingest} run did.
 *
 * @param runId the run id stamped on its rows and commits
 * @param outputRoot the warehouse root the tables were written under
 * @param tickets what became of the ticket rows
 * @param orders what became of the order rows
 * @param ticketMonths the months of the {@code tickets} table this run replaced
 * @param orderMonths the months of the {@code orders} table this run replaced
 * @param stageSeconds wall time per stage
 */
public record IngestResult(
    String runId,
    String outputRoot,
    InputCounts tickets,
    InputCounts orders,
    List<String> ticketMonths,
    List<String> orderMonths,
    Map<String, Double> stageSeconds) {

  /** A few lines for the terminal: counts per input and reject reasons. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append("ingest ").append(runId).append(" -> ").append(outputRoot).append('\n');
    append(out, "tickets", tickets, ticketMonths);
    append(out, "orders", orders, orderMonths);
    out.append(
        String.format(
            java.util.Locale.ROOT,
            "  seconds: %s%n",
            stageSeconds.entrySet().stream()
                .map(
                    e ->
                        e.getKey()
                            + " "
                            + String.format(java.util.Locale.ROOT, "%.1f", e.getValue()))
                .reduce((a, b) -> a + ", " + b)
                .orElse("-")));
    return out.toString();
  }

  private static void append(
      StringBuilder out, String kind, InputCounts counts, List<String> months) {
    out.append(
        String.format(
            java.util.Locale.ROOT,
            "  %-8s read %,d  clean %,d  rejected %,d  outside window %,d  months %s%n",
            kind,
            counts.read(),
            counts.clean(),
            counts.rejected(),
            counts.outsideWindow(),
            months.isEmpty() ? "-" : months.get(0) + ".." + months.get(months.size() - 1)));
    counts
        .rejectedByReason()
        .forEach(
            (reason, n) ->
                out.append(
                    String.format(java.util.Locale.ROOT, "           %-18s %,d%n", reason, n)));
  }
}
