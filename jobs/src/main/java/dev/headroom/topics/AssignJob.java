package dev.headroom.topics;

import static dev.headroom.common.Table.Topics.UNCLASSIFIED_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.headroom.common.BaseJob;
import dev.headroom.common.DeltaIo;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.JobRun;
import dev.headroom.common.RunRecord;
import dev.headroom.common.Table;
import dev.headroom.text.TicketAnalyzer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code assign}: scores the tickets of a window with the latest saved topic model.
 *
 * <p>Each ticket gets the topic whose centre is nearest. A ticket less similar to that centre than
 * the topic's own {@code emerging_below} (the low quantile of its training tickets' similarities,
 * {@code topics.emerging-quantile}; of its training tickets in the ticket's language where the
 * topic had enough of them) fits no topic well: it is flagged {@code emerging} instead of being
 * silently counted in a topic it does not belong to. The team's seeded and split-off topics
 * (conf/taxonomy.txt) take their tickets as discover's do. The window's months of {@code
 * ticket_topics} are replaced.
 */
public final class AssignJob extends BaseJob<AssignJob, AssignResult> {

  /** The job name. */
  public static final String NAME = "assign";

  /** The {@code topics} column with a fine topic's emerging threshold per language. */
  private static final String BY_LANGUAGE = "emerging_below_by_language";

  private AssignJob(SparkSession spark, HeadroomConfig config) {
    super(NAME, spark, config);
  }

  /** A job for this session and configuration. */
  public static AssignJob of(SparkSession spark, HeadroomConfig config) {
    return new AssignJob(spark, config);
  }

  @Override
  protected AssignJob self() {
    return this;
  }

