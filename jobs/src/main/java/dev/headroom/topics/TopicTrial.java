package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;

import dev.headroom.common.ConfigKeys;
import dev.headroom.common.TopicSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Topics fitted with trial settings on tickets the caller chose (usually a sample), written
 * nowhere: what a tuning notebook compares between k values, stopwords and dictionary entries. The
 * fine topics are k-means' own clusters, before discover merges them into parents.
 */
public final class TopicTrial {

  private TopicTrial() {}

  /**
   * One trial topic.
   *
   * @param topic k-means cluster number
   * @param size tickets placed in it
   * @param labelTerms its most distinctive terms, best first
   * @param dominantTag the agent tag most of its tagged tickets carry, or null
   * @param dominantTagShare that tag's share of its tagged tickets, or null
   */
  public record Topic(
      int topic, long size, List<String> labelTerms, String dominantTag, Double dominantTagShare) {}

  /**
   * What a trial found.
   *
   * @param k the number of topics (fixed, or chosen by the selection criterion)
   * @param kChosenBy the rule that gave k
   * @param silhouetteByK the silhouette per candidate k (empty when k was fixed)
   * @param parentStabilityByK for each candidate but the last, how alike its parents are to the
   *     next candidate's (empty when k was fixed); k is the first at or above {@link
   *     KSelection#SAME_PARENTS}, else the best silhouette
   * @param tickets tickets in the trial
   * @param unclassified tickets with too few known terms to place
   * @param silhouette the silhouette at this k over the placed tickets (what {@code silhouetteByK}
   *     holds for the chosen k), to compare trials at the same k; null for one topic
   * @param tagNmi agreement of the topics with the agent tags (NMI), or null without tags
   * @param topics the topics, largest first
   */
  public record Result(
      int k,
      KChoice.Rule kChosenBy,
      Map<Integer, Double> silhouetteByK,
      Map<Integer, Double> parentStabilityByK,
      long tickets,
      long unclassified,
      Double silhouette,
      Double tagNmi,
      List<Topic> topics) {}

  /** Fits topics on {@code tickets} (columns {@code text}, {@code language}, {@code agent_tag}). */
  public static Result fit(Dataset<Row> tickets, TopicSettings settings) {
    TopicModeler modeler =
        TopicModeler.of(settings)
            .languageColumn("language")
            .parentGrouping("agent_tag", ConfigKeys.TOPICS_PARENT_SIMILARITY_DEFAULT);
    Dataset<Row> tokenized =
        modeler.tokenizerStage().transform(tickets).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      TopicModel fitted = modeler.fit(tokenized);
      Dataset<Row> assigned = fitted.transform(tokenized).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Map<Integer, Long> sizes = new TreeMap<>();
        for (Row r : assigned.groupBy(TopicModeler.TOPIC).count().collectAsList()) {
          sizes.put(r.getInt(0), r.getLong(1));
        }
        long unclassified = sizes.getOrDefault(TopicModeler.UNCLASSIFIED, 0L);
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        Map<Integer, List<String>> labels =
            TopicSummaries.labelTerms(assigned, settings.labelTerms(), total - unclassified);
        TagAgreement tags = TagAgreement.of(assigned);
        // Silhouette compares a ticket's own topic with the next: it needs two topics.
        Double silhouette =
            fitted.getK() < 2
                ? null
                : new ClusteringEvaluator()
                    .setFeaturesCol(TopicModeler.FEATURES)
                    .setPredictionCol(TopicModeler.TOPIC)
                    .setDistanceMeasure("cosine")
                    .evaluate(assigned.filter(col(TopicModeler.TOPIC).geq(0)));
        List<Topic> topics = new ArrayList<>();
        for (var entry : sizes.entrySet()) {
          int topic = entry.getKey();
          if (topic == TopicModeler.UNCLASSIFIED) {
            continue;
          }
          TagAgreement.DominantTag dominant = tags.dominant().get(topic);
          topics.add(
              new Topic(
                  topic,
                  entry.getValue(),
                  labels.getOrDefault(topic, List.of()),
                  dominant == null ? null : dominant.tag(),
                  dominant == null ? null : dominant.share()));
        }
        topics.sort(
            java.util.Comparator.comparingLong(Topic::size)
                .reversed()
                .thenComparingInt(Topic::topic));
        return new Result(
            fitted.getK(),
            fitted.summary().kChosenBy(),
            fitted.summary().silhouetteByK(),
            fitted.summary().parentStabilityByK(),
            total,
            unclassified,
            silhouette,
            tags.nmi(),
            List.copyOf(topics));
      } finally {
        assigned.unpersist();
      }
    } finally {
      tokenized.unpersist();
    }
  }
}
