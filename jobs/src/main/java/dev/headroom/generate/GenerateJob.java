package dev.headroom.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.headroom.common.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code generate}: synthetic orders and tickets with a planted truth, at any size.
 *
 * <p>Writes under the output folder: {@code orders/} and {@code tickets/} (Parquet, the raw form
 * {@code ingest} reads), {@code truth/tickets/} (each ticket's cause, repeat, offender, spike, dirt
 * and planted personal data) and {@code truth.json} (the planted causes, offenders, spike week and
 * counts).
 */
public final class GenerateJob {

  /** The job name, as used on the command line. */
  public static final String NAME = "generate";

  /** Rows per output file; a sample of a few hundred thousand rows stays one file. */
  public static final long ROWS_PER_FILE = 2_000_000L;

  /** Orders per Spark task while generating. */
  public static final long ORDERS_PER_TASK = 250_000L;

  /** Tickets generated per order on average with {@link CauseCatalog} (measured). */
  public static final double TICKETS_PER_ORDER = 0.127;

  /** The orders to generate for about {@code tickets} tickets. */
  public static long ordersForTickets(long tickets) {
    return Math.max(1, Math.round(tickets / TICKETS_PER_ORDER));
  }

  /** Schema of the generated tickets, the raw form of the data contract. */
  public static final StructType TICKET_SCHEMA =
      new StructType()
          .add("ticket_id", DataTypes.StringType)
          .add("created_at", DataTypes.StringType)
          .add("title", DataTypes.StringType)
          .add("body", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("order_id", DataTypes.StringType)
          .add("agent_tag", DataTypes.StringType)
          .add("handle_seconds", DataTypes.DoubleType)
          .add("csat", DataTypes.DoubleType);

  /** Schema of the generated orders. */
  public static final StructType ORDER_SCHEMA =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("ordered_at", DataTypes.TimestampType)
          .add("customer_id", DataTypes.StringType)
          .add("seller_id", DataTypes.StringType)
          .add("product_category", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType);

  /** Schema of the per-ticket truth. */
  public static final StructType TRUTH_SCHEMA =
      new StructType()
          .add("ticket_id", DataTypes.StringType)
          .add("cause", DataTypes.StringType)
          .add("is_repeat", DataTypes.BooleanType)
          .add("offender", DataTypes.BooleanType)
          .add("in_spike", DataTypes.BooleanType)
          .add("unknown_order", DataTypes.BooleanType)
          .add("language", DataTypes.StringType)
          .add("dirty_kind", DataTypes.StringType)
          .add("pii_kind", DataTypes.StringType)
          .add("pii_value", DataTypes.StringType);

  private final SparkSession spark;
  private final SyntheticVoc.Params params;
  private String output = "generated";

  private GenerateJob(SparkSession spark, SyntheticVoc.Params params) {
    this.spark = spark;
    this.params = params;
  }

  /** A job for this session and these parameters. */
  public static GenerateJob of(SparkSession spark, SyntheticVoc.Params params) {
    return new GenerateJob(spark, params);
  }

  /** The folder to write into; its {@code orders}, {@code tickets} and truth are replaced. */
  public GenerateJob output(String folder) {
    this.output = folder;
    return this;
  }

  /** Generates, writes, and returns the counts. */
  public GenerateResult execute() {
    Instant started = Instant.now();
    SyntheticVoc generator = new SyntheticVoc(params);
    int tasks = (int) Math.max(1, (params.orders() + ORDERS_PER_TASK - 1) / ORDERS_PER_TASK);
    tasks = Math.max(tasks, spark.sparkContext().defaultParallelism());
    JavaRDD<Long> indexes = spark.range(0, params.orders(), 1, tasks).javaRDD();

    JavaRDD<Row> orders = indexes.map(i -> orderRow(generator.order(i)));
    JavaRDD<SyntheticVoc.Ticket> tickets =
        indexes
            .flatMap(i -> generator.tickets(i).iterator())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      write(spark.createDataFrame(orders, ORDER_SCHEMA), "orders", params.orders());
      Dataset<Row> ticketRows =
          spark.createDataFrame(tickets.map(GenerateJob::ticketRow), TICKET_SCHEMA);
      Dataset<Row> truthRows =
          spark.createDataFrame(tickets.map(GenerateJob::truthRow), TRUTH_SCHEMA);
      long ticketCount = tickets.count();
      write(ticketRows, "tickets", ticketCount);
      write(truthRows, "truth/tickets", ticketCount);
      Map<String, Object> truth =
          truthSummary(generator, spark.read().parquet(output + "/truth/tickets"));
      writeJson(truth);
      return new GenerateResult(
          output, params.orders(), ticketCount, RunRecord.secondsSince(started));
    } finally {
      // Blocking: this is the job's last step, and the command line stops Spark right after; a
      // removal still in flight then fails with RejectedExecutionException stack traces (seen at
      // a million tickets) although the data was written.
      tickets.unpersist(true);
    }
  }

