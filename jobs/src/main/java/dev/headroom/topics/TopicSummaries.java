package dev.headroom.topics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import dev.headroom.common.Exemplar;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What describes a topic to a person: its distinctive terms, the tickets nearest its centre, and
 * its centre as weighted terms (which also gives topics a stable identity across runs).
 */
public final class TopicSummaries {

  /** The working column that tells the two levels' rows apart in one query. */
  private static final String LEVEL = "summary_level";

  private TopicSummaries() {}

  /**
   * The most distinctive terms per topic: frequent in the topic and rare elsewhere, scored as
   * {@code p(term|topic) * log(p(term|topic) / p(term))} over the tickets that contain the term (a
   * term of every ticket scores 0 however frequent; equal scores go to the more frequent term).
   * Terms in fewer than two of the topic's tickets are skipped.
   *
   * @param total the number of placed tickets (topic 0 or above), known to the caller already
   * @return topic number to its terms, best first
   */
  public static Map<Integer, List<String>> labelTerms(
      Dataset<Row> assigned, int perTopic, long total) {
    Dataset<Row> placed = assigned.filter(col(TopicModeler.TOPIC).geq(0));
    Dataset<Row> termsPerTicket =
        placed.select(
            col(TopicModeler.TOPIC), explode(array_distinct(col(TopicModeler.TERMS))).as("term"));
    Dataset<Row> inTopic =
        termsPerTicket.groupBy(TopicModeler.TOPIC, "term").agg(count(lit(1)).as("df_topic"));
    Dataset<Row> overall = termsPerTicket.groupBy("term").agg(count(lit(1)).as("df_all"));
    Dataset<Row> sizes = placed.groupBy(TopicModeler.TOPIC).agg(count(lit(1)).as("size"));
    return byTopic(best(inTopic, overall, sizes, total, perTopic).collectAsList());
  }

