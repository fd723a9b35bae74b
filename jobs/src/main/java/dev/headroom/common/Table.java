package dev.headroom.common;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The catalogue of every Delta table Headroom writes under an output root: its name, the job that
 * produces it, how it is partitioned and, where Headroom defines every column, its schema.
 *
 * <p>Jobs, the report and the notebooks find tables here instead of in each other's classes, so no
 * package imports a job to learn a table's name. The tables are described for users in the README
 * ("What a run writes") and docs/architecture.md.
 */
public enum Table {
  /** Clean tickets in the data contract's columns (plus configured segments), by month. */
  TICKETS("tickets", "ingest", List.of("month"), null),
  /** Clean orders in the data contract's columns (plus configured segments), by month. */
  ORDERS("orders", "ingest", List.of("month"), null),
  /** Every input row not taken, with its reason and the raw row (texts masked). */
  REJECTS("rejects", "ingest", List.of("kind"), Schemas.REJECTS),
  /** One row per topic per discover run: parents (causes), fine topics and unclassified. */
  TOPICS("topics", "discover", List.of(), Schemas.TOPICS),
  /** Each ticket's topic and parent, by month; the latest discover or assign run wins. */
  TICKET_TOPICS("ticket_topics", "discover (or assign)", List.of("month"), Schemas.TICKET_TOPICS),
  /** Per rank run, topic x period x segment figures behind the backlog. */
  TOPIC_METRICS("topic_metrics", "rank", List.of(), Schemas.TOPIC_METRICS),
  /** Per rank run, one ranked row per topic. */
  BACKLOG("backlog", "rank", List.of(), Schemas.BACKLOG),
  /** Per rank run, one row per recorded fix: did it work, by how much, with its interval. */
  FIXES("fixes", "rank", List.of(), Schemas.FIXES),
  /** One row per job run: parameters, counts, seconds per stage, quality figures. */
  RUNS("runs", "every job", List.of(), Schemas.RUNS);

  /** Folder of saved topic pipelines ({@code models/<discover run id>}) under the output root. */
  public static final String MODELS_FOLDER = "models";

  private final String tableName;
  private final String producer;
  private final List<String> partitionColumns;
  private final StructType schema;

  Table(String tableName, String producer, List<String> partitionColumns, StructType schema) {
    this.tableName = tableName;
    this.producer = producer;
    this.partitionColumns = partitionColumns;
    this.schema = schema;
  }

  /** The table's folder name under the output root. */
  public String tableName() {
    return tableName;
  }

  /** The job that writes the table, as named in "run ... first" messages. */
  public String producer() {
    return producer;
  }

  /** The columns the table is partitioned by (empty for none). */
  public List<String> partitionColumns() {
    return partitionColumns;
  }

  /**
   * Every column of the table, in order, or null for {@link #TICKETS} and {@link #ORDERS}, whose
   * columns follow the configured data contract and segments (docs/ingest.md).
   */
  public StructType schema() {
    return schema;
  }

  /** The table's path under an output root. */
  public String path(String outputRoot) {
    return outputRoot + "/" + tableName;
  }

  /** Whether the table exists under the output root. */
  public boolean exists(SparkSession spark, String outputRoot) {
    return DeltaIo.exists(spark, path(outputRoot));
  }

  /**
   * The table under the output root.
   *
   * @throws InputException naming the path and the job to run first when the table is absent
   */
  public Dataset<Row> read(SparkSession spark, String outputRoot) {
    String path = path(outputRoot);
    if (!DeltaIo.exists(spark, path)) {
      throw new InputException(
          "No "
              + tableName
              + " table at "
              + path
              + "; run "
              + producer
              + " first (or pass --output)");
    }
    return spark.read().format("delta").load(path);
  }

  /** Values of the {@code topics} and {@code ticket_topics} tables that every job shares. */
  public static final class Topics {

    private Topics() {}

    /** Topic id of tickets with too little content to place. */
    public static final int UNCLASSIFIED_ID = 0;

    /** Level of parent topics (causes) and of the unclassified bucket. */
    public static final int LEVEL_PARENT = 1;

    /** Level of the fine topics k-means finds (children of a parent). */
    public static final int LEVEL_TOPIC = 2;
  }

  /** Values of the {@code topic_metrics} table's {@code period_type}, {@code dimension} columns. */
  public static final class Metrics {

    private Metrics() {}

    /** {@code period_type} of figures over the whole window. */
    public static final String PERIOD_WINDOW = "window";

