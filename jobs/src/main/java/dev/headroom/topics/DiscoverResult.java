package dev.headroom.topics;

import dev.headroom.common.Table;
import dev.headroom.common.TerminalText;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@code discover} run found.
 *
 * @param runId the run id
 * @param k the number of fine topics
 * @param kChosenBy the rule that gave k
 * @param parents the number of parent topics
 * @param silhouetteByK the k candidates and their silhouettes (empty when k was configured)
 * @param parentStabilityByK for each candidate but the last, how alike its parents are to the next
 *     candidate's (adjusted Rand index; empty when k was configured)
 * @param termWeighting how a term weighs in one ticket: presence, or sublinear for long texts
 * @param vocabulary the terms the model kept (at most {@code topics.vocabulary-size})
 * @param mergedFineTopics the selection sample's fine topics merged into the k-means's starting
 *     centres, or 0 when k-means|| seeded it
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
    KChoice.Rule kChosenBy,
    int parents,
    Map<Integer, Double> silhouetteByK,
    Map<Integer, Double> parentStabilityByK,
    String termWeighting,
    int vocabulary,
    int mergedFineTopics,
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
   * @param level {@link Table.Topics#LEVEL_PARENT} or {@link Table.Topics#LEVEL_TOPIC}
   * @param parentTopicId the parent's id for a fine topic, else null
   * @param previousTopicId the previous run's topic it continues, or null
   * @param labelTerms distinctive terms, best first
   * @param size tickets in it
   * @param dominantTag the most common agent tag, or null
   * @param dominantTagShare that tag's share of the topic's tagged tickets
   */
  public record Topic(
      int topicId,
      int level,
      Integer parentTopicId,
      Integer previousTopicId,
      List<String> labelTerms,
      long size,
      String dominantTag,
      Double dominantTagShare) {}

  /** A table for the terminal: parent topics by size, each with its fine topics. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "discover %s: %,d tickets, %d topics in %d parents, %,d unclassified (%.1f%%)%n",
            runId,
            tickets,
            k,
            parents,
            unclassified,
            tickets == 0 ? 0.0 : 100.0 * unclassified / tickets));
    if (!silhouetteByK.isEmpty()) {
      boolean settled = kChosenBy == KChoice.Rule.PARENTS_KEPT;
      out.append(
          String.format(
              Locale.ROOT,
              settled
                  ? "  k = %d, the first candidate whose parent topics the next one keeps"
                      + " (agreement %.2f or more):%n"
                  : "  k = %d, the best silhouette: the parent topics changed from each candidate"
                      + " to the next (agreement below %.2f):%n",
              k,
              KSelection.SAME_PARENTS));
      StringBuilder candidates = new StringBuilder("    candidate k    ");
      StringBuilder kept = new StringBuilder("    parents kept   ");
      StringBuilder silhouettes = new StringBuilder("    silhouette     ");
      silhouetteByK.forEach(
          (candidate, silhouette) -> {
            Double stability = parentStabilityByK.get(candidate);
            candidates.append(String.format(Locale.ROOT, "%7d", candidate));
            kept.append(
                stability == null ? "      -" : String.format(Locale.ROOT, "%7.2f", stability));
            silhouettes.append(String.format(Locale.ROOT, "%7.3f", silhouette));
          });
      out.append(candidates)
          .append('\n')
          .append(kept)
          .append('\n')
          .append(silhouettes)
          .append('\n');
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  k-means started from %s; %,d terms, weighted by %s%n",
            mergedFineTopics > 0
                ? String.format(
                    Locale.ROOT, "%d fine topics of the sample merged into %d", mergedFineTopics, k)
                : "tickets drawn as seeds (k-means||: too few different tickets to merge)",
            vocabulary,
            termWeighting));
    if (tagNmi != null) {
      out.append(
          String.format(
              Locale.ROOT, "  parents vs agent tags: NMI %.3f, ARI %.3f%n", tagNmi, tagAri));
    }
    for (Topic parent : topics) {
      if (parent.level() != Table.Topics.LEVEL_PARENT) {
        continue;
      }
      line(out, parent, "");
      for (Topic child : topics) {
        if (child.parentTopicId() != null && child.parentTopicId() == parent.topicId()) {
          line(out, child, "    ");
        }
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, Topic t, String indent) {
    out.append(
        String.format(
            Locale.ROOT,
            "  %s%4d %7d  %s %s%n",
            indent,
            t.topicId(),
            t.size(),
            TerminalText.fit(
                String.join(" · ", t.labelTerms().subList(0, Math.min(5, t.labelTerms().size()))),
                44),
            t.dominantTag() == null
                ? ""
                : String.format(
                    Locale.ROOT, "[%s %.0f%%]", t.dominantTag(), 100 * t.dominantTagShare())));
  }
}
