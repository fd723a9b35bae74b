package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.GeneratedData;
import dev.headroom.TestSpark;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.ingest.IngestJob;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code discover} end to end on ingested generated data with a planted truth. */
class DiscoverJobTest {

  @TempDir static Path warehouse;

  private static final SparkSession spark = TestSpark.session();
  private static HeadroomConfig config;
  private static DiscoverResult first;

  @BeforeAll
  static void ingestAndDiscover() {
    Path data = GeneratedData.folder();
    Map<String, String> values = new HashMap<>();
    values.put("tickets.path", data.resolve("tickets").toString());
    values.put("tickets.columns.text", "title,body");
    values.put("orders.path", data.resolve("orders").toString());
    values.put("topics.k", "16");
    values.put("topics.user-dictionary", "conf/userdict_ko.txt");
    values.put("topics.stopwords", "conf/stopwords.txt");
    config = HeadroomConfig.fromMap(values, "test");
    IngestJob.of(spark, config).outputRoot(warehouse.toString()).execute();
    first = DiscoverJob.of(spark, config).outputRoot(warehouse.toString()).execute();
  }

  private static Dataset<Row> table(String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }

  @Test
  void plantedCausesComeOutAsTopics() {
    Dataset<Row> truth = spark.read().parquet(GeneratedData.folder() + "/truth/tickets");
    Dataset<Row> joined =
        table("ticket_topics").filter(col("run_id").equalTo(first.runId())).join(truth, "ticket_id");
    double nmi = ClusterAgreement.nmi(TopicTesting.contingency(joined, "topic_id", "cause"));
    // For each root cause: the share of its tickets in the one topic holding most of them.
    Map<String, Map<String, Long>> byCause = TopicTesting.contingency(joined, "cause", "topic_id");
    StringBuilder shares = new StringBuilder();
    for (var cause : byCause.entrySet()) {
      long total = cause.getValue().values().stream().mapToLong(Long::longValue).sum();
      long top = cause.getValue().values().stream().mapToLong(Long::longValue).max().orElse(0);
      shares.append(String.format(java.util.Locale.ROOT, "%s %.2f, ", cause.getKey(), (double) top / total));
    }
    System.out.printf("generated data k=16: NMI vs planted causes %.3f; top-topic share per cause: %s%n", nmi, shares);
    // Phrasings of one cause may split over topics (k=16 > 11 causes), so NMI, not purity.
    assertTrue(nmi > 0.6, "NMI vs planted causes " + nmi);
    assertNotNull(first.tagNmi(), "agent tags are present, so agreement is reported");
  }

  @Test
  void everyTicketHasATopicAndTopicsDescribeThemselves() {
    assertEquals(table("tickets").count(), table("ticket_topics").filter(col("run_id").equalTo(first.runId())).count());
    Dataset<Row> topics = table("topics").filter(col("run_id").equalTo(first.runId()));
    assertEquals(17, topics.count(), "16 topics and the unclassified bucket");
    for (Row t : topics.filter(col("topic_id").gt(0)).collectAsList()) {
      List<String> terms = t.getList(t.fieldIndex("label_terms"));
      assertTrue(terms.size() >= 3, "label terms of " + t);
      List<Row> exemplars = t.getList(t.fieldIndex("exemplars"));
      assertTrue(exemplars.size() >= 3 && exemplars.size() <= 5, "exemplars of " + t);
      for (Row e : exemplars) {
        assertTrue(!e.getString(1).matches(".*010-?\\d{4}-?\\d{4}.*"), "unmasked phone in exemplar " + e);
      }
    }
  }

  @Test
  void savedModelLoadsAndAssignsTheSame() {
    PipelineModel loaded = PipelineModel.load(first.modelPath());
    Dataset<Row> tickets = table("tickets").select("ticket_id", "month", "text", "language", "agent_tag");
    Dataset<Row> fromSaved =
        TopicModeler.assign(loaded, tickets, config.topics().minTerms())
            .select("ticket_id", TopicModeler.TOPIC, TopicModeler.SIMILARITY);
    // ticket_topics holds stable ids; compare through the run's own id mapping (topic order).
    Dataset<Row> stored = table("ticket_topics").filter(col("run_id").equalTo(first.runId()));
    long disagreements =
        fromSaved
            .join(stored, "ticket_id")
            .groupBy(TopicModeler.TOPIC)
            .agg(org.apache.spark.sql.functions.countDistinct("topic_id").as("ids"))
            .filter(col("ids").gt(1))
            .count();
    assertEquals(0, disagreements, "each model topic maps to exactly one stored topic id");
    assertEquals(tickets.count(), fromSaved.count());
  }

  @Test
  void aSecondRunOnTheSameDataKeepsEveryTopicId() {
    DiscoverResult second = DiscoverJob.of(spark, config).outputRoot(warehouse.toString()).execute();
    Map<Integer, Long> firstSizes = new HashMap<>();
    first.topics().forEach(t -> firstSizes.put(t.topicId(), t.size()));
    for (DiscoverResult.Topic t : second.topics()) {
      assertEquals(t.topicId(), t.previousTopicId(), "topic " + t + " should continue itself");
      assertEquals(firstSizes.get(t.topicId()), t.size(), "same input and seed, same topic " + t.topicId());
    }
    assertEquals(first.topics().size(), second.topics().size());
  }
}
