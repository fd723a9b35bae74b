package dev.headroom.topics;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.GeneratedData;
import dev.headroom.IngestedGeneratedData;
import dev.headroom.TestSpark;
import dev.headroom.Warehouses;
import dev.headroom.backlog.BacklogEntry;
import dev.headroom.backlog.RankJob;
import dev.headroom.backlog.RankResult;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.SparkSessions;
import dev.headroom.common.Table;
import dev.headroom.generate.CauseCatalog;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  private static final Map<String, String> values = new HashMap<>();

  @BeforeAll
  static void ingestAndDiscover() {
    values.putAll(IngestedGeneratedData.configValues());
    values.put("topics.k", "16");
    values.put("topics.user-dictionary", "conf/userdict_ko.txt");
    values.put("topics.stopwords", "conf/stopwords.txt");
    values.put("topics.concepts", "conf/concepts.txt");
    config = HeadroomConfig.fromMap(values, "test");
    IngestedGeneratedData.copyTo(warehouse);
    first = discover();
  }

  /** Discover on January and February; March (with the emerging cause) is left for assign. */
  private static DiscoverResult discover() {
    return DiscoverJob.of(spark, config)
        .outputRoot(warehouse.toString())
        .window(YearMonth.of(2026, 1), YearMonth.of(2026, 2))
        .execute();
  }

  /** The window's ticket topics (a later discover run on the same window replaces them). */
  private static Dataset<Row> discovered() {
    return table("ticket_topics").filter(col("month").leq("2026-02"));
  }

  private static Dataset<Row> windowTickets() {
    return table("tickets").filter(col("month").leq("2026-02"));
  }

  private static Dataset<Row> table(String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }

  @Test
  void plantedCausesComeOutAsParentTopics() {
    Dataset<Row> truth = spark.read().parquet(GeneratedData.folder() + "/truth/tickets");
    Dataset<Row> joined = discovered().join(truth, "ticket_id");
    double fineNmi = ClusterAgreement.nmi(TopicTesting.contingency(joined, "topic_id", "cause"));
    double parentNmi =
        ClusterAgreement.nmi(TopicTesting.contingency(joined, "parent_topic_id", "cause"));
    // For each root cause: the share of its tickets in the one parent topic holding most of them.
    Map<String, Map<String, Long>> byCause =
        TopicTesting.contingency(joined, "cause", "parent_topic_id");
    StringBuilder shares = new StringBuilder();
    int majority = 0;
    int rootCauses = 0;
    double shareSum = 0;
    // The grouping keeps apart what k-means kept apart: two causes whose tickets are mostly in
    // different fine topics are mostly in different parents (the agents' tags keep apart causes
    // that share a word, such as late deliveries and wrong items).
    Map<String, Map<String, Long>> fineByCause =
        TopicTesting.contingency(joined, "cause", "topic_id");
    Map<String, String> causeOfParent = new HashMap<>();
    Map<String, String> fineOfParent = new HashMap<>();
    for (var cause : byCause.entrySet()) {
      long total = cause.getValue().values().stream().mapToLong(Long::longValue).sum();
      long top = cause.getValue().values().stream().mapToLong(Long::longValue).max().orElse(0);
      double share = (double) top / total;
      shares.append(String.format(Locale.ROOT, "%s %.2f, ", cause.getKey(), share));
      if (!cause.getKey().equals(CauseCatalog.GENERIC)) {
        rootCauses++;
        majority += share > 0.5 ? 1 : 0;
        shareSum += share;
        String parent = largest(cause.getValue());
        String fine = largest(fineByCause.get(cause.getKey()));
        String other = causeOfParent.put(parent, cause.getKey());
        String otherFine = fineOfParent.put(parent, fine);
        assertTrue(
            other == null || otherFine.equals(fine),
            "parent "
                + parent
                + " holds most of both "
                + other
                + " and "
                + cause.getKey()
                + ", which are mostly in fine topics "
                + otherFine
                + " and "
                + fine);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "generated data k=16, %d parents: NMI vs planted causes %.3f (fine topics %.3f); top-parent share per cause: %s%n",
        first.parents(),
        parentNmi,
        fineNmi,
        shares);
    assertEquals(10, rootCauses);
    // "Mostly in one topic": each cause has a majority of its tickets in one parent topic.
    assertEquals(10, majority, "causes with a majority in one parent: " + shares);
    assertTrue(shareSum / rootCauses >= 0.75, "mean top-parent share " + shareSum / rootCauses);
    // 0.748 before the agents' tags kept causes apart in the grouping, 0.799 with them.
    assertTrue(parentNmi >= 0.75, "NMI of parent topics vs planted causes " + parentNmi);
    assertNotNull(first.tagNmi(), "agent tags are present, so agreement is reported");
    // Both similarities the grouping used are in the run's record.
    Row run = table("runs").filter(col("run_id").equalTo(first.runId())).first();
    Map<String, Double> metrics = run.getJavaMap(run.fieldIndex("metrics"));
    assertEquals(
        TopicHierarchy.TAGGED_ALIKE_SHARE * metrics.get("parent_similarity_used"),
        metrics.get("parent_tag_join_similarity"),
        1e-12,
        metrics.toString());
    // topics.k is set here, and the run says so rather than naming a criterion.
    assertEquals(KChoice.Rule.CONFIGURED, first.kChosenBy());
    Map<String, String> parameters = run.getJavaMap(run.fieldIndex("parameters"));
    assertEquals("configured", parameters.get("topics.k-chosen-by"), parameters.toString());
    // Discover cached its tickets uncompressed, in a session of its own: the caller's is unchanged.
    assertEquals(
        "false", parameters.get(SparkSessions.CACHE_COMPRESSED_KEY), parameters.toString());
    assertFalse(spark.conf().contains(SparkSessions.CACHE_COMPRESSED_KEY));
    // Tickets of a few sentences weigh a term by its presence (TermWeightingTest has the rule).
    assertEquals("presence", parameters.get("term_weighting"), parameters.toString());
    // The final k-means started from 4 fine topics per topic merged down to k=16.
    assertEquals("64 fine topics merged", parameters.get("kmeans_start"), parameters.toString());
    assertTrue(
        first
            .summary()
            .contains("k-means started from 64 fine topics of the sample merged into 16"),
        first.summary());
    // The vocabulary the model kept, recorded and said: the saved model's own terms.
    int vocabulary = TopicModel.load(first.modelPath()).vocabulary().length;
    Map<String, Long> counts = run.getJavaMap(run.fieldIndex("counts"));
    assertEquals((long) vocabulary, counts.get("vocabulary_terms"), counts.toString());
    assertEquals(vocabulary, first.vocabulary());
    assertTrue(
        first
            .summary()
            .contains(String.format(Locale.ROOT, "; %,d terms, weighted by", vocabulary)),
        first.summary());
  }

  @Test
  void assignFlagsTheNewCauseAsEmerging() {
    AssignResult result =
        AssignJob.of(spark, config)
            .outputRoot(warehouse.toString())
            .window(YearMonth.of(2026, 3), YearMonth.of(2026, 3))
            .execute();
    assertEquals(List.of("2026-03"), result.months());
    Dataset<Row> truth = spark.read().parquet(GeneratedData.folder() + "/truth/tickets");
    Dataset<Row> march =
        table("ticket_topics")
            .filter(col("run_id").equalTo(result.runId()))
            .join(truth, "ticket_id");
    double newCauseFlagged = share(march.filter(col("cause").equalTo(CauseCatalog.EMERGING)));
    double knownFlagged =
        share(
            march.filter(col("cause").notEqual(CauseCatalog.EMERGING).and(col("topic_id").gt(0))));
    System.out.printf(
        Locale.ROOT,
        "assign 2026-03: %.2f of the new cause's tickets flagged emerging, %.2f of known causes; terms %s%n",
        newCauseFlagged,
        knownFlagged,
        result.emergingTerms());
    assertTrue(newCauseFlagged >= 0.7, "new cause flagged " + newCauseFlagged);
    assertTrue(knownFlagged <= 0.12, "known causes flagged " + knownFlagged);
    assertTrue(result.emergingTerms().contains("앱"), "emerging terms " + result.emergingTerms());
  }

  /**
   * A fine topic records an emerging threshold for each language it holds enough tickets of, each
   * the low quantile of that language's own tickets: about 5% of each language's tickets in the
   * topic lie below it, whichever language is the topic's majority.
   */
  @Test
  void eachLanguageOfATopicHasItsOwnEmergingThreshold() {
    Dataset<Row> placed = discovered().filter(col("topic_id").gt(0));
    String runId = placed.select("run_id").first().getString(0);
    Dataset<Row> thresholds =
        table("topics")
            .filter(
                col("run_id").equalTo(runId).and(col("level").equalTo(Table.Topics.LEVEL_TOPIC)))
            .select(
                col("topic_id"),
                explode(col("emerging_below_by_language")).as(new String[] {"lang", "below"}));
    List<Row> shares =
        placed
            .join(windowTickets().select("ticket_id", "text", "language"), "ticket_id")
            .withColumn(
                "lang",
                dev.headroom.text.TicketAnalyzer.analysisLanguage(col("text"), col("language")))
            .join(thresholds, new String[] {"topic_id", "lang"})
            .groupBy("topic_id", "lang")
            .agg(avg(col("similarity").lt(col("below")).cast("double")), count(lit(1)))
            .collectAsList();
    System.out.println(
        "emerging thresholds per topic and language (share below, tickets): " + shares);
    // One topic holds both languages of the late deliveries (englishAndKoreanTicketsOfOneCause).
    assertTrue(shares.stream().anyMatch(r -> r.getString(1).equals("en")), shares.toString());
    assertTrue(shares.stream().anyMatch(r -> r.getString(1).equals("ko")), shares.toString());
    for (Row r : shares) {
      assertTrue(r.getLong(3) >= DiscoverJob.EMERGING_MIN_TICKETS, r.toString());
      assertTrue(r.getDouble(2) <= 0.10, "share below its own threshold " + r);
    }
  }

  private static double share(Dataset<Row> tickets) {
    long all = tickets.count();
    return all == 0 ? 0 : (double) tickets.filter(col("emerging")).count() / all;
  }

  /**
   * One cause in any language: for every cause with English tickets, the parent holding most of its
   * English tickets is the one holding most of its Korean tickets (the concept lexicon gives both
   * languages shared terms).
   */
  @Test
  void englishAndKoreanTicketsOfOneCauseShareAParent() {
    Dataset<Row> truth = spark.read().parquet(GeneratedData.folder() + "/truth/tickets");
    Dataset<Row> joined = discovered().join(truth, "ticket_id");
    int checked = 0;
    for (String cause :
        List.of("delivery_delay", "refund_delay", "size_exchange", "damaged_item", "coupon")) {
      Map<String, Map<String, Long>> byLanguage =
          TopicTesting.contingency(
              joined.filter(col("cause").equalTo(cause)), "language", "parent_topic_id");
      Map<String, Long> english = byLanguage.getOrDefault("en", Map.of());
      long englishTotal = english.values().stream().mapToLong(Long::longValue).sum();
      if (englishTotal < 10) {
        continue;
      }
      checked++;
      String koreanParent = largest(byLanguage.get("ko"));
      assertEquals(
          koreanParent,
          largest(english),
          cause + ": English tickets by parent " + english + ", Korean " + byLanguage.get("ko"));
      assertTrue(
          english.get(koreanParent) * 2 > englishTotal,
          cause + ": most English tickets in the Korean tickets' parent, " + english);
    }
    assertTrue(checked >= 3, "causes with English tickets checked: " + checked);
  }

  private static String largest(Map<String, Long> counts) {
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /**
   * Labels are words people wrote: every Latin-script label term and name word is a word of some
   * ticket (never a Porter stem such as {@code arriv}), and no term shows the analyzer's {@code _}.
   */
  @Test
  void labelTermsAreWordsPeopleWrote() {
    java.util.Set<String> written = new java.util.HashSet<>();
    for (Row r : windowTickets().select("text").collectAsList()) {
      for (String word : r.getString(0).toLowerCase(Locale.ROOT).split("[^a-z']+")) {
        written.add(word);
      }
    }
    Dataset<Row> topics = table("topics").filter(col("run_id").equalTo(first.runId()));
    int latin = 0;
    for (Row t : topics.filter(col("topic_id").gt(0)).collectAsList()) {
      List<String> words = new java.util.ArrayList<>(t.getList(t.fieldIndex("label_terms")));
      words.addAll(List.of(t.getString(t.fieldIndex("label")).split(" · ")));
      for (String term : words) {
        assertTrue(!term.contains("_"), "analyzer mark in label term '" + term + "' of " + t);
        if (term.matches("[a-z']+")) {
          latin++;
          assertTrue(written.contains(term), "'" + term + "' is not a word of any ticket: " + t);
        }
      }
    }
    assertTrue(latin > 0, "the English tickets put some English words in labels");
  }

  @Test
  void everyTicketHasATopicAndTopicsDescribeThemselves() {
    assertEquals(windowTickets().count(), discovered().count());
    Dataset<Row> topics = table("topics").filter(col("run_id").equalTo(first.runId()));
    assertEquals(16, topics.filter(col("level").equalTo(Table.Topics.LEVEL_TOPIC)).count());
    assertEquals(
        first.parents() + 1,
        topics.filter(col("level").equalTo(Table.Topics.LEVEL_PARENT)).count(),
        "parents and the unclassified bucket");
    assertTrue(first.parents() >= 6 && first.parents() < 16, "parents " + first.parents());
    // Every fine topic names an existing parent.
    assertEquals(
        0,
        topics
            .filter(col("level").equalTo(Table.Topics.LEVEL_TOPIC))
            .join(
                topics
                    .filter(col("level").equalTo(Table.Topics.LEVEL_PARENT))
                    .select(col("topic_id").as("parent_topic_id")),
                "parent_topic_id",
                "left_anti")
            .count());
    for (Row t : topics.filter(col("topic_id").gt(0)).collectAsList()) {
      List<String> terms = t.getList(t.fieldIndex("label_terms"));
      assertTrue(terms.size() >= 3, "label terms of " + t);
      List<Row> exemplars = t.getList(t.fieldIndex("exemplars"));
      assertTrue(exemplars.size() >= 3 && exemplars.size() <= 5, "exemplars of " + t);
      for (Row e : exemplars) {
        assertTrue(
            !e.getString(1).matches(".*010-?\\d{4}-?\\d{4}.*"), "unmasked phone in exemplar " + e);
      }
    }
  }

  /**
   * Ranking the discovered parent topics (not the planted truth, as RankGeneratedTest does): the
   * parent holding most late deliveries, the largest planted headroom, ranks first and names the
   * offending seller.
   */
  @Test
  void rankPutsTheDiscoveredDeliveryCauseFirstAndNamesItsSeller() {
    RankResult ranked =
        RankJob.of(spark, config)
            .outputRoot(warehouse.toString())
            .window(YearMonth.of(2026, 1), YearMonth.of(2026, 2))
            .execute();
    Dataset<Row> truth = spark.read().parquet(GeneratedData.folder() + "/truth/tickets");
    Map<String, Map<String, Long>> parentsOfDelivery =
        TopicTesting.contingency(
            discovered().join(truth, "ticket_id").filter(col("cause").equalTo("delivery_delay")),
            "cause",
            "parent_topic_id");
    String deliveryParent =
        parentsOfDelivery.get("delivery_delay").entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .orElseThrow()
            .getKey();
    BacklogEntry top = ranked.backlog().get(0);
    assertEquals(deliveryParent, Integer.toString(top.topicId()), ranked.summary());
    assertEquals(
        "seller_id=S07",
        top.topSegments().get(0).dimension() + "=" + top.topSegments().get(0).segment());
  }

  @Test
  void savedModelLoadsAndAssignsTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    TopicModel loaded = TopicModel.load(first.modelPath());
    // The Params it was fitted with load with it.
    assertEquals(first.k(), loaded.getK());
    assertEquals(config.topics().minTerms(), loaded.getMinTerms());
    assertEquals(config.topics().seed(), loaded.getOrDefault(loaded.seed()));
    assertEquals(config.topics().vocabularySize(), loaded.getOrDefault(loaded.vocabularySize()));
    assertTrue(loaded.isSet(loaded.minTerms()), "min terms is saved, not a default");
    Dataset<Row> tickets =
        windowTickets().select("ticket_id", "month", "text", "language", "agent_tag");
    Dataset<Row> fromSaved =
        loaded.transform(tickets).select("ticket_id", TopicModeler.TOPIC, TopicModeler.SIMILARITY);
    // Through the run's own mapping (model topic -> stable id), every ticket gets the stored topic.
    Dataset<Row> mapping =
        table("topics")
            .filter(col("run_id").equalTo(first.runId()).and(col("model_topic").isNotNull()))
            .select(col("model_topic").as(TopicModeler.TOPIC), col("topic_id").as("expected_id"));
    Dataset<Row> compared =
        fromSaved
            .join(mapping, TopicModeler.TOPIC, "left")
            .join(discovered().select("ticket_id", "topic_id"), "ticket_id");
    long differing =
        compared
            .filter(
                org.apache
                    .spark
                    .sql
                    .functions
                    .coalesce(
                        col("expected_id"),
                        org.apache.spark.sql.functions.lit(Table.Topics.UNCLASSIFIED_ID))
                    .notEqual(col("topic_id")))
            .count();
    assertEquals(
        0, differing, "tickets whose topic from the loaded model differs from the stored one");
    assertEquals(tickets.count(), compared.count());
    assertEquals(tickets.count(), fromSaved.count());

    // A bare pipeline, as discover saved models before, still loads; min terms is then unset.
    String older = dir.resolve("older-model").toString();
    loaded.pipeline().write().save(older);
    TopicModel fromOlder = TopicModel.load(older);
    assertEquals(first.k(), fromOlder.getK());
    assertTrue(!fromOlder.isSet(fromOlder.minTerms()), "the caller supplies min terms");
  }

  /**
   * The team's taxonomy holds through a refit: after a rename, a merge, a not-actionable mark and a
   * tag on the January-February topics, discover refits on January-March (ids continue) and rank
   * shows the name and tag, counts the merged topic under the other, and ranks the not-actionable
   * cause last. A seeded topic (app crashes, new in March) takes its cause's tickets before the
   * clustering. A line about a topic no run gave out stops rank, naming the file and line
   * (SeedTermsTest has splits, seeds in assign and the seeds' own errors).
   */
  @Test
  void curatedNamesAndMergesHoldThroughTheNextMonthsRefit(@TempDir Path copy) throws Exception {
    Dataset<Row> truth = spark.read().parquet(GeneratedData.folder() + "/truth/tickets");
    Map<String, Map<String, Long>> byCause =
        TopicTesting.contingency(discovered().join(truth, "ticket_id"), "cause", "parent_topic_id");
    // Four different parents: late deliveries' and the next three causes' that have their own.
    List<Integer> parents = new java.util.ArrayList<>();
    for (String cause :
        List.of(
            "delivery_delay",
            "size_exchange",
            "coupon",
            "account_login",
            "damaged_item",
            "payment_error",
            "refund_delay")) {
      int parent = Integer.parseInt(largest(byCause.get(cause)));
      if (!parents.contains(parent)) {
        parents.add(parent);
      }
    }
    assertTrue(parents.size() >= 4, "parents of the causes " + parents);
    int delivery = parents.get(0);
    int size = parents.get(1);
    int coupon = parents.get(2);
    int login = parents.get(3);
    Path refit = copy.resolve("warehouse");
    Warehouses.copy(warehouse, refit);
    Path taxonomy = copy.resolve("taxonomy.txt");
    java.nio.file.Files.writeString(
        taxonomy,
        String.join(
            "\n",
            "# the team's word",
            "name " + delivery + ": 배송 지연",
            "tag " + delivery + ": 배송 > 지연",
            "merge " + login + " into " + coupon,
            "not-actionable " + size + ": policy, not a defect",
            "seed 901: 앱 꺼지다, 앱 튕기다, 앱 종료, 앱 실행, 흰 화면, app crash, app close",
            "name 901: 앱 오류"));
    Map<String, String> curated = new HashMap<>(values);
    curated.put("topics.taxonomy", taxonomy.toString());
    HeadroomConfig withTaxonomy = HeadroomConfig.fromMap(curated, "test");
    DiscoverResult next =
        DiscoverJob.of(spark, withTaxonomy)
            .outputRoot(refit.toString())
            .window(YearMonth.of(2026, 1), YearMonth.of(2026, 3))
            .execute();
    java.util.Set<Integer> continued = new java.util.HashSet<>();
    next.topics().forEach(t -> continued.add(t.topicId()));
    assertTrue(
        continued.containsAll(List.of(delivery, coupon, login, size)),
        "the curated topics keep their ids through the refit: " + continued);
    Row named =
        spark
            .read()
            .format("delta")
            .load(refit.resolve("topics").toString())
            .filter(col("run_id").equalTo(next.runId()).and(col("topic_id").equalTo(delivery)))
            .first();
    assertEquals("배송 지연", named.getString(named.fieldIndex("label")));
    Dataset<Row> refitTopics =
        spark
            .read()
            .format("delta")
            .load(refit.resolve("ticket_topics").toString())
            .filter(col("run_id").equalTo(next.runId()))
            .join(truth, "ticket_id");
    assertEquals(
        0,
        refitTopics
            .filter(
                col("topic_id").equalTo(901).and(col("parent_topic_id").notEqual(col("topic_id"))))
            .count(),
        "the seeded topic is its own parent");
    assertSeedHolds(refitTopics, 901, CauseCatalog.EMERGING, "the seeded topic");

    RankResult ranked =
        RankJob.of(spark, withTaxonomy)
            .outputRoot(refit.toString())
            .window(YearMonth.of(2026, 1), YearMonth.of(2026, 3))
            .execute();
    Map<Integer, BacklogEntry> rows = new HashMap<>();
    ranked.backlog().forEach(e -> rows.put(e.topicId(), e));
    assertEquals("배송 지연", rows.get(delivery).label());
    assertEquals("배송>지연", rows.get(delivery).teamTag());
    assertEquals("앱 오류", rows.get(901).label(), "the seeded cause has a backlog row");

    assertTrue(!rows.containsKey(login), "the merged topic has no row of its own");
    long mergedTickets =
        spark
            .read()
            .format("delta")
            .load(refit.resolve("ticket_topics").toString())
            .filter(col("parent_topic_id").isin(login, coupon))
            .count();
    assertEquals(mergedTickets, rows.get(coupon).tickets(), "both topics' contacts count as one");
    BacklogEntry last = ranked.backlog().get(ranked.backlog().size() - 1);
    assertEquals(size, last.topicId(), "not actionable ranks last");
    assertTrue(last.why().startsWith("not actionable (policy, not a defect)"), last.why());

    java.nio.file.Files.writeString(taxonomy, "# a typo\nname 9999: 없는 토픽\n");
    curated.put("topics.taxonomy", taxonomy.toString());
    HeadroomConfig typo = HeadroomConfig.fromMap(curated, "test");
    dev.headroom.common.InputException unknown =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.headroom.common.InputException.class,
            () ->
                RankJob.of(spark, typo)
                    .outputRoot(refit.toString())
                    .window(YearMonth.of(2026, 1), YearMonth.of(2026, 3))
                    .execute());
    assertTrue(
        unknown.getMessage().contains(taxonomy + ":2 names topic 9999"), unknown.getMessage());
  }

  /**
   * Most of the cause's tickets are in the team's topic, and most of the topic's tickets are of the
   * cause.
   */
  private static void assertSeedHolds(Dataset<Row> placed, int topicId, String cause, String what) {
    long ofCause = 0;
    long inTopic = 0;
    long both = 0;
    for (Row r :
        placed
            .groupBy(col("cause").equalTo(cause), col("topic_id").equalTo(topicId))
            .count()
            .collectAsList()) {
      ofCause += r.getBoolean(0) ? r.getLong(2) : 0;
      inTopic += r.getBoolean(1) ? r.getLong(2) : 0;
      both += r.getBoolean(0) && r.getBoolean(1) ? r.getLong(2) : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "%s %d: %d of %d %s tickets, %d tickets in all%n",
        what,
        topicId,
        both,
        ofCause,
        cause,
        inTopic);
    assertTrue(ofCause > 0 && both >= 0.7 * ofCause, what + " holds " + both + " of " + ofCause);
    assertTrue(both >= 0.8 * inTopic, what + " is " + both + " of " + inTopic + " of " + cause);
  }

  @Test
  void aSecondRunOnTheSameDataKeepsEveryTopicId() {
    DiscoverResult second = discover();
    Map<Integer, Long> firstSizes = new HashMap<>();
    first.topics().forEach(t -> firstSizes.put(t.topicId(), t.size()));
    for (DiscoverResult.Topic t : second.topics()) {
      assertEquals(t.topicId(), t.previousTopicId(), "topic " + t + " should continue itself");
      assertEquals(
          firstSizes.get(t.topicId()), t.size(), "same input and seed, same topic " + t.topicId());
    }
    assertEquals(first.topics().size(), second.topics().size());
  }
}