  /**
   * {@link #labelTerms} for the topics and for their parents at once, from one pass over the
   * tickets' terms: a parent's tickets are its topics' tickets, so its term counts and size are
   * theirs summed, and both levels score and rank alike.
   *
   * @param parentColumn each ticket's parent topic number (set wherever the topic is 0 or above)
   */
  public static Levels<List<String>> labelTerms(
      Dataset<Row> assigned, String parentColumn, int perTopic, long total) {
    // One pass over the tickets, cached: each ticket's distinct terms and a null term for the
    // ticket itself, counted per topic, so the null term's count is the topic's size. Every
    // figure below is a sum of these few rows; without the cache Spark plans each of them as a
    // scan of its own over every ticket (six at 1M tickets, not shared because each side of the
    // joins below infers different filters).
    Dataset<Row> counted =
        assigned
            .filter(col(TopicModeler.TOPIC).geq(0))
            .select(
                col(TopicModeler.TOPIC),
                col(parentColumn),
                explode(
                        concat(
                            array(lit(null).cast("string")),
                            array_distinct(col(TopicModeler.TERMS))))
                    .as("term"))
            .groupBy(TopicModeler.TOPIC, parentColumn, "term")
            .agg(count(lit(1)).as("df_topic"))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> inTopic = counted.filter(col("term").isNotNull());
      Dataset<Row> sizes =
          counted
              .filter(col("term").isNull())
              .select(col(TopicModeler.TOPIC), col(parentColumn), col("df_topic").as("size"));
      Dataset<Row> inParent =
          inTopic
              .groupBy(col(parentColumn).as(TopicModeler.TOPIC), col("term"))
              .agg(sum("df_topic").as("df_topic"));
      Dataset<Row> overall = inTopic.groupBy("term").agg(sum("df_topic").as("df_all"));
      Dataset<Row> parentSizes =
          sizes.groupBy(col(parentColumn).as(TopicModeler.TOPIC)).agg(sum("size").as("size"));
      Dataset<Row> both =
          best(inTopic.drop(parentColumn), overall, sizes.drop(parentColumn), total, perTopic)
              .withColumn(LEVEL, lit(0))
              .unionByName(
                  best(inParent, overall, parentSizes, total, perTopic).withColumn(LEVEL, lit(1)));
      List<Row> rows = both.collectAsList();
      return new Levels<>(
          byTopic(rows.stream().filter(r -> r.<Integer>getAs(LEVEL) == 0).toList()),
          byTopic(rows.stream().filter(r -> r.<Integer>getAs(LEVEL) == 1).toList()));
    } finally {
      counted.unpersist();
    }
  }

  /** Each topic's {@code perTopic} best-scoring terms as rows of (topic, rank, term). */
  private static Dataset<Row> best(
      Dataset<Row> inTopic, Dataset<Row> overall, Dataset<Row> sizes, long total, int perTopic) {
    // Equal scores (every term scores 0 when one topic holds every ticket) go to the term more of
    // the topic's tickets have, not to the alphabet.
    var best =
        Window.partitionBy(TopicModeler.TOPIC)
            .orderBy(col("score").desc(), col("df_topic").desc(), col("term"));
    return inTopic
        .filter(col("df_topic").geq(2))
        .join(overall, "term")
        .join(sizes, TopicModeler.TOPIC)
        .withColumn("p_topic", col("df_topic").divide(col("size")))
        .withColumn("p_all", col("df_all").divide(lit(total)))
        .withColumn("score", col("p_topic").multiply(log(col("p_topic").divide(col("p_all")))))
        .withColumn("rank", row_number().over(best))
        .filter(col("rank").leq(perTopic))
        .select(TopicModeler.TOPIC, "rank", "term");
  }

  /** Rows of (topic, rank, term) as topic number to its terms in rank order. */
  private static Map<Integer, List<String>> byTopic(List<Row> ranked) {
    Map<Integer, List<String>> labels = new TreeMap<>();
    ranked.stream()
        .sorted(
            Comparator.comparingInt((Row r) -> r.<Integer>getAs(TopicModeler.TOPIC))
                .thenComparingInt(r -> r.<Integer>getAs("rank")))
        .forEach(
            r ->
                labels
                    .computeIfAbsent(r.<Integer>getAs(TopicModeler.TOPIC), t -> new ArrayList<>())
                    .add(r.<String>getAs("term")));
    return labels;
  }

  /**
   * The tickets nearest each topic's centre (highest cosine similarity; ties by id, compared as
   * Spark compares strings), and the same for each parent over its topics' tickets. A parent's
   * nearest are among its topics' nearest, so the parents rank only those.
   *
   * @param parentColumn each ticket's parent topic number (set wherever the topic is 0 or above)
   * @return per level, topic number to its exemplars, nearest first
   */
  public static Levels<List<Exemplar>> exemplars(
      Dataset<Row> assigned,
      String parentColumn,
      String idColumn,
      String textColumn,
      int perTopic) {
    // Each partition keeps its own nearest per topic, and merging those keeps each topic's nearest
    // of all: one pass, where ranking by a window moved every ticket's text through a shuffle and
    // a sort, once per level.
    Nearest nearest =
        assigned
            .filter(col(TopicModeler.TOPIC).geq(0))
            .select(
                col(TopicModeler.TOPIC),
                col(parentColumn),
                col(TopicModeler.SIMILARITY),
                col(idColumn).cast("string"),
                col(textColumn))
            .javaRDD()
            .treeAggregate(new Nearest(perTopic), Nearest::add, Nearest::merge);
    Map<Integer, List<Exemplar>> topics = new TreeMap<>();
    Map<Integer, List<Candidate>> inParent = new TreeMap<>();
    nearest.byTopic.forEach(
        (topic, candidates) -> {
          topics.put(topic, candidates.stream().map(Candidate::exemplar).toList());
          candidates.stream()
              .filter(c -> c.parent() != null)
              .forEach(c -> Nearest.keep(inParent, c.parent(), c, perTopic));
        });
    Map<Integer, List<Exemplar>> parents = new TreeMap<>();
    inParent.forEach(
        (parent, candidates) ->
            parents.put(parent, candidates.stream().map(Candidate::exemplar).toList()));
    return new Levels<>(topics, parents);
  }

  /** A ticket that may be one of its topic's nearest. */
  private record Candidate(Integer parent, Double similarity, String id, String text)
      implements Serializable {

    /** Nearest first: the higher similarity (none last), then the smaller id in Spark's order. */
    static final Comparator<Candidate> NEAREST_FIRST =
        Comparator.comparing(
                Candidate::similarity, Comparator.nullsLast(Comparator.<Double>reverseOrder()))
            .thenComparing(c -> UTF8String.fromString(c.id()));

    Exemplar exemplar() {
      return new Exemplar(id, text);
    }
  }

  /** Each topic's nearest tickets seen so far, at most {@code perTopic}, nearest first. */
  private static final class Nearest implements Serializable {
    private final int perTopic;
    private final Map<Integer, List<Candidate>> byTopic = new HashMap<>();

    Nearest(int perTopic) {
      this.perTopic = perTopic;
    }

    /** Takes a row of (topic, parent, similarity, id, text). */
    Nearest add(Row r) {
      Candidate c =
          new Candidate(
              r.isNullAt(1) ? null : r.getInt(1),
              r.isNullAt(2) ? null : r.getDouble(2),
              r.getString(3),
              r.getString(4));
      keep(byTopic, r.getInt(0), c, perTopic);
      return this;
    }

    Nearest merge(Nearest other) {
      other.byTopic.forEach(
          (topic, candidates) -> candidates.forEach(c -> keep(byTopic, topic, c, perTopic)));
      return this;
    }

    /** Puts {@code c} in its place among {@code group}'s nearest, keeping at most {@code n}. */
    static void keep(Map<Integer, List<Candidate>> nearest, int group, Candidate c, int n) {
      if (n <= 0) {
        return;
      }
      List<Candidate> kept = nearest.computeIfAbsent(group, g -> new ArrayList<>(n + 1));
      int at = 0;
      while (at < kept.size() && Candidate.NEAREST_FIRST.compare(kept.get(at), c) <= 0) {
        at++;
      }
      if (at < n) {
        kept.add(at, c);
        if (kept.size() > n) {
          kept.remove(n);
        }
      }
    }
  }

  /**
   * One summary of the topics and of their parents.
   *
   * @param topics per topic number
   * @param parents per parent topic number
   */
  public record Levels<T>(Map<Integer, T> topics, Map<Integer, T> parents) {}

  /** Each topic's centre as its {@code topN} heaviest terms, vocabulary-independent. */
  public static Map<Integer, Map<String, Double>> centreTerms(TopicModel model, int topN) {
    String[] vocabulary = model.vocabulary();
    Vector[] centres = model.centres();
    Map<Integer, Map<String, Double>> result = new TreeMap<>();
    for (int t = 0; t < centres.length; t++) {
      double[] weights = centres[t].toArray();
      Integer[] order = new Integer[weights.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -weights[i]));
      Map<String, Double> terms = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(topN, order.length) && weights[order[i]] > 0; i++) {
        terms.put(vocabulary[order[i]], weights[order[i]]);
      }
      result.put(t, terms);
    }
    return result;
  }

  /** Cosine similarity of two weighted term sets. */
  public static double similarity(Map<String, Double> a, Map<String, Double> b) {
    double dot = 0;
    for (var e : a.entrySet()) {
      Double other = b.get(e.getKey());
      if (other != null) {
        dot += e.getValue() * other;
      }
    }
    double na = Math.sqrt(a.values().stream().mapToDouble(v -> v * v).sum());
    double nb = Math.sqrt(b.values().stream().mapToDouble(v -> v * v).sum());
    return na == 0 || nb == 0 ? 0 : dot / (na * nb);
  }

  /**
   * Gives each new topic an id: a previous topic's id when their centres are at least {@code
   * threshold} similar (best pairs first, each previous id used once), else a new id from {@code
   * nextId} on, larger topics first.
   *
   * @param current topic number to centre terms
   * @param sizes topic number to size
   * @param previous previous topic id to centre terms (empty on the first run)
   * @return topic number to its identity
   */
  public static Map<Integer, Identity> assignIds(
      Map<Integer, Map<String, Double>> current,
      Map<Integer, Long> sizes,
      Map<Integer, Map<String, Double>> previous,
      double threshold,
      int nextId) {
    record Pair(int topic, int previousId, double similarity) {}
    List<Pair> pairs = new ArrayList<>();
    for (var c : current.entrySet()) {
      for (var p : previous.entrySet()) {
        double s = similarity(c.getValue(), p.getValue());
        if (s >= threshold) {
          pairs.add(new Pair(c.getKey(), p.getKey(), s));
        }
      }
    }
    pairs.sort(
        Comparator.comparingDouble(Pair::similarity)
            .reversed()
            .thenComparingInt(Pair::topic)
            .thenComparingInt(Pair::previousId));
    Map<Integer, Identity> ids = new HashMap<>();
    java.util.Set<Integer> usedPrevious = new java.util.HashSet<>();
    for (Pair pair : pairs) {
      if (!ids.containsKey(pair.topic()) && usedPrevious.add(pair.previousId())) {
        ids.put(
            pair.topic(), new Identity(pair.previousId(), pair.previousId(), pair.similarity()));
      }
    }
    List<Integer> unmatched = new ArrayList<>(current.keySet());
    unmatched.removeIf(ids::containsKey);
    unmatched.sort(
        Comparator.comparingLong((Integer t) -> -sizes.getOrDefault(t, 0L))
            .thenComparingInt(t -> t));
    int id = nextId;
    for (int topic : unmatched) {
      ids.put(topic, new Identity(id++, null, null));
    }
    return ids;
  }

  /**
   * A topic's stable identity.
   *
   * @param topicId the id shown to people and kept across runs
   * @param previousTopicId the previous run's topic it continues, or null when new
   * @param matchSimilarity how similar the centres were, or null when new
   */
  public record Identity(int topicId, Integer previousTopicId, Double matchSimilarity) {}
}
