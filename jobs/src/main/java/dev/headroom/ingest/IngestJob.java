package dev.headroom.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.headroom.common.DeltaIo;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.InputSpec;
import dev.headroom.common.MonthWindow;
import dev.headroom.common.RunRecord;
import dev.headroom.common.SparkSessions;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code ingest}: raw tickets and orders to clean Delta tables partitioned by month, and a
 * {@code rejects} table with the reason for every row not taken.
 *
 * <p>Both inputs are read and checked before anything is written, so a missing input or column
 * leaves the warehouse untouched. Re-ingesting a month replaces that month.
 *
 * <pre>{@code
 * IngestResult result = IngestJob.of(spark, config).outputRoot("warehouse").execute();
 * }</pre>
 */
public final class IngestJob {

  /** The job name, as used on the command line and in the {@code runs} table. */
  public static final String NAME = "ingest";

  /** Table of clean tickets under the output root. */
  public static final String TICKETS_TABLE = "tickets";

  /** Table of clean orders under the output root. */
  public static final String ORDERS_TABLE = "orders";

  /** Table of rejected rows under the output root. */
  public static final String REJECTS_TABLE = "rejects";

  private final SparkSession callerSession;
  private final HeadroomConfig config;
  private String outputRoot = "warehouse";
  private MonthWindow window = MonthWindow.ALL;
  private Instant runStart;

  private IngestJob(SparkSession spark, HeadroomConfig config) {
    this.callerSession = spark;
    this.config = config;
  }

  /** A job for this session and validated configuration. */
  public static IngestJob of(SparkSession spark, HeadroomConfig config) {
    return new IngestJob(spark, config);
  }

  /** Where the tables are written (default {@code warehouse}). */
  public IngestJob outputRoot(String root) {
    this.outputRoot = root;
    return this;
  }

  /** Only rows dated in these months (inclusive; either may be null) are taken. */
  public IngestJob window(YearMonth fromMonth, YearMonth toMonth) {
    this.window = new MonthWindow(fromMonth, toMonth);
    return this;
  }

  /** The run's start time; set by tests to pin the date range check. Default: now. */
  public IngestJob runStart(Instant start) {
    this.runStart = start;
    return this;
  }

