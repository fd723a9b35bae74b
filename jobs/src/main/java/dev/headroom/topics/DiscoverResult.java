package dev.headroom.topics;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@code discover} run found.
 *
 * @param runId the run id
 * @param k the number of topics
 * @param silhouetteByK the k candidates and their scores (empty when k was configured)
 * @param topics the topics, largest first
 * @param tickets tickets read
 * @param unclassified tickets with too little content to place
 * @param tagNmi agreement of topics with agent tags (NMI), or null without tags
 * @param tagAri agreement of topics with agent tags (ARI), or null without tags
 * @param modelPath where the fitted pipeline was saved
 * @param stageSeconds wall time per stage
 */
public record DiscoverResult(
    String runId,
    int k,
    Map<Integer, Double> silhouetteByK,
    List<Topic> topics,
    long tickets,
    long unclassified,
    Double tagNmi,
    Double tagAri,
    String modelPath,
    Map<String, Double> stageSeconds) {

  /**
   * One discovered topic.
   *
   * @param topicId stable id
   * @param previousTopicId the previous run's topic it continues, or null
   * @param labelTerms distinctive terms, best first
   * @param size tickets in it
   * @param dominantTag the most common agent tag, or null
   * @param dominantTagShare that tag's share of the topic's tagged tickets
   */
  public record Topic(
      int topicId,
      Integer previousTopicId,
      List<String> labelTerms,
      long size,
      String dominantTag,
      Double dominantTagShare) {}

  /** A table for the terminal: topics by size with their label terms. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "discover %s: %,d tickets, k=%d, %,d unclassified (%.1f%%)%n",
            runId,
            tickets,
            k,
            unclassified,
            tickets == 0 ? 0.0 : 100.0 * unclassified / tickets));
    if (!silhouetteByK.isEmpty()) {
      out.append("  k chosen by silhouette: ");
      silhouetteByK.forEach((kk, s) -> out.append(String.format(Locale.ROOT, "%d:%.3f ", kk, s)));
      out.append('\n');
    }
    if (tagNmi != null) {
      out.append(String.format(Locale.ROOT, "  agreement with agent tags: NMI %.3f, ARI %.3f%n", tagNmi, tagAri));
    }
    for (Topic t : topics) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %4d %7d  %-48s %s%n",
              t.topicId(),
              t.size(),
              String.join(" ", t.labelTerms().subList(0, Math.min(6, t.labelTerms().size()))),
              t.dominantTag() == null ? "" : String.format(Locale.ROOT, "[%s %.0f%%]", t.dominantTag(), 100 * t.dominantTagShare())));
    }
    return out.toString();
  }
}
