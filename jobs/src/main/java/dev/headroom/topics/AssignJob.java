package dev.headroom.topics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.headroom.common.DeltaIo;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.MonthWindow;
import dev.headroom.common.RunRecord;
import dev.headroom.common.SparkSessions;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code assign}: scores the tickets of a window with the latest saved topic model.
 *
 * <p>Each ticket gets the topic whose centre is nearest. A ticket less similar to that centre
 * than the topic's own {@code emerging_below} (the low quantile of its training tickets'
 * similarities, {@code topics.emerging-quantile}) fits no topic well: it is flagged {@code
 * emerging} instead of being silently counted in a topic it does not belong to. The window's
 * months of {@code ticket_topics} are replaced.
 */
public final class AssignJob {

  /** The job name. */
  public static final String NAME = "assign";

  private final SparkSession callerSession;
  private final HeadroomConfig config;
  private String outputRoot = "warehouse";
  private MonthWindow window = MonthWindow.ALL;

  private AssignJob(SparkSession spark, HeadroomConfig config) {
    this.callerSession = spark;
    this.config = config;
  }

  /** A job for this session and configuration. */
  public static AssignJob of(SparkSession spark, HeadroomConfig config) {
    return new AssignJob(spark, config);
  }

  /** The warehouse root with {@code tickets}, {@code topics} and {@code models}. */
  public AssignJob outputRoot(String root) {
    this.outputRoot = root;
    return this;
  }

  /** Only tickets in these months (inclusive; either may be null). */
  public AssignJob window(YearMonth fromMonth, YearMonth toMonth) {
    this.window = new MonthWindow(fromMonth, toMonth);
    return this;
  }

  /** Loads the model, scores, writes, and records the run. */
  public AssignResult execute() {
    Instant started = Instant.now();
    String runId = RunRecord.newRunId(NAME, started);
    SparkSession spark = SparkSessions.forJob(callerSession, config.timeZone());

    String topicsPath = outputRoot + "/" + DiscoverJob.TOPICS_TABLE;
    if (!DeltaIo.exists(spark, topicsPath)) {
      throw new InputException("No topics at " + topicsPath + "; run discover first");
    }
    Dataset<Row> allTopics = spark.read().format("delta").load(topicsPath);
    String modelRun =
        allTopics.orderBy(col("created_at").desc(), col("run_id").desc()).select("run_id").first().getString(0);
    Dataset<Row> topics =
        allTopics
            .filter(col("run_id").equalTo(modelRun).and(col("model_topic").isNotNull()))
            .select(
                col("model_topic").as(TopicModeler.TOPIC),
                col("topic_id"),
                col("parent_topic_id"),
                col("emerging_below"));
    PipelineModel model = PipelineModel.load(outputRoot + "/" + DiscoverJob.MODELS + "/" + modelRun);

    Dataset<Row> tickets = DiscoverJob.readTickets(spark, outputRoot, window);
    Dataset<Row> assigned =
        TopicModeler.assign(model, tickets, config.topics().minTerms())
            .join(broadcast(topics), TopicModeler.TOPIC, "left")
            .withColumn(
                "emerging",
                coalesce(col(TopicModeler.SIMILARITY).lt(col("emerging_below")), lit(false)))
            .withColumn("topic_id", coalesce(col("topic_id"), lit(DiscoverJob.UNCLASSIFIED_ID)))
            .withColumn("parent_topic_id", coalesce(col("parent_topic_id"), lit(DiscoverJob.UNCLASSIFIED_ID)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long total = 0;
      long unclassified = 0;
      long emerging = 0;
      for (Row r : assigned.groupBy("topic_id", "emerging").count().collectAsList()) {
        long n = r.getLong(2);
        total += n;
        unclassified += r.getInt(0) == DiscoverJob.UNCLASSIFIED_ID ? n : 0;
        emerging += r.getBoolean(1) ? n : 0;
      }
      List<String> months =
          assigned.select("month").distinct().as(Encoders.STRING()).collectAsList().stream().sorted().toList();
      List<String> emergingTerms =
          TopicSummaries.labelTerms(
                  assigned.withColumn(TopicModeler.TOPIC, when(col("emerging"), lit(1)).otherwise(lit(0))),
                  config.topics().labelTerms(),
                  total)
              .getOrDefault(1, List.of());

      String note = "headroom " + NAME + " run " + runId;
      DeltaIo.replaceSlice(
          assigned.select(
              col("ticket_id"),
              col("month"),
              col("topic_id"),
              col("parent_topic_id"),
              col(TopicModeler.SIMILARITY),
              col("emerging"),
              lit(runId).as("run_id")),
          outputRoot + "/" + DiscoverJob.TICKET_TOPICS_TABLE,
          months.isEmpty() ? "1 = 0" : "month IN " + DeltaIo.inList(months),
          List.of("month"),
          note);

      Map<String, Long> counts = new TreeMap<>();
      counts.put("tickets", total);
      counts.put("unclassified", unclassified);
      counts.put("emerging", emerging);
      Map<String, String> parameters = new TreeMap<>();
      parameters.put("model_run", modelRun);
      parameters.put("months", String.join(",", months));
      Map<String, Double> seconds = new LinkedHashMap<>();
      seconds.put("total", RunRecord.secondsSince(started));
      Map<String, Double> metrics = new TreeMap<>();
      metrics.put("emerging_share", total == 0 ? 0.0 : (double) emerging / total);
      new RunRecord(runId, NAME, started, Instant.now(), "succeeded", parameters, counts, seconds, metrics)
          .append(spark, outputRoot);
      return new AssignResult(runId, modelRun, total, unclassified, emerging, emergingTerms, months);
    } finally {
      assigned.unpersist();
    }
  }
}