  private void write(Dataset<Row> rows, String name, long rowCount) {
    int files = (int) Math.max(1, (rowCount + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    rows.coalesce(files)
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "zstd")
        .parquet(output + "/" + name);
  }

  private Map<String, Object> truthSummary(SyntheticVoc generator, Dataset<Row> truth) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("seed", params.seed());
    summary.put("start_month", params.start().toString());
    summary.put("months", params.months());
    summary.put("time_zone", params.zone());
    summary.put("orders", params.orders());
    summary.put("dirty_share", params.dirtyShare());
    summary.put("pii_share", params.piiShare());
    if (!params.fixes().isEmpty()) {
      Map<String, String> fixes = new LinkedHashMap<>();
      params.fixes().forEach(f -> fixes.put(f.cause(), f.from().toString()));
      summary.put("fixes", fixes);
    }

    // Clean tickets only: the figures a correct ingest + rank should reproduce.
    List<Row> groups =
        truth
            .filter(col("dirty_kind").isNull())
            .groupBy("cause", "is_repeat", "offender", "in_spike")
            .agg(count(lit(1)).as("n"))
            .collectAsList();
    Map<String, long[]> perCause = new TreeMap<>();
    long clean = 0;
    for (Row g : groups) {
      long[] c = perCause.computeIfAbsent(g.getString(0), k -> new long[5]);
      long n = g.getLong(4);
      boolean repeat = g.getBoolean(1);
      c[0] += n;
      c[1] += repeat ? n : 0;
      c[2] += g.getBoolean(2) ? n : 0;
      c[3] += g.getBoolean(3) ? n : 0;
      // First contacts from the offender; their repeats are already counted as repeats.
      c[4] += g.getBoolean(2) && !repeat ? n : 0;
      clean += n;
    }
    List<Map<String, Object>> causes = new ArrayList<>();
    String largest = null;
    double largestHeadroom = -1;
    for (Cause cause : CauseCatalog.all()) {
      long[] c = perCause.getOrDefault(cause.id(), new long[5]);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", cause.id());
      entry.put("agent_tag", cause.agentTag());
      entry.put("root_cause", !cause.id().equals(CauseCatalog.GENERIC));
      entry.put("emerging_in_last_month", cause.id().equals(CauseCatalog.EMERGING));
      entry.put("rate_per_1000_orders", cause.ratePer1000());
      entry.put("applies_to_categories", cause.categories());
      entry.put("repeat_probability", cause.repeatProbability());
      double excess = 0;
      if (cause.offender() != null) {
        Map<String, Object> offender = new LinkedHashMap<>();
        offender.put("dimension", cause.offender().dimension());
        offender.put("value", cause.offender().value());
        offender.put("multiplier", cause.offender().multiplier());
        entry.put("offender", offender);
        excess += c[4] * (1 - 1 / cause.offender().multiplier());
      }
      if (cause.spike() != null) {
        Map<String, Object> spike = new LinkedHashMap<>();
        spike.put("week_start", generator.weekStart(cause.spike().week()).toString());
        spike.put("multiplier", cause.spike().multiplier());
        if (cause.spike().dimension() != null) {
          spike.put("dimension", cause.spike().dimension());
          spike.put("value", cause.spike().value());
        }
        entry.put("spike", spike);
        excess += c[3] * (1 - 1 / cause.spike().multiplier());
      }
      params.fixes().stream()
          .filter(f -> f.cause().equals(cause.id()))
          .findFirst()
          .ifPresent(f -> entry.put("fixed_from", f.from().toString()));
      entry.put("tickets", c[0]);
      entry.put("repeat_tickets", c[1]);
      entry.put("offender_tickets", c[2]);
      entry.put("spike_tickets", c[3]);
      // Tickets above the base rate plus repeats: what a correct ranking should find reducible.
      double planted = excess + c[1];
      entry.put("planted_reducible", Math.round(planted));
      causes.add(entry);
      if (!cause.id().equals(CauseCatalog.GENERIC) && planted > largestHeadroom) {
        largestHeadroom = planted;
        largest = cause.id();
      }
    }
    summary.put("clean_tickets", clean);
    summary.put("largest_planted_headroom", largest);
    summary.put("causes", causes);
    summary.put("dirty_rows", countBy(truth, "dirty_kind"));
    summary.put("pii_planted", countBy(truth, "pii_kind"));
    summary.put("languages", countBy(truth, "language"));
    return summary;
  }

  private static Map<String, Long> countBy(Dataset<Row> truth, String column) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : truth.filter(col(column).isNotNull()).groupBy(column).count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  private void writeJson(Map<String, Object> truth) {
    try {
      String json =
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(truth);
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(output, "truth.json");
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.setWriteChecksum(false);
      try (var out = fs.create(path, true)) {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot write " + output + "/truth.json: " + e.getMessage(), e);
    }
  }

  private static Row orderRow(SyntheticVoc.Order o) {
    return RowFactory.create(
        o.orderId(),
        Timestamp.from(o.orderedAt()),
        o.customerId(),
        o.sellerId(),
        o.categoryName(),
        o.channel(),
        o.amount());
  }

  private static Row ticketRow(SyntheticVoc.Ticket t) {
    return RowFactory.create(
        t.ticketId(),
        t.createdAt(),
        t.title(),
        t.body(),
        t.channel(),
        t.customerId(),
        t.orderId(),
        t.agentTag(),
        t.handleSeconds(),
        t.csat());
  }

  private static Row truthRow(SyntheticVoc.Ticket t) {
    return RowFactory.create(
        t.ticketId(),
        t.cause(),
        t.repeat(),
        t.offender(),
        t.inSpike(),
        t.unknownOrder(),
        t.language(),
        t.dirtyKind(),
        t.piiKind(),
        t.piiValue());
  }
}
