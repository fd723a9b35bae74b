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
    SparkSession spark = run.spark();
    String runId = run.runId();
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

    Dataset<Row> tickets = DiscoverJob.readTickets(spark, outputRoot(), window());
    Dataset<Row> assigned =
        model
            .transform(tickets)
            .join(broadcast(topics), TopicModeler.TOPIC, "left")
            .withColumn(
                "emerging",
                coalesce(col(TopicModeler.SIMILARITY).lt(col("emerging_below")), lit(false)))
            .withColumn("topic_id", coalesce(col("topic_id"), lit(UNCLASSIFIED_ID)))
            .withColumn("parent_topic_id", coalesce(col("parent_topic_id"), lit(UNCLASSIFIED_ID)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long total = 0;
      long unclassified = 0;
      long emerging = 0;
      for (Row r : assigned.groupBy("topic_id", "emerging").count().collectAsList()) {
        long n = r.getLong(2);
        total += n;
        unclassified += r.getInt(0) == UNCLASSIFIED_ID ? n : 0;
        emerging += r.getBoolean(1) ? n : 0;
      }
      List<String> months =
          assigned.select("month").distinct().as(Encoders.STRING()).collectAsList().stream()
              .sorted()
              .toList();
      List<String> emergingTerms =
          TopicSummaries.labelTerms(
                  assigned.withColumn(
                      TopicModeler.TOPIC, when(col("emerging"), lit(1)).otherwise(lit(0))),
                  config.topics().labelTerms(),
                  total)
              .getOrDefault(1, List.of());

      String note = run.commitNote();
      DeltaIo.replaceSlice(
          assigned.select(
              col("ticket_id"),
              col("month"),
              col("topic_id"),
              col("parent_topic_id"),
              col(TopicModeler.SIMILARITY),
              col("emerging"),
              lit(runId).as("run_id")),
          run.path(Table.TICKET_TOPICS),
          months.isEmpty() ? "1 = 0" : "month IN " + DeltaIo.inList(months),
          Table.TICKET_TOPICS.partitionColumns(),
          note);

      run.count("tickets", total);
      run.count("unclassified", unclassified);
      run.count("emerging", emerging);
      run.parameter("model_run", modelRun);
      run.parameter("months", String.join(",", months));
      run.seconds("total", RunRecord.secondsSince(started));
      run.metric("emerging_share", total == 0 ? 0.0 : (double) emerging / total);
      return new AssignResult(
          runId, modelRun, total, unclassified, emerging, emergingTerms, months);
    } finally {
      assigned.unpersist();
    }
  }
}