  /** Reads, checks, writes, and records the run. */
  public IngestResult execute() {
    Instant started = runStart != null ? runStart : Instant.now();
    String runId = RunRecord.newRunId(NAME, started);
    SparkSession spark = SparkSessions.forJob(callerSession, config.timeZone());
    IngestRules rules = IngestRules.of(config, started);
    Map<String, Double> seconds = new LinkedHashMap<>();

    Instant t0 = Instant.now();
    Dataset<Row> ticketsLabelled = readAndLabel(spark, config.tickets(), rules);
    Dataset<Row> ordersLabelled = readAndLabel(spark, config.orders(), rules);
    seconds.put("read", RunRecord.secondsSince(t0));

    ticketsLabelled.persist(StorageLevel.MEMORY_AND_DISK());
    ordersLabelled.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      t0 = Instant.now();
      Summary tickets = summarize(ticketsLabelled, config.tickets());
      double ticketSeconds = RunRecord.secondsSince(t0);
      Summary orders = summarize(ordersLabelled, config.orders());
      seconds.put("validate", RunRecord.secondsSince(t0));
      seconds.put("validate.tickets", ticketSeconds);

      t0 = Instant.now();
      List<String> ticketMonths = monthsToReplace(tickets);
      List<String> orderMonths = monthsToReplace(orders);
      String note = "headroom " + NAME + " run " + runId;
      writeClean(ticketsLabelled, config.tickets(), runId, TICKETS_TABLE, ticketMonths, note);
      writeClean(ordersLabelled, config.orders(), runId, ORDERS_TABLE, orderMonths, note);
      writeRejects(ticketsLabelled, config.tickets(), runId, ticketMonths, note);
      writeRejects(ordersLabelled, config.orders(), runId, orderMonths, note);
      seconds.put("write", RunRecord.secondsSince(t0));

      IngestResult result =
          new IngestResult(
              runId,
              outputRoot,
              tickets.counts,
              orders.counts,
              ticketMonths,
              orderMonths,
              seconds);
      Map<String, Long> runCounts = new TreeMap<>(tickets.counts.asRunCounts("tickets"));
      runCounts.putAll(orders.counts.asRunCounts("orders"));
      new RunRecord(
              runId,
              NAME,
              started,
              Instant.now(),
              "succeeded",
              parameters(),
              runCounts,
              seconds,
              Map.of())
          .append(spark, outputRoot);
      return result;
    } finally {
      ticketsLabelled.unpersist();
      ordersLabelled.unpersist();
    }
  }

  private Dataset<Row> readAndLabel(SparkSession spark, InputSpec spec, IngestRules rules) {
    Dataset<Row> raw = InputReader.read(spark, spec);
    return IngestTransforms.labelRejects(IngestTransforms.canonicalize(raw, spec), spec, rules);
  }

  /**
   * Row counts per month and reason from one aggregation over the cached rows. This is the first
   * scan of the input, so a file that cannot be parsed, or an input without rows, stops the job
   * here, before anything is written.
   */
  private Summary summarize(Dataset<Row> labelled, InputSpec spec) {
    List<Row> groups;
    try {
      groups =
          labelled
              .groupBy(col(IngestTransforms.MONTH), col(IngestTransforms.REASON))
              .agg(count(lit(1)).as("n"))
              .collectAsList();
    } catch (Exception e) {
      // Spark's task failure is a checked SparkException: rethrown as it is unless it is a CSV
      // parse error, which becomes an input error naming the file and line.
      var parseError = CsvParseErrors.describe(e, spec);
      if (parseError.isPresent()) {
        throw parseError.get();
      }
      throw e;
    }
    if (groups.isEmpty()) {
      throw new InputException(
          "The "
              + spec.kind()
              + " input "
              + spec.path()
              + " has no rows; nothing was written (check "
              + spec.kind()
              + ".path)");
    }
    long read = 0;
    long clean = 0;
    long outside = 0;
    Map<String, Long> rejected = new TreeMap<>();
    TreeSet<String> cleanMonths = new TreeSet<>();
    for (Row group : groups) {
      String month = group.getString(0);
      String reason = group.getString(1);
      long n = group.getLong(2);
      read += n;
      if (month != null && !window.contains(month)) {
        outside += n;
      } else if (reason == null) {
        clean += n;
        cleanMonths.add(month);
      } else {
        rejected.merge(reason, n, Long::sum);
      }
    }
    return new Summary(new InputCounts(read, clean, rejected, outside), cleanMonths);
  }

  /** With a full window, every month in it (stale months are cleared); else the months seen. */
  private List<String> monthsToReplace(Summary summary) {
    return window.bounded() ? window.months() : List.copyOf(summary.cleanMonths);
  }

  /** Rows in the window, and rows with no month (they belong to every window). */
  private Column windowFilter() {
    Column month = col(IngestTransforms.MONTH);
    return month.isNull().or(window.contains(month));
  }

  private void writeClean(
      Dataset<Row> labelled,
      InputSpec spec,
      String runId,
      String table,
      List<String> months,
      String note) {
    Dataset<Row> clean = IngestTransforms.cleanRows(labelled.filter(windowFilter()), spec, runId);
    DeltaIo.replaceSlice(
        clean,
        outputRoot + "/" + table,
        monthSlice(months),
        List.of(IngestTransforms.MONTH),
        note);
  }

  private void writeRejects(
      Dataset<Row> labelled, InputSpec spec, String runId, List<String> months, String note) {
    String inputPath = absolute(spec.path());
    Dataset<Row> rejects =
        IngestTransforms.rejectRows(labelled.filter(windowFilter()), spec, inputPath, runId);
    // This input's rejects in this window; rows whose date did not parse belong to every window.
    String slice =
        "kind = '"
            + spec.kind()
            + "' AND input_path = '"
            + inputPath.replace("'", "''")
            + "'"
            + (window.isAll()
                ? ""
                : " AND (month IS NULL OR " + monthSlice(months) + ")");
    DeltaIo.replaceSlice(rejects, outputRoot + "/" + REJECTS_TABLE, slice, List.of("kind"), note);
  }

  private static String monthSlice(List<String> months) {
    return months.isEmpty() ? "1 = 0" : IngestTransforms.MONTH + " IN " + DeltaIo.inList(months);
  }

  private Map<String, String> parameters() {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put("config", config.source());
    parameters.put("tickets.path", absolute(config.tickets().path()));
    parameters.put("orders.path", absolute(config.orders().path()));
    parameters.put("time-zone", config.timeZone().getId());
    parameters.put("from", window.from() == null ? "" : window.from().toString());
    parameters.put("to", window.to() == null ? "" : window.to().toString());
    parameters.put("output", outputRoot);
    return parameters;
  }

  /** Local paths are made absolute so reruns from another folder match; URIs stay as given. */
  static String absolute(String path) {
    if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      return path;
    }
    return Paths.get(path).toAbsolutePath().normalize().toString();
  }


  private record Summary(InputCounts counts, TreeSet<String> cleanMonths) {}
}
