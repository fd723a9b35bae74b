package dev.headroom.topics;

import java.util.List;
import java.util.Locale;

/**
 * What one {@code assign} run did.
 *
 * @param runId the run id
 * @param modelRunId the discover run whose model was used
 * @param tickets tickets scored
 * @param unclassified tickets with too little content to place
 * @param emerging tickets far from every topic's centre
 * @param emergingTerms the terms most distinctive for the emerging tickets
 * @param months the months of {@code ticket_topics} this run replaced
 */
public record AssignResult(
    String runId,
    String modelRunId,
    long tickets,
    long unclassified,
    long emerging,
    List<String> emergingTerms,
    List<String> months) {

  /** A few lines for the terminal. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "assign %s with model %s: %,d tickets (%s), %,d unclassified, %,d emerging%s%n",
        runId,
        modelRunId,
        tickets,
        months.isEmpty() ? "-" : months.get(0) + ".." + months.get(months.size() - 1),
        unclassified,
        emerging,
        emergingTerms.isEmpty() ? "" : " (" + String.join(" ", emergingTerms) + ")");
  }
}
