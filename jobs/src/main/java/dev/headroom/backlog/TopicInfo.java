package dev.headroom.backlog;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import dev.headroom.common.Exemplar;
import dev.headroom.common.Table;
import dev.headroom.common.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What the backlog says about each topic besides its figures: the latest label, label terms and
 * exemplars from {@code topics}, the fine topics of a parent, and the dominant agent tag in the
 * window.
 */
final class TopicInfo {

  private final int level;
  private final Map<Integer, Row> latest;
  private final Map<Integer, List<BacklogEntry.Subtopic>> subtopics;
  private final Map<Integer, Map<String, Long>> tags;
  private final Taxonomy taxonomy;

  private TopicInfo(
      int level,
      Map<Integer, Row> latest,
      Map<Integer, List<BacklogEntry.Subtopic>> subtopics,
      Map<Integer, Map<String, Long>> tags,
      Taxonomy taxonomy) {
    this.level = level;
    this.latest = latest;
    this.subtopics = subtopics;
    this.tags = tags;
    this.taxonomy = taxonomy;
  }

  /**
   * Reads the topics' latest descriptions and the window's subtopics and tags; the team's taxonomy
   * names and tags topics over what discover found.
   */
  static TopicInfo read(
      Dataset<Row> topics, Dataset<Row> placed, boolean parentLevel, Taxonomy taxonomy) {
    Map<Integer, Row> latest = new HashMap<>();
    var newestFirst =
        Window.partitionBy(col("topic_id")).orderBy(col("created_at").desc(), col("run_id").desc());
    for (Row r :
        topics
            .withColumn("position", row_number().over(newestFirst))
            .filter(col("position").equalTo(1))
            .select("topic_id", "label", "label_terms", "exemplars")
            .collectAsList()) {
      latest.put(r.getInt(0), r);
    }
    // One pass over the contacts: counts per topic, fine topic and agent tag.
    Map<Integer, Map<Integer, Long>> fineCounts = new TreeMap<>();
    Map<Integer, Map<String, Long>> tags = new TreeMap<>();
    for (Row r :
        placed
            .groupBy(ContactTransforms.TOPIC, "fine_topic_id", "agent_tag")
            .count()
            .collectAsList()) {
      int topic = r.getInt(0);
      fineCounts
          .computeIfAbsent(topic, t -> new TreeMap<>())
          .merge(r.getInt(1), r.getLong(3), Long::sum);
      if (!r.isNullAt(2)) {
        tags.computeIfAbsent(topic, t -> new TreeMap<>())
            .merge(r.getString(2), r.getLong(3), Long::sum);
      }
    }
    Map<Integer, List<BacklogEntry.Subtopic>> subtopics = new TreeMap<>();
    if (parentLevel) {
      fineCounts.forEach(
          (topic, fines) -> {
            List<BacklogEntry.Subtopic> list = new ArrayList<>();
            fines.forEach(
                (fine, count) -> {
                  if (fine.equals(topic)) {
                    // A topic that is its own parent (the team's seeded or split-off topics).
                    return;
                  }
                  Row described = latest.get(fine);
                  String name = taxonomy.names().get(fine);
                  list.add(
                      new BacklogEntry.Subtopic(
                          fine,
                          name != null ? name : described == null ? null : described.getString(1),
                          count));
                });
            list.sort(
                Comparator.comparingLong(BacklogEntry.Subtopic::tickets)
                    .reversed()
                    .thenComparingInt(BacklogEntry.Subtopic::topicId));
            subtopics.put(topic, list);
          });
    }
    return new TopicInfo(
        parentLevel ? Table.Topics.LEVEL_PARENT : Table.Topics.LEVEL_TOPIC,
        latest,
        subtopics,
        tags,
        taxonomy);
  }

  int level() {
    return level;
  }

  String label(int topicId) {
    String name = taxonomy.names().get(topicId);
    if (name != null) {
      return name;
    }
    Row r = latest.get(topicId);
    return r == null ? "topic " + topicId : r.getString(1);
  }

  /** The team's tag for the topic, or null. */
  String teamTag(int topicId) {
    return taxonomy.tags().get(topicId);
  }

  /** Why the team marked the topic not actionable, or null when it did not. */
  String notActionable(int topicId) {
    return taxonomy.notActionable().get(topicId);
  }

  List<String> labelTerms(int topicId) {
    Row r = latest.get(topicId);
    return r == null ? List.of() : r.getList(2);
  }

  List<BacklogEntry.Subtopic> subtopics(int topicId) {
    return subtopics.getOrDefault(topicId, List.of());
  }

  List<Exemplar> exemplars(int topicId) {
    Row r = latest.get(topicId);
    if (r == null) {
      return List.of();
    }
    List<Exemplar> exemplars = new ArrayList<>();
    for (Row e : r.<Row>getList(3)) {
      exemplars.add(new Exemplar(e.getString(0), e.getString(1)));
    }
    return exemplars;
  }

  /** The most common agent tag (ties by name), or null. */
  String dominantTag(int topicId) {
    Map.Entry<String, Long> top = topTag(topicId);
    return top == null ? null : top.getKey();
  }

  /** The dominant tag's share of the topic's tagged contacts, or null. */
  Double dominantTagShare(int topicId) {
    Map.Entry<String, Long> top = topTag(topicId);
    if (top == null) {
      return null;
    }
    long tagged = tags.get(topicId).values().stream().mapToLong(Long::longValue).sum();
    return (double) top.getValue() / tagged;
  }

  private Map.Entry<String, Long> topTag(int topicId) {
    Map<String, Long> counts = tags.get(topicId);
    if (counts == null || counts.isEmpty()) {
      return null;
    }
    return counts.entrySet().stream()
        .max(
            Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .orElseThrow();
  }
}
