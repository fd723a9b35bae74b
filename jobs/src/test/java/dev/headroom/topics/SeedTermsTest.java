package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team's seeded and split-off topics (conf/taxonomy.txt) on a warehouse of three causes whose
 * fine topics all merge into one parent (a parent similarity near 0 makes the over-merge certain):
 * a seed takes the app crashes before the clustering, a split takes the cancellations out of the
 * parent they share with refunds in a refit that keeps every other id, both hold in assign, and a
 * seed that cannot work stops the job naming its line.
 */
class SeedTermsTest {

  @TempDir static Path dir;

  private static final SparkSession spark = TestSpark.session();

  private static final List<String> CANCELLATIONS =
      List.of(
          "주문 취소하고 싶어요",
          "실수로 주문했어요 주문 취소 부탁드려요",
          "방금 주문한 가방 주문 취소해주세요",
          "단순 변심으로 주문 취소 요청합니다",
          "Please cancel my order");

  private static final List<String> REFUNDS =
      List.of(
          "환불이 아직 안 들어왔어요 취소했는데",
          "카드 취소가 안 됐어요 환불 언제 되나요",
          "반품했는데 환불 금액이 안 보여요",
          "환불 지연 너무 심하네요",
          "Still no refund after ten days");

  private static final List<String> CRASHES =
      List.of("앱이 계속 꺼져요 실행이 안 돼요", "앱 실행하면 바로 종료돼요", "The app keeps crashing after the update");

  private static final String SEED = "seed 901: 앱 꺼지다, 앱 종료, app crash";

  private static Path warehouse;
  private static Map<String, String> values;
  private static DiscoverResult seeded;
  private static int parent;
  private static Map<String, Integer> seededTopics;

  /**
   * January and February tickets, and a first discover of January with the seed alone: its one
   * parent holds every ticket the seed leaves.
   */
  @BeforeAll
  static void warehouseAndSeededDiscover() throws Exception {
    warehouse = dir.resolve("warehouse");
    List<Row> rows = new ArrayList<>();
    for (String month : List.of("2026-01", "2026-02")) {
      add(rows, month, "C", CANCELLATIONS);
      add(rows, month, "R", REFUNDS);
      add(rows, month, "A", CRASHES);
    }
    spark
        .createDataFrame(
            rows,
            new StructType()
                .add("ticket_id", DataTypes.StringType)
                .add("month", DataTypes.StringType)
                .add("text", DataTypes.StringType)
                .add("language", DataTypes.StringType)
                .add("agent_tag", DataTypes.StringType))
        .write()
        .format("delta")
        .partitionBy("month")
        .save(warehouse.resolve("tickets").toString());
    values = new HashMap<>();
    values.put("topics.k", "2");
    values.put("topics.parent-similarity", "0.000001");
    values.put("topics.user-dictionary", "conf/userdict_ko.txt");
    values.put("topics.stopwords", "conf/stopwords.txt");
    values.put("topics.concepts", "conf/concepts.txt");
    seeded = discover(withTaxonomy("seeded.txt", SEED));
    List<Integer> parents =
        seeded.topics().stream()
            .filter(t -> t.level() == 1 && t.topicId() != 901)
            .map(DiscoverResult.Topic::topicId)
            .toList();
    assertEquals(1, parents.size(), "one parent over the clustered tickets: " + seeded.topics());
    parent = parents.get(0);
    seededTopics = topics(seeded.runId());
  }

  /** Each text six times a month (ids C-2026-01-0, ...), a cause's tickets under one letter. */
  private static void add(List<Row> rows, String month, String cause, List<String> texts) {
    int n = 0;
    for (int copy = 0; copy < 6; copy++) {
      for (String text : texts) {
        String language = text.chars().anyMatch(c -> c >= 0xAC00 && c <= 0xD7A3) ? "ko" : "en";
        rows.add(RowFactory.create(cause + "-" + month + "-" + n++, month, text, language, null));
      }
    }
  }

  private static DiscoverResult discover(HeadroomConfig config) {
    return DiscoverJob.of(spark, config)
        .outputRoot(warehouse.toString())
        .window(YearMonth.of(2026, 1), YearMonth.of(2026, 1))
        .execute();
  }

  private static HeadroomConfig withTaxonomy(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    Map<String, String> curated = new HashMap<>(values);
    curated.put("topics.taxonomy", file.toString());
    return HeadroomConfig.fromMap(curated, "test");
  }