    /** {@code period_type} of monthly figures. */
    public static final String PERIOD_MONTH = "month";

    /** {@code period_type} of weekly figures. */
    public static final String PERIOD_WEEK = "week";

    /** {@code dimension} and {@code segment} of figures over all segments. */
    public static final String ALL = "all";
  }

  /** The schemas, apart so the enum constants can refer to them. */
  private static final class Schemas {

    private Schemas() {}

    static final StructType REJECTS =
        new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true)
            .add("raw", DataTypes.StringType, true)
            .add("source_file", DataTypes.StringType, true)
            .add("input_path", DataTypes.StringType, false)
            .add("month", DataTypes.StringType, true)
            .add("run_id", DataTypes.StringType, false)
            .add("rejected_at", DataTypes.TimestampType, false);

    static final StructType TOPICS =
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
                "emerging_below_by_language",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType),
                true)
            .add(
                "centre_terms",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType),
                false)
            .add("created_at", DataTypes.TimestampType, false);

    static final StructType TICKET_TOPICS =
        new StructType()
            .add("ticket_id", DataTypes.StringType, true)
            .add("month", DataTypes.StringType, true)
            .add("topic_id", DataTypes.IntegerType, false)
            .add("parent_topic_id", DataTypes.IntegerType, false)
            .add("similarity", DataTypes.DoubleType, true)
            .add("emerging", DataTypes.BooleanType, false)
            .add("run_id", DataTypes.StringType, false);

    private static final StructType SUBTOPIC =
        new StructType()
            .add("topic_id", DataTypes.IntegerType, false)
            .add("label", DataTypes.StringType, true)
            .add("tickets", DataTypes.LongType, false);

    private static final StructType SEGMENT =
        new StructType()
            .add("dimension", DataTypes.StringType, false)
            .add("segment", DataTypes.StringType, false)
            .add("tickets", DataTypes.LongType, false)
            .add("orders", DataTypes.LongType, false)
            .add("contact_rate", DataTypes.DoubleType, false)
            .add("benchmark_rate", DataTypes.DoubleType, false)
            .add("excess", DataTypes.DoubleType, false);

    private static final StructType SPIKE_DRIVER =
        new StructType()
            .add("week", DataTypes.StringType, false)
            .add("dimension", DataTypes.StringType, false)
            .add("segment", DataTypes.StringType, false)
            .add("excess_share", DataTypes.DoubleType, false)
            .add("exposure_share", DataTypes.DoubleType, false)
            .add("contacts", DataTypes.LongType, false)
            .add("expected", DataTypes.DoubleType, false);

    private static final StructType EXEMPLAR =
        new StructType().add("ticket_id", DataTypes.StringType).add("text", DataTypes.StringType);

    static final StructType BACKLOG =
        new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("topic_id", DataTypes.IntegerType, false)
            .add("level", DataTypes.IntegerType, false)
            .add("label", DataTypes.StringType, true)
            .add("label_terms", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("subtopics", DataTypes.createArrayType(SUBTOPIC), false)
            .add("tickets", DataTypes.LongType, false)
            .add("share", DataTypes.DoubleType, false)
            .add("orders", DataTypes.LongType, false)
            .add("contact_rate", DataTypes.DoubleType, true)
            .add("repeat_contacts", DataTypes.LongType, false)
            .add("repeat_share", DataTypes.DoubleType, false)
            .add("segment_excess", DataTypes.DoubleType, false)
            .add("period_excess", DataTypes.DoubleType, false)
            .add("excess_source", DataTypes.StringType, true)
            .add("reducible_contacts", DataTypes.DoubleType, false)
            .add("headroom_share", DataTypes.DoubleType, false)
            .add("cost_per_contact", DataTypes.DoubleType, false)
            .add("monthly_saving", DataTypes.DoubleType, false)
            .add("currency", DataTypes.StringType, false)
            .add("effort", DataTypes.DoubleType, true)
            .add("roi", DataTypes.DoubleType, true)
            .add("top_segments", DataTypes.createArrayType(SEGMENT), false)
            .add(
                "benchmark_rates",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType),
                false)
            .add("trend", DataTypes.StringType, false)
            .add("trend_change", DataTypes.DoubleType, true)
            .add("spike_weeks", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("spike_drivers", DataTypes.createArrayType(SPIKE_DRIVER), true)
            .add("csat", DataTypes.DoubleType, true)
            .add("csat_responses", DataTypes.LongType, false)
            .add("csat_impact", DataTypes.DoubleType, true)
            .add("nps", DataTypes.DoubleType, true)
            .add("nps_responses", DataTypes.LongType, true)
            .add("nps_impact", DataTypes.DoubleType, true)
            .add("dominant_tag", DataTypes.StringType, true)
            .add("dominant_tag_share", DataTypes.DoubleType, true)
            .add("emerging_contacts", DataTypes.LongType, false)
            .add("unattributed_contacts", DataTypes.LongType, false)
            .add("exemplars", DataTypes.createArrayType(EXEMPLAR), false)
            .add("window_from", DataTypes.StringType, false)
            .add("window_to", DataTypes.StringType, false)
            .add("months", DataTypes.IntegerType, false)
            .add("created_at", DataTypes.TimestampType, false)
            .add("team_tag", DataTypes.StringType, true)
            .add("not_actionable", DataTypes.StringType, true);

    static final StructType TOPIC_METRICS =
        new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("topic_id", DataTypes.IntegerType, false)
            .add("period_type", DataTypes.StringType, false)
            .add("period", DataTypes.StringType, false)
            .add("dimension", DataTypes.StringType, false)
            .add("segment", DataTypes.StringType, false)
            .add("tickets", DataTypes.LongType, false)
            .add("first_contacts", DataTypes.LongType, true)
            .add("orders", DataTypes.LongType, false)
            .add("contact_rate", DataTypes.DoubleType, true)
            .add("first_contact_rate", DataTypes.DoubleType, true)
            .add("expected", DataTypes.DoubleType, true)
            .add("rate_ratio", DataTypes.DoubleType, true)
            .add("shrunk_ratio", DataTypes.DoubleType, true)
            .add("benchmark_rate", DataTypes.DoubleType, true)
            .add("excess", DataTypes.DoubleType, true)
            .add("p_value", DataTypes.DoubleType, true)
            .add("sets_benchmark", DataTypes.BooleanType, true)
            .add("spike", DataTypes.BooleanType, true)
            .add("baseline_rate", DataTypes.DoubleType, true)
            .add("threshold_rate", DataTypes.DoubleType, true)
            .add("partial", DataTypes.BooleanType, true);

    static final StructType FIXES =
        new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("topic_id", DataTypes.IntegerType, false)
            .add("label", DataTypes.StringType, true)
            .add("shipped_on", DataTypes.DateType, false)
            .add("scope", DataTypes.StringType, false)
            .add("note", DataTypes.StringType, true)
            .add("source", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("treated_contacts_before", DataTypes.LongType, false)
            .add("treated_orders_before", DataTypes.LongType, false)
            .add("treated_contacts_after", DataTypes.LongType, false)
            .add("treated_orders_after", DataTypes.LongType, false)
            .add("control_contacts_before", DataTypes.LongType, false)
            .add("control_orders_before", DataTypes.LongType, false)
            .add("control_contacts_after", DataTypes.LongType, false)
            .add("control_orders_after", DataTypes.LongType, false)
            .add("treated_rate_before", DataTypes.DoubleType, true)
            .add("treated_rate_after", DataTypes.DoubleType, true)
            .add("control_rate_before", DataTypes.DoubleType, true)
            .add("control_rate_after", DataTypes.DoubleType, true)
            .add("rate_ratio", DataTypes.DoubleType, true)
            .add("ci_low", DataTypes.DoubleType, true)
            .add("ci_high", DataTypes.DoubleType, true)
            .add("expected_after", DataTypes.DoubleType, true)
            .add("avoided_per_month", DataTypes.DoubleType, true)
            .add("avoided_per_month_low", DataTypes.DoubleType, true)
            .add("avoided_per_month_high", DataTypes.DoubleType, true)
            .add("saving_per_month", DataTypes.DoubleType, true)
            .add("currency", DataTypes.StringType, false)
            .add("weeks_needed", DataTypes.IntegerType, true)
            .add("summary", DataTypes.StringType, false)
            .add("created_at", DataTypes.TimestampType, false);

    static final StructType RUNS =
        new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("job", DataTypes.StringType, false)
            .add("started_at", DataTypes.TimestampType, false)
            .add("finished_at", DataTypes.TimestampType, false)
            .add("status", DataTypes.StringType, false)
            .add(
                "parameters",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
                false)
            .add("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
            .add(
                "stage_seconds",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType),
                false)
            .add(
                "metrics",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType),
                false);
  }
}
