package dev.headroom.topics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;

import dev.headroom.common.DeltaIo;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.MonthWindow;
import dev.headroom.common.RunRecord;
import dev.headroom.common.SparkSessions;
import dev.headroom.ingest.IngestJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code discover}: root-cause topics from the clean tickets of a window.
 *
 * <p>Reads {@code tickets}, fits the topic pipeline ({@link TopicModeler}), and writes {@code
 * topics} (one row per topic per run: stable id, label terms, exemplars, size, dominant agent
 * tag, the previous topic it continues), {@code ticket_topics} (each ticket's topic, replacing the
 * window's months), the fitted pipeline under {@code models/<run id>}, and a {@code runs} record
 * with k, the selection scores and the agreement with agent tags.
 */
public final class DiscoverJob {

  /** The job name. */
  public static final String NAME = "discover";

  /** Table of topics per run under the output root. */
  public static final String TOPICS_TABLE = "topics";

  /** Table of each ticket's topic under the output root. */
  public static final String TICKET_TOPICS_TABLE = "ticket_topics";

  /** Folder of saved pipelines under the output root. */
  public static final String MODELS = "models";

  /** Topic id of tickets with too little content to place. */
  public static final int UNCLASSIFIED_ID = 0;

  /** Level of parent topics (causes) and of the unclassified bucket. */
  public static final int LEVEL_PARENT = 1;

  /** Level of the fine topics k-means finds (children of a parent). */
  public static final int LEVEL_TOPIC = 2;

  private static final String PARENT = "parent";

  /** Heaviest centre terms kept per topic for identity across runs. */
  public static final int CENTRE_TERMS = 50;

  private static final StructType TOPICS_SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("topic_id", DataTypes.IntegerType, false)
          .add("level", DataTypes.IntegerType, false)
          .add("label", DataTypes.StringType, false)
          .add("label_terms", DataTypes.createArrayType(DataTypes.StringType), false)
          .add("size", DataTypes.LongType, false)
          .add("share", DataTypes.DoubleType, false)
          .add(
              "exemplars",
              DataTypes.createArrayType(
                  new StructType()
                      .add("ticket_id", DataTypes.StringType)
                      .add("text", DataTypes.StringType)),
              false)
          .add("dominant_tag", DataTypes.StringType, true)
          .add("dominant_tag_share", DataTypes.DoubleType, true)
          .add("previous_topic_id", DataTypes.IntegerType, true)
          .add("match_similarity", DataTypes.DoubleType, true)
          .add("parent_topic_id", DataTypes.IntegerType, true)
          .add("model_topic", DataTypes.IntegerType, true)
          .add("emerging_below", DataTypes.DoubleType, true)
          .add(
              "centre_terms",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType),
              false)
          .add("created_at", DataTypes.TimestampType, false);

  private final SparkSession callerSession;
  private final HeadroomConfig config;
  private String outputRoot = "warehouse";
  private MonthWindow window = MonthWindow.ALL;

  private DiscoverJob(SparkSession spark, HeadroomConfig config) {
    this.callerSession = spark;
    this.config = config;
  }

  /** A job for this session and configuration. */
  public static DiscoverJob of(SparkSession spark, HeadroomConfig config) {
    return new DiscoverJob(spark, config);
  }

  /** The warehouse root with the {@code tickets} table. */
  public DiscoverJob outputRoot(String root) {
    this.outputRoot = root;
    return this;
  }

  /** Only tickets in these months (inclusive; either may be null). */
  public DiscoverJob window(YearMonth fromMonth, YearMonth toMonth) {
    this.window = new MonthWindow(fromMonth, toMonth);
    return this;
  }

  /** Reads, fits, summarizes, writes, and records the run. */
  public DiscoverResult execute() {
    Instant started = Instant.now();
    String runId = RunRecord.newRunId(NAME, started);
    SparkSession spark = SparkSessions.forJob(callerSession, config.timeZone());
    Map<String, Double> seconds = new LinkedHashMap<>();
    TopicSettings settings = config.topics();

    Instant t0 = Instant.now();
    TopicModeler modeler = TopicModeler.of(settings).languageColumn("language");
    // Tokenize once: the months, the fit and the assignment all scan these rows.
    Dataset<Row> tickets =
        modeler
            .tokenizerStage()
            .transform(readTickets(spark, outputRoot, window))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return discover(spark, modeler, tickets, runId, started, seconds, settings, t0);
    } finally {
      tickets.unpersist();
    }
  }

  private DiscoverResult discover(
      SparkSession spark,
      TopicModeler modeler,
      Dataset<Row> tickets,
      String runId,
      Instant started,
      Map<String, Double> seconds,
      TopicSettings settings,
      Instant t0) {
    List<String> months =
        tickets.select("month").distinct().as(Encoders.STRING()).collectAsList().stream().sorted().toList();
    if (months.isEmpty()) {
      throw new InputException("No clean tickets in " + outputRoot + "/tickets" + window.describe() + "; run ingest first");
    }
    // The first pass over the tickets reads and tokenizes them into the cache.
    seconds.put("tokenize", RunRecord.secondsSince(t0));
    t0 = Instant.now();
    TopicModeler.FittedTopics fitted = modeler.fit(tickets);
    seconds.put("fit", RunRecord.secondsSince(t0));
    fitted.seconds().forEach((step, s) -> seconds.put("fit." + step, s));

    t0 = Instant.now();
    Dataset<Row> placed =
        TopicModeler.assign(fitted.model(), tickets, settings.minTerms())
            .persist(StorageLevel.MEMORY_AND_DISK());
    Map<Integer, Long> fineSizes = countBy(placed, TopicModeler.TOPIC);
    int[] parentOf = parents(fitted, fineSizes);
    Dataset<Row> parentMap =
        spark.createDataFrame(
            java.util.stream.IntStream.range(0, parentOf.length)
                .mapToObj(t -> RowFactory.create(t, parentOf[t]))
                .toList(),
            new StructType().add(TopicModeler.TOPIC, DataTypes.IntegerType).add(PARENT, DataTypes.IntegerType));
    Dataset<Row> assigned = placed.join(broadcast(parentMap), TopicModeler.TOPIC, "left");
    try {
      Dataset<Row> byParent =
          assigned.withColumn(TopicModeler.TOPIC, coalesce(col(PARENT), lit(TopicModeler.UNCLASSIFIED)));
      LevelSummary fine = LevelSummary.of(assigned, settings);
      LevelSummary coarse = LevelSummary.of(byParent, settings);
      long total = fine.sizes.values().stream().mapToLong(Long::longValue).sum();
      long unclassified = fine.sizes.getOrDefault(TopicModeler.UNCLASSIFIED, 0L);
      Map<Integer, Map<String, Double>> fineCentres = TopicSummaries.centreTerms(fitted.model(), CENTRE_TERMS);
      Map<Integer, Map<String, Double>> parentCentres = parentCentres(fineCentres, fine.sizes, parentOf);
      Map<Integer, Double> emergingBelow = new HashMap<>();
      for (Row r :
          assigned
              .filter(col(TopicModeler.TOPIC).geq(0))
              .groupBy(TopicModeler.TOPIC)
              .agg(percentile_approx(col(TopicModeler.SIMILARITY), lit(config.emergingQuantile()), lit(10_000)))
              .collectAsList()) {
        emergingBelow.put(r.getInt(0), r.getDouble(1));
      }

      Previous previous = previousTopics(spark);
      Map<Integer, TopicSummaries.Identity> fineIds =
          TopicSummaries.assignIds(
              fineCentres, fine.sizes, previous.centres(LEVEL_TOPIC), config.matchSimilarity(), previous.nextId);
      int nextId = fineIds.values().stream().mapToInt(TopicSummaries.Identity::topicId).max().orElse(0) + 1;
      nextId = Math.max(nextId, previous.nextId);
      Map<Integer, TopicSummaries.Identity> parentIds =
          TopicSummaries.assignIds(
              parentCentres, coarse.sizes, previous.centres(LEVEL_PARENT), config.matchSimilarity(), nextId);
      seconds.put("summarize", RunRecord.secondsSince(t0));

      t0 = Instant.now();
      Timestamp now = Timestamp.from(started);
      List<Row> topicRows = new ArrayList<>();
      List<DiscoverResult.Topic> topics = new ArrayList<>();
      for (var entry : new TreeMap<>(parentIds).entrySet()) {
        int parent = entry.getKey();
        topics.add(
            topicRow(topicRows, runId, now, LEVEL_PARENT, entry.getValue(), null, null, null,
                coarse, parent, total, parentCentres.get(parent)));
      }
      for (var entry : new TreeMap<>(fineIds).entrySet()) {
        int topic = entry.getKey();
        topics.add(
            topicRow(topicRows, runId, now, LEVEL_TOPIC, entry.getValue(), topic,
                parentIds.get(parentOf[topic]).topicId(), emergingBelow.get(topic),
                fine, topic, total, fineCentres.get(topic)));
      }
      topicRows.add(
          RowFactory.create(
              runId, UNCLASSIFIED_ID, LEVEL_PARENT, "unclassified", scalaSeq(List.of()), unclassified,
              total == 0 ? 0.0 : (double) unclassified / total, scalaSeq(List.of()), null, null,
              null, null, null, null, null, scala.collection.JavaConverters.mapAsScalaMap(Map.of()), now));
      topics.sort((a, b) -> Long.compare(b.size(), a.size()));

      String note = "headroom " + NAME + " run " + runId;
      DeltaIo.replaceSlice(
          spark.createDataFrame(topicRows, TOPICS_SCHEMA),
          outputRoot + "/" + TOPICS_TABLE,
          "run_id = '" + runId + "'",
          List.of(),
          note);
      List<Row> idRows = new ArrayList<>();
      fineIds.forEach(
          (topic, id) -> idRows.add(RowFactory.create(topic, id.topicId(), parentIds.get(parentOf[topic]).topicId())));
      Dataset<Row> idMap =
          spark.createDataFrame(
              idRows,
              new StructType()
                  .add(TopicModeler.TOPIC, DataTypes.IntegerType)
                  .add("topic_id", DataTypes.IntegerType)
                  .add("parent_topic_id", DataTypes.IntegerType));
      Dataset<Row> ticketTopics =
          assigned
              .join(broadcast(idMap), TopicModeler.TOPIC, "left")
              .select(
                  col("ticket_id"),
                  col("month"),
                  coalesce(col("topic_id"), lit(UNCLASSIFIED_ID)).as("topic_id"),
                  coalesce(col("parent_topic_id"), lit(UNCLASSIFIED_ID)).as("parent_topic_id"),
                  col(TopicModeler.SIMILARITY),
                  lit(false).as("emerging"),
                  lit(runId).as("run_id"));
      DeltaIo.replaceSlice(
          ticketTopics,
          outputRoot + "/" + TICKET_TOPICS_TABLE,
          "month IN " + DeltaIo.inList(months),
          List.of("month"),
          note);
      String modelPath = outputRoot + "/" + MODELS + "/" + runId;
      try {
        fitted.model().write().overwrite().save(modelPath);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot save the topic model to " + modelPath, e);
      }
      seconds.put("write", RunRecord.secondsSince(t0));

      Map<String, Double> metrics = new TreeMap<>();
      metrics.put("k", (double) fitted.k());
      metrics.put("parents", (double) parentIds.size());
      fitted.silhouetteByK().forEach((k, sc) -> metrics.put("silhouette.k" + k, sc));
      if (coarse.tags.nmi() != null) {
        metrics.put("agent_tag_nmi", coarse.tags.nmi());
        metrics.put("agent_tag_ari", coarse.tags.ari());
        metrics.put("agent_tag_nmi_fine", fine.tags.nmi());
        metrics.put("agent_tag_ari_fine", fine.tags.ari());
      }
      metrics.put("unclassified_share", total == 0 ? 0.0 : (double) unclassified / total);
      Map<String, Long> counts = new TreeMap<>();
      counts.put("tickets", total);
      counts.put("unclassified", unclassified);
      counts.put("topics", (long) fitted.k());
      counts.put("parent_topics", (long) parentIds.size());
      Map<String, String> parameters = new TreeMap<>();
      parameters.put("config", config.source());
      parameters.put("months", String.join(",", months));
      parameters.put("topics.k", Integer.toString(settings.k()));
      parameters.put("topics.k-range", settings.kMin() + ".." + settings.kMax());
      parameters.put("topics.seed", Long.toString(settings.seed()));
      parameters.put("topics.parent-similarity", Double.toString(config.parentSimilarity()));
      parameters.put("model", modelPath);
      new RunRecord(runId, NAME, started, Instant.now(), "succeeded", parameters, counts, seconds, metrics)
          .append(spark, outputRoot);
      return new DiscoverResult(
          runId, fitted.k(), parentIds.size(), fitted.silhouetteByK(), topics, total, unclassified,
          coarse.tags.nmi(), coarse.tags.ari(), modelPath, seconds);
    } finally {
      placed.unpersist();
    }
  }

  /** Each fine topic's parent: centres merged while the merges stay {@code parentSimilarity} close. */
  private int[] parents(TopicModeler.FittedTopics fitted, Map<Integer, Long> sizes) {
    double[][] centres = new double[fitted.k()][];
    long[] weights = new long[fitted.k()];
    for (int t = 0; t < fitted.k(); t++) {
      centres[t] = fitted.centres()[t].toArray();
      weights[t] = sizes.getOrDefault(t, 0L);
    }
    TopicHierarchy.Levels levels = TopicHierarchy.levels(centres, weights);
    return levels.parents()[levels.parentsAt(config.parentSimilarity())];
  }

  /** A parent's centre terms: its children's, weighted by size. */
  private static Map<Integer, Map<String, Double>> parentCentres(
      Map<Integer, Map<String, Double>> fine, Map<Integer, Long> sizes, int[] parentOf) {
    Map<Integer, Map<String, Double>> parents = new TreeMap<>();
    for (var e : fine.entrySet()) {
      Map<String, Double> parent = parents.computeIfAbsent(parentOf[e.getKey()], p -> new HashMap<>());
      double w = sizes.getOrDefault(e.getKey(), 0L);
      e.getValue().forEach((term, v) -> parent.merge(term, v * w, Double::sum));
    }
    Map<Integer, Map<String, Double>> top = new TreeMap<>();
    parents.forEach(
        (p, terms) -> {
          Map<String, Double> heaviest = new LinkedHashMap<>();
          terms.entrySet().stream()
              .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
              .limit(CENTRE_TERMS)
              .forEach(t -> heaviest.put(t.getKey(), t.getValue()));
          top.put(p, heaviest);
        });
    return top;
  }

  private static DiscoverResult.Topic topicRow(
      List<Row> rows, String runId, Timestamp now, int level, TopicSummaries.Identity id,
      Integer modelTopic, Integer parentTopicId, Double emergingBelow, LevelSummary summary,
      int topic, long total, Map<String, Double> centre) {
    List<String> terms = summary.labels.getOrDefault(topic, List.of());
    long size = summary.sizes.getOrDefault(topic, 0L);
    String[] dominant = summary.tags.dominant().get(topic);
    Double dominantShare = dominant == null ? null : Double.valueOf(dominant[1]);
    rows.add(
        RowFactory.create(
            runId,
            id.topicId(),
            level,
            String.join(" · ", terms.subList(0, Math.min(3, terms.size()))),
            scalaSeq(terms),
            size,
            total == 0 ? 0.0 : (double) size / total,
            scalaSeq(
                summary.exemplars.getOrDefault(topic, List.of()).stream()
                    .map(e -> RowFactory.create(e[0], e[1]))
                    .toList()),
            dominant == null ? null : dominant[0],
            dominantShare,
            id.previousTopicId(),
            id.matchSimilarity(),
            parentTopicId,
            modelTopic,
            emergingBelow,
            scala.collection.JavaConverters.mapAsScalaMap(centre == null ? Map.of() : centre),
            now));
    return new DiscoverResult.Topic(
        id.topicId(), level, parentTopicId, id.previousTopicId(), terms, size,
        dominant == null ? null : dominant[0], dominantShare);
  }

  private static Map<Integer, Long> countBy(Dataset<Row> rows, String column) {
    Map<Integer, Long> counts = new TreeMap<>();
    for (Row r : rows.groupBy(column).count().collectAsList()) {
      counts.put(r.getInt(0), r.getLong(1));
    }
    return counts;
  }

  /** Sizes, label terms, exemplars and agent-tag agreement of one level's topics. */
  private record LevelSummary(
      Map<Integer, Long> sizes,
      Map<Integer, List<String>> labels,
      Map<Integer, List<String[]>> exemplars,
      TagAgreement tags) {

    static LevelSummary of(Dataset<Row> assigned, TopicSettings settings) {
      Map<Integer, Long> sizes = countBy(assigned, TopicModeler.TOPIC);
      long placed = sizes.entrySet().stream().filter(e -> e.getKey() >= 0).mapToLong(Map.Entry::getValue).sum();
      return new LevelSummary(
          sizes,
          TopicSummaries.labelTerms(assigned, settings.labelTerms(), placed),
          TopicSummaries.exemplars(assigned, "ticket_id", "text", settings.exemplars()),
          TagAgreement.of(assigned));
    }
  }

  /** The clean tickets of a window, as discover and assign read them. */
  static Dataset<Row> readTickets(SparkSession spark, String outputRoot, MonthWindow window) {
    String path = outputRoot + "/" + IngestJob.TICKETS_TABLE;
    if (!DeltaIo.exists(spark, path)) {
      throw new InputException("No tickets table at " + path + "; run ingest first (or pass --output)");
    }
    return spark.read()
        .format("delta")
        .load(path)
        .filter(window.contains(col("month")))
        .select("ticket_id", "month", "text", "language", "agent_tag");
  }

  /** The latest previous run's topic centres per level, and the next free topic id. */
  private Previous previousTopics(SparkSession spark) {
    String path = outputRoot + "/" + TOPICS_TABLE;
    if (!DeltaIo.exists(spark, path)) {
      return new Previous(Map.of(), UNCLASSIFIED_ID + 1);
    }
    Dataset<Row> all = spark.read().format("delta").load(path);
    Row latest = all.orderBy(col("created_at").desc(), col("run_id").desc()).select("run_id").first();
    Object maxId = all.agg(org.apache.spark.sql.functions.max("topic_id")).first().get(0);
    Map<Integer, Map<Integer, Map<String, Double>>> byLevel = new HashMap<>();
    for (Row r :
        all.filter(col("run_id").equalTo(latest.getString(0)).and(col("topic_id").notEqual(UNCLASSIFIED_ID)))
            .select("level", "topic_id", "centre_terms")
            .collectAsList()) {
      byLevel.computeIfAbsent(r.getInt(0), l -> new HashMap<>()).put(r.getInt(1), r.getJavaMap(2));
    }
    return new Previous(byLevel, maxId == null ? 1 : ((Integer) maxId) + 1);
  }

  private static <T> scala.collection.Seq<T> scalaSeq(List<T> items) {
    return scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(items)).toSeq();
  }


  private record Previous(Map<Integer, Map<Integer, Map<String, Double>>> byLevel, int nextId) {

    Map<Integer, Map<String, Double>> centres(int level) {
      return byLevel.getOrDefault(level, Map.of());
    }
  }

  /** How topics relate to existing agent tags: NMI, ARI and each topic's dominant tag. */
  record TagAgreement(Double nmi, Double ari, Map<Integer, String[]> dominant) {

    static TagAgreement of(Dataset<Row> assigned) {
      Map<String, Map<String, Long>> counts = ClusterAgreement.topicTagCounts(assigned);
      // Per topic: the most frequent tag (ties by name) and its share of the topic's tagged tickets.
      Map<Integer, String[]> dominant = new HashMap<>();
      for (var topic : counts.entrySet()) {
        var top =
            topic.getValue().entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .orElseThrow();
        long tagged = topic.getValue().values().stream().mapToLong(Long::longValue).sum();
        dominant.put(Integer.parseInt(topic.getKey()), new String[] {top.getKey(), Double.toString((double) top.getValue() / tagged)});
      }
      if (counts.isEmpty()) {
        return new TagAgreement(null, null, dominant);
      }
      return new TagAgreement(ClusterAgreement.nmi(counts), ClusterAgreement.ari(counts), dominant);
    }
  }
}