  /** Loads the latest model, scores the window's tickets, writes their topics. */
  @Override
  protected AssignResult run(JobRun run) {
    Instant started = run.started();
    Saved saved = latestModel(run);
    Dataset<Row> tickets = DiscoverJob.readTickets(run.spark(), outputRoot(), window());
    SeedTerms seeds =
        SeedTerms.of(config.taxonomy(), saved.model().pipeline().stages()[0], run.spark());
    checkFitted(run, saved, seeds);
    Dataset<Row> assigned =
        withSeeds(assign(saved, tickets), seeds).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Counts counts = Counts.of(assigned);
      List<String> months =
          assigned.select("month").distinct().as(Encoders.STRING()).collectAsList().stream()
              .sorted()
              .toList();
      List<String> emergingStems =
          TopicSummaries.labelTerms(
                  assigned.withColumn(
                      TopicModeler.TOPIC, when(col("emerging"), lit(1)).otherwise(lit(0))),
                  config.topics().labelTerms(),
                  counts.total())
              .getOrDefault(1, List.of());
      // The terms a person reads: words as written, not stems.
      List<String> emergingTerms =
          saved
              .model()
              .tokenizerSettings()
              .map(
                  settings ->
                      WrittenForms.apply(
                          emergingStems,
                          WrittenForms.of(
                              assigned.filter(col("emerging")),
                              "language",
                              settings,
                              java.util.Set.copyOf(emergingStems),
                              counts.emerging(),
                              config.topics().seed())))
              .orElse(emergingStems);
      write(run, assigned, months);

      run.count("tickets", counts.total());
      run.count("unclassified", counts.unclassified());
      run.count("emerging", counts.emerging());
      run.parameter("model_run", saved.runId());
      run.parameter("months", String.join(",", months));
      run.seconds("total", RunRecord.secondsSince(started));
      run.metric(
          "emerging_share",
          counts.total() == 0 ? 0.0 : (double) counts.emerging() / counts.total());
      return new AssignResult(
          run.runId(),
          saved.runId(),
          counts.total(),
          counts.unclassified(),
          counts.emerging(),
          emergingTerms,
          months);
    } finally {
      assigned.unpersist();
    }
  }

  /**
   * The latest discover run's model and its topics.
   *
   * @param runId the discover run
   * @param topics its fine topics: model topic, stable id, parent id, emerging threshold
   * @param model its fitted model
   */
  private record Saved(String runId, Dataset<Row> topics, TopicModel model) {}

  private Saved latestModel(JobRun run) {
    Dataset<Row> allTopics = run.read(Table.TOPICS);
    String modelRun =
        allTopics
            .orderBy(col("created_at").desc(), col("run_id").desc())
            .select("run_id")
            .first()
            .getString(0);
    Dataset<Row> topics =
        allTopics
            .filter(col("run_id").equalTo(modelRun).and(col("model_topic").isNotNull()))
            .select(
                col("model_topic").as(TopicModeler.TOPIC),
                col("topic_id"),
                col("parent_topic_id"),
                col("emerging_below"),
                // Discover runs before the per-language thresholds have the one threshold alone.
                Arrays.asList(allTopics.columns()).contains(BY_LANGUAGE)
                    ? col(BY_LANGUAGE)
                    : lit(null)
                        .cast(MapType.apply(DataTypes.StringType, DataTypes.DoubleType))
                        .as(BY_LANGUAGE));
    TopicModel model = TopicModel.load(DiscoverJob.modelPath(outputRoot(), modelRun));
    if (!model.isSet(model.minTerms())) {
      // A model saved before min terms was kept with it: the configured value.
      model.setMinTerms(config.topics().minTerms());
    }
    return new Saved(modelRun, topics, model);
  }

  /** Stops when a seed or split names a topic the model's discover run did not give out. */
  private void checkFitted(JobRun run, Saved saved, SeedTerms seeds) {
    if (seeds.isEmpty()) {
      return;
    }
    Set<Integer> topicIds =
        new HashSet<>(
            run.read(Table.TOPICS)
                .filter(col("run_id").equalTo(saved.runId()))
                .select("topic_id")
                .as(Encoders.INT())
                .collectAsList());
    for (SeedTerms.Defined d : seeds.topics()) {
      if (!topicIds.contains(d.topicId())) {
        throw new InputException(
            config.taxonomy().file()
                + ":"
                + d.seed().line()
                + " defines topic "
                + d.topicId()
                + " by a "
                + d.seed().verb()
                + ", which the latest discover run ("
                + saved.runId()
                + ") did not have; run discover to apply it");
      }
    }
  }

  /**
   * The team's seeded topics take every ticket with one of their phrases (the first seed in the
   * file that matches), then each split takes the matching tickets of the topic it names, in file
   * order; a ticket so taken is not emerging: the team has said what it is.
   */
  static Dataset<Row> withSeeds(Dataset<Row> assigned, SeedTerms seeds) {
    Column seeded = lit(null).cast("int");
    List<SeedTerms.Defined> seededTopics = seeds.seeded();
    for (int i = seededTopics.size() - 1; i >= 0; i--) {
      seeded =
          when(seededTopics.get(i).matches(), lit(seededTopics.get(i).topicId())).otherwise(seeded);
    }
    Dataset<Row> rows = seededTopics.isEmpty() ? assigned : takeInto(assigned, seeded);
    for (SeedTerms.Defined split : seeds.splits()) {
      Column ofTopic =
          col("topic_id").equalTo(split.from()).or(col("parent_topic_id").equalTo(split.from()));
      rows = takeInto(rows, when(ofTopic.and(split.matches()), lit(split.topicId())));
    }
    return rows;
  }

  /** Moves each ticket with a non-null {@code taken} id into that topic, its own parent. */
  private static Dataset<Row> takeInto(Dataset<Row> rows, Column taken) {
    String column = "taken_by_seed";
    return rows.withColumn(column, taken)
        .withColumn("topic_id", coalesce(col(column), col("topic_id")))
        .withColumn("parent_topic_id", coalesce(col(column), col("parent_topic_id")))
        .withColumn("emerging", col(column).isNull().and(col("emerging")))
        .drop(column);
  }

  /** Each ticket's topic by the saved model, with its stable ids and whether it is emerging. */
  private static Dataset<Row> assign(Saved saved, Dataset<Row> tickets) {
    return saved
        .model()
        .transform(tickets)
        .join(broadcast(saved.topics()), TopicModeler.TOPIC, "left")
        .withColumn(
            "emerging",
            coalesce(
                col(TopicModeler.SIMILARITY)
                    .lt(
                        coalesce(
                            element_at(
                                col(BY_LANGUAGE),
                                TicketAnalyzer.analysisLanguage(col("text"), col("language"))),
                            col("emerging_below"))),
                lit(false)))
        .drop(BY_LANGUAGE)
        .withColumn("topic_id", coalesce(col("topic_id"), lit(UNCLASSIFIED_ID)))
        .withColumn("parent_topic_id", coalesce(col("parent_topic_id"), lit(UNCLASSIFIED_ID)));
  }

  /**
   * How many tickets were assigned, and of them unclassified and emerging.
   *
   * @param total tickets assigned
   * @param unclassified tickets with too few terms to place
   * @param emerging tickets that fit their topic poorly
   */
  private record Counts(long total, long unclassified, long emerging) {
    static Counts of(Dataset<Row> assigned) {
      long total = 0;
      long unclassified = 0;
      long emerging = 0;
      for (Row r : assigned.groupBy("topic_id", "emerging").count().collectAsList()) {
        long n = r.getLong(2);
        total += n;
        unclassified += r.getInt(0) == UNCLASSIFIED_ID ? n : 0;
        emerging += r.getBoolean(1) ? n : 0;
      }
      return new Counts(total, unclassified, emerging);
    }
  }

  /** Replaces the assigned months of {@code ticket_topics}. */
  private static void write(JobRun run, Dataset<Row> assigned, List<String> months) {
    DeltaIo.replaceSlice(
        assigned.select(
            col("ticket_id"),
            col("month"),
            col("topic_id"),
            col("parent_topic_id"),
            col(TopicModeler.SIMILARITY),
            col("emerging"),
            lit(run.runId()).as("run_id")),
        run.path(Table.TICKET_TOPICS),
        months.isEmpty() ? "1 = 0" : "month IN " + DeltaIo.inList(months),
        Table.TICKET_TOPICS.partitionColumns(),
        run.commitNote());
  }
}
