package dev.headroom.topics;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.headroom.common.InputException;
import dev.headroom.common.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The causes the team defines by seed terms in its taxonomy ({@code seed} and {@code split} lines),
 * with each phrase read by the same tokenizer as the tickets, so a seed matches whatever form a
 * customer wrote ({@code 안 와요} and the seed {@code 안 오다} are the same terms, and a concept's
 * synonyms are one term). A ticket belongs to a seed's topic when it has every term of one of its
 * phrases. Discover and assign apply them the same way: seeded topics first, on every ticket
 * (discover leaves those tickets out of the clustering), then splits in file order, on the tickets
 * of the topic split (docs/topics.md, "The team's taxonomy").
 */
final class SeedTerms {

  /**
   * One seeded or split-off topic.
   *
   * @param seed the line as the team wrote it
   * @param terms each phrase's terms, as the tokenizer reads it
   * @param matches true for a ticket with every term of one of the seed's phrases
   */
  record Defined(Taxonomy.Seed seed, List<List<String>> terms, Column matches) {

    /** How the tokenizer reads the phrases, for the run record: {@code 앱 종료 -> 앱+종료; ...}. */
    String readAs() {
      List<String> read = new ArrayList<>();
      for (int p = 0; p < terms.size(); p++) {
        read.add(seed.phrases().get(p) + " -> " + String.join("+", terms.get(p)));
      }
      return String.join("; ", read);
    }

    int topicId() {
      return seed.topicId();
    }

    /** The topic split, or null for a seeded topic. */
    Integer from() {
      return seed.from();
    }
  }

  private final List<Defined> topics;

  private SeedTerms(List<Defined> topics) {
    this.topics = List.copyOf(topics);
  }

  /** No seeded or split-off topics. */
  static final SeedTerms NONE = new SeedTerms(List.of());

  /**
   * The taxonomy's seeds and splits, their phrases tokenized by {@code tokenizer} (one small Spark
   * job, only when there are any).
   *
   * @param tokenizer the stage that gives the tickets their {@link TopicModeler#TERMS}, reading
   *     {@code text} and {@code language}
   * @throws InputException naming the file and line of a phrase the tokenizer keeps no term of
   */
  static SeedTerms of(Taxonomy taxonomy, Transformer tokenizer, SparkSession spark) {
    List<Taxonomy.Seed> seeds = taxonomy.seeds();
    if (seeds.isEmpty()) {
      return NONE;
    }
    List<Row> phrases = new ArrayList<>();
    for (int s = 0; s < seeds.size(); s++) {
      for (int p = 0; p < seeds.get(s).phrases().size(); p++) {
        phrases.add(RowFactory.create(s, p, seeds.get(s).phrases().get(p), null));
      }
    }
    StructType schema =
        new StructType()
            .add("seed", DataTypes.IntegerType)
            .add("phrase", DataTypes.IntegerType)
            .add("text", DataTypes.StringType)
            .add("language", DataTypes.StringType);
    Map<Integer, Map<Integer, List<String>>> terms = new TreeMap<>();
    for (Row r :
        tokenizer
            .transform(spark.createDataFrame(phrases, schema))
            .select("seed", "phrase", TopicModeler.TERMS)
            .collectAsList()) {
      terms.computeIfAbsent(r.getInt(0), s -> new TreeMap<>()).put(r.getInt(1), r.getList(2));
    }
    List<Defined> topics = new ArrayList<>();
    for (int s = 0; s < seeds.size(); s++) {
      Taxonomy.Seed seed = seeds.get(s);
      Column matches = lit(false);
      List<List<String>> seedTerms = new ArrayList<>();
      for (int p = 0; p < seed.phrases().size(); p++) {
        List<String> phraseTerms = terms.get(s).get(p);
        if (phraseTerms.isEmpty()) {
          throw new InputException(
              taxonomy.file()
                  + ":"
                  + seed.line()
                  + " has the seed '"
                  + seed.phrases().get(p)
                  + "', of which the tokenizer keeps no term (a stopword or a word too short);"
                  + " write the words a ticket of this cause has");
        }
        seedTerms.add(List.copyOf(phraseTerms));
        Column all = lit(true);
        for (String term : new LinkedHashSet<>(phraseTerms)) {
          all = all.and(array_contains(col(TopicModeler.TERMS), term));
        }
        matches = matches.or(all);
      }
      topics.add(new Defined(seed, seedTerms, matches));
    }
    return new SeedTerms(topics);
  }

  /** Every seeded and split-off topic, in file order. */
  List<Defined> topics() {
    return topics;
  }

  /** The ids the team gave its seeded and split-off topics. */
  Set<Integer> ids() {
    return topics.stream().map(Defined::topicId).collect(Collectors.toSet());
  }

  boolean isEmpty() {
    return topics.isEmpty();
  }

  /** The seeded topics (not the splits), in file order. */
  List<Defined> seeded() {
    return topics.stream().filter(t -> t.from() == null).toList();
  }

  /** The split-off topics, in file order. */
  List<Defined> splits() {
    return topics.stream().filter(t -> t.from() != null).toList();
  }

  /** The tickets no seeded topic takes: what discover clusters. */
  Dataset<Row> outsideSeeds(Dataset<Row> tickets) {
    Column seeded = lit(false);
    for (Defined topic : seeded()) {
      seeded = seeded.or(topic.matches());
    }
    return seeded().isEmpty() ? tickets : tickets.filter(not(seeded));
  }
}