  /** Each ticket's topic in a run. */
  private static Map<String, Integer> topics(String runId) {
    Map<String, Integer> topics = new TreeMap<>();
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(warehouse.resolve("ticket_topics").toString())
            .filter(col("run_id").equalTo(runId))
            .select("ticket_id", "topic_id")
            .collectAsList()) {
      topics.put(r.getString(0), r.getInt(1));
    }
    return topics;
  }

  /** The ticket ids of a run's topic. */
  private static Set<String> ticketsOf(String runId, int topicId) {
    return new TreeSet<>(
        spark
            .read()
            .format("delta")
            .load(warehouse.resolve("ticket_topics").toString())
            .filter(col("run_id").equalTo(runId).and(col("topic_id").equalTo(topicId)))
            .select("ticket_id")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
  }

  private static Set<String> ids(String month, String cause, int count) {
    Set<String> ids = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      ids.add(cause + "-" + month + "-" + i);
    }
    return ids;
  }

  private static Row topicRow(String runId, int topicId) {
    return spark
        .read()
        .format("delta")
        .load(warehouse.resolve("topics").toString())
        .filter(col("run_id").equalTo(runId).and(col("topic_id").equalTo(topicId)))
        .first();
  }

  /**
   * The seed took the app crashes before the clustering; the split takes the cancellations out of
   * the parent they share with the refunds, in a refit (the ids hold) and in assign, and every
   * other ticket keeps its topic.
   */
  @Test
  void aSplitAndASeedTakeTheirCausesOutOfAnOverMergedTopic() throws Exception {
    assertEquals(ids("2026-01", "A", 18), ticketsOf(seeded.runId(), 901), "the seed's tickets");
    Row seededRow = topicRow(seeded.runId(), 901);
    List<String> seededTerms = seededRow.getList(seededRow.fieldIndex("label_terms"));
    assertTrue(seededTerms.contains("앱"), "the seeded topic's label terms " + seededTerms);
    for (DiscoverResult.Topic t : seeded.topics()) {
      if (t.level() == 2) {
        // Found first: the clustering never saw the seeded tickets, so 앱 is in no centre.
        Row clustered = topicRow(seeded.runId(), t.topicId());
        Map<String, Double> centre = clustered.getJavaMap(clustered.fieldIndex("centre_terms"));
        assertFalse(centre.containsKey("앱"), "centre terms of topic " + t + ": " + centre);
      }
    }

    HeadroomConfig curated =
        withTaxonomy(
            "taxonomy.txt",
            SEED,
            "split " + parent + " into 902: 주문 취소, cancel order",
            "name 902: 주문 취소");
    DiscoverResult split = discover(curated);
    assertEquals(ids("2026-01", "C", 30), ticketsOf(split.runId(), 902), "the split's tickets");
    Map<String, Integer> expected = new TreeMap<>(seededTopics);
    expected.replaceAll((ticket, topic) -> ticket.startsWith("C") ? 902 : topic);
    assertEquals(expected, topics(split.runId()), "every other ticket keeps its topic");
    Row splitRow = topicRow(split.runId(), 902);
    assertEquals("주문 취소", splitRow.getString(splitRow.fieldIndex("label")));
    assertEquals(1, splitRow.getInt(splitRow.fieldIndex("level")), "a cause of its own");

    // A refit: the seed's topic and every discovered topic keep their ids; the split adds its own.
    Row continued = topicRow(split.runId(), 901);
    assertEquals(901, continued.getInt(continued.fieldIndex("previous_topic_id")));
    Set<Integer> refitIds = new TreeSet<>(ids(seeded.topics()));
    refitIds.add(902);
    assertEquals(refitIds, ids(split.topics()), "the same topics and the split's, no new ids");

    AssignResult february =
        AssignJob.of(spark, curated)
            .outputRoot(warehouse.toString())
            .window(YearMonth.of(2026, 2), YearMonth.of(2026, 2))
            .execute();
    assertEquals(ids("2026-02", "C", 30), ticketsOf(february.runId(), 902));
    assertEquals(ids("2026-02", "A", 18), ticketsOf(february.runId(), 901));
    Set<Integer> refundTopics = new TreeSet<>();
    topics(february.runId())
        .forEach(
            (ticket, topic) -> {
              if (ticket.startsWith("R")) {
                refundTopics.add(topic);
              }
            });
    assertFalse(
        refundTopics.contains(902) || refundTopics.contains(901),
        "the refunds stay in the clustered topics: " + refundTopics);
  }

  private static Set<Integer> ids(List<DiscoverResult.Topic> topics) {
    return topics.stream().map(DiscoverResult.Topic::topicId).collect(Collectors.toSet());
  }

  /**
   * A seed on a discovered topic's id, a seed of stopwords only, and a seed assign's model does not
   * have each stop the job, naming the file and line.
   */
  @Test
  void aSeedThatCannotWorkStopsTheJobNamingItsLine() throws Exception {
    HeadroomConfig taken = withTaxonomy("taken.txt", "# the team's", "seed " + parent + ": 취소");
    InputException takenId = assertThrows(InputException.class, () -> discover(taken));
    assertTrue(
        takenId
            .getMessage()
            .startsWith(
                dir.resolve("taken.txt")
                    + ":2 gives topic "
                    + parent
                    + " to a seed, but discover found a topic of its own under that id; choose an"
                    + " id no run has given out (from "),
        takenId.getMessage());

    HeadroomConfig empty = withTaxonomy("empty.txt", "seed 950: 문의");
    InputException noTerms = assertThrows(InputException.class, () -> discover(empty));
    assertTrue(
        noTerms.getMessage().startsWith(dir.resolve("empty.txt") + ":1 has the seed '문의'"),
        noTerms.getMessage());

    HeadroomConfig unfitted = withTaxonomy("unfitted.txt", "seed 960: 환불 지연");
    InputException notFitted =
        assertThrows(
            InputException.class,
            () ->
                AssignJob.of(spark, unfitted)
                    .outputRoot(warehouse.toString())
                    .window(YearMonth.of(2026, 2), YearMonth.of(2026, 2))
                    .execute());
    assertTrue(
        notFitted.getMessage().startsWith(dir.resolve("unfitted.txt") + ":1 defines topic 960"),
        notFitted.getMessage());
    assertTrue(notFitted.getMessage().endsWith("run discover to apply it"));
  }
}
