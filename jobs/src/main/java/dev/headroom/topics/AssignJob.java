package dev.headroom.topics;

import static dev.headroom.common.Table.Topics.UNCLASSIFIED_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.headroom.common.BaseJob;
import dev.headroom.common.DeltaIo;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.JobRun;
import dev.headroom.common.RunRecord;
import dev.headroom.common.Table;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code assign}: scores the tickets of a window with the latest saved topic model.
 *
 * <p>Each ticket gets the topic whose centre is nearest. A ticket less similar to that centre than
 * the topic's own {@code emerging_below} (the low quantile of its training tickets' similarities,
 * {@code topics.emerging-quantile}) fits no topic well: it is flagged {@code emerging} instead of
 * being silently counted in a topic it does not belong to. The window's months of {@code
 * ticket_topics} are replaced.
 */
public final class AssignJob extends BaseJob<AssignJob, AssignResult> {

  /** The job name. */
  public static final String NAME = "assign";

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
    Dataset<Row> assigned = assign(saved, tickets).persist(StorageLevel.MEMORY_AND_DISK());
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
                col("emerging_below"));
    TopicModel model = TopicModel.load(DiscoverJob.modelPath(outputRoot(), modelRun));
    if (!model.isSet(model.minTerms())) {
      // A model saved before min terms was kept with it: the configured value.
      model.setMinTerms(config.topics().minTerms());
    }
    return new Saved(modelRun, topics, model);
  }

  /** Each ticket's topic by the saved model, with its stable ids and whether it is emerging. */
  private static Dataset<Row> assign(Saved saved, Dataset<Row> tickets) {
    return saved
        .model()
        .transform(tickets)
        .join(broadcast(saved.topics()), TopicModeler.TOPIC, "left")
        .withColumn(
            "emerging",
            coalesce(col(TopicModeler.SIMILARITY).lt(col("emerging_below")), lit(false)))
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
