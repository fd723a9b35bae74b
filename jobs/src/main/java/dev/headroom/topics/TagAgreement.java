package dev.headroom.topics;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How topics relate to the agent tags tickets already carry: NMI, ARI and each topic's dominant
 * tag.
 *
 * @param nmi normalized mutual information of topics and tags, or null without tags
 * @param ari adjusted Rand index of topics and tags, or null without tags
 * @param dominant per topic number, its most frequent tag
 */
record TagAgreement(Double nmi, Double ari, Map<Integer, DominantTag> dominant) {

  /**
   * A topic's most frequent agent tag.
   *
   * @param tag the tag path, e.g. {@code 배송>지연}
   * @param share its share of the topic's tagged tickets
   */
  record DominantTag(String tag, double share) {}

  /** The agreement of the {@code topic} column of {@code assigned} with its agent tags. */
  static TagAgreement of(Dataset<Row> assigned) {
    return of(ClusterAgreement.topicTagCounts(assigned));
  }

  /**
   * The agreement of topics with agent tags from their contingency table.
   *
   * @param counts topic number (as text) to tag to the count of its tickets with that tag
   */
  static TagAgreement of(Map<String, Map<String, Long>> counts) {
    // Per topic: the most frequent tag (ties by name) and its share of the topic's tagged tickets.
    Map<Integer, DominantTag> dominant = new HashMap<>();
    for (var topic : counts.entrySet()) {
      var top =
          topic.getValue().entrySet().stream()
              .max(
                  Map.Entry.<String, Long>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
              .orElseThrow();
      long tagged = topic.getValue().values().stream().mapToLong(Long::longValue).sum();
      dominant.put(
          Integer.parseInt(topic.getKey()),
          new DominantTag(top.getKey(), (double) top.getValue() / tagged));
    }
    if (counts.isEmpty()) {
      return new TagAgreement(null, null, dominant);
    }
    return new TagAgreement(ClusterAgreement.nmi(counts), ClusterAgreement.ari(counts), dominant);
  }
}
