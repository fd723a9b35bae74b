package dev.headroom.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.headroom.common.BaseJob;
import dev.headroom.common.ConfigKeys;
import dev.headroom.common.DeltaIo;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.InputSpec;
import dev.headroom.common.JobRun;
import dev.headroom.common.RunRecord;
import dev.headroom.common.SideBySide;
import dev.headroom.common.Table;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
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
 * {@code ingest}: raw tickets and orders to clean Delta tables partitioned by month, and a {@code
 * rejects} table with the reason for every row not taken.
 *
 * <p>Both inputs are read and checked before anything is written, so a missing input or column
 * leaves the warehouse untouched. Re-ingesting a month replaces that month.
 *
 * <pre>{@code
 * IngestResult result = IngestJob.of(spark, config).outputRoot("warehouse").execute();
 * }</pre>
 */
public final class IngestJob extends BaseJob<IngestJob, IngestResult> {

  /** The job name, as used on the command line and in the {@code runs} table. */
  public static final String NAME = "ingest";

  private IngestJob(SparkSession spark, HeadroomConfig config) {
    super(NAME, spark, config);
  }

  /** A job for this session and validated configuration. */
  public static IngestJob of(SparkSession spark, HeadroomConfig config) {
    return new IngestJob(spark, config);
  }

  @Override
  protected IngestJob self() {
    return this;
  }

  /** Reads and labels both inputs, counts them (stopping on bad input), then writes. */
  @Override
  protected IngestResult run(JobRun run) {
    IngestRules rules = IngestRules.of(config, run.started());
    Pseudonymizer pseudonyms = Pseudonymizer.of(config.privacy());
    run.parameter(
        ConfigKeys.PRIVACY_PSEUDONYMIZE.name(),
        String.join(",", config.privacy().pseudonymColumns()));
    Input ticketInput =
        run.stage("read", () -> readAndLabel(run.spark(), config.tickets(), rules, pseudonyms));
    Input orderInput =
        run.stage("read", () -> readAndLabel(run.spark(), config.orders(), rules, pseudonyms));
    Dataset<Row> ticketsLabelled = ticketInput.labelled();
    Dataset<Row> ordersLabelled = orderInput.labelled();

    ticketsLabelled.persist(StorageLevel.MEMORY_AND_DISK());
    ordersLabelled.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Instant validateStart = Instant.now();
      // Both inputs are checked at once: each is a first scan, read-bound on its own files.
      List<Summary> summaries =
          SideBySide.get(
              run.spark(),
              List.of(
                  () -> summarize(ticketInput, config.tickets()),
                  () -> summarize(orderInput, config.orders())));
      Summary tickets = summaries.get(0);
      Summary orders = summaries.get(1);
      run.seconds("validate", RunRecord.secondsSince(validateStart));
      run.seconds("validate.tickets", tickets.seconds());

      List<String> ticketMonths = monthsToReplace(tickets);
      List<String> orderMonths = monthsToReplace(orders);
      // The checked rows with their files' names back, for the clean tables and the rejects.
      Dataset<Row> ticketsNamed = tickets.files.named(ticketsLabelled);
      Dataset<Row> ordersNamed = orders.files.named(ordersLabelled);
      run.stage(
          "write",
          () ->
              SideBySide.run(
                  run.spark(),
                  List.of(
                      () ->
                          writeClean(
                              run,
                              ticketsNamed,
                              config.tickets(),
                              Table.TICKETS,
                              ticketMonths,
                              tickets.counts.clean()),
                      () ->
                          writeClean(
                              run,
                              ordersNamed,
                              config.orders(),
                              Table.ORDERS,
                              orderMonths,
                              orders.counts.clean()),
                      () ->
                          writeRejects(
                              run,
                              List.of(
                                  new Labelled(ticketsNamed, config.tickets(), ticketMonths),
                                  new Labelled(ordersNamed, config.orders(), orderMonths)),
                              tickets.counts.rejected() + orders.counts.rejected()))));

      tickets.counts.asRunCounts("tickets").forEach(run::count);
      orders.counts.asRunCounts("orders").forEach(run::count);
      run.parameter(ConfigKeys.TICKET_INPUT.path().name(), absolute(config.tickets().path()));
      run.parameter(ConfigKeys.ORDER_INPUT.path().name(), absolute(config.orders().path()));
      run.parameter(ConfigKeys.TIME_ZONE.name(), config.timeZone().getId());
      return new IngestResult(
          run.runId(),
          outputRoot(),
          tickets.counts,
          orders.counts,
          ticketMonths,
          orderMonths,
          run.stageSeconds());
    } finally {
      ticketsLabelled.unpersist();
      ordersLabelled.unpersist();
    }
  }

  private static Input readAndLabel(
      SparkSession spark, InputSpec spec, IngestRules rules, Pseudonymizer pseudonyms) {
    Dataset<Row> raw = InputReader.read(spark, spec);
    Dataset<Row> labelled =
        IngestTransforms.labelRejects(
            IngestTransforms.canonicalize(raw, spec), spec, rules, pseudonyms);
    // After the checks: duplicates are still told apart by their raw rows, not by pseudonyms.
    Dataset<Row> checked = pseudonyms.apply(labelled, spec);
    // A large input's rows are cached with their file's key, not its name (SourceFiles says why).
    return SourceFiles.worthKeying(raw)
        ? new Input(raw, SourceFiles.keyed(checked), true)
        : new Input(raw, checked, false);
  }

  /**
   * Row counts per month and reason from one aggregation over the cached rows. This is the first
   * scan of the input, so a file that cannot be parsed, or an input without rows, stops the job
   * here, before anything is written.
   */
  private Summary summarize(Input input, InputSpec spec) {
    Instant start = Instant.now();
    List<Row> groups;
    try {
      groups =
          input
              .labelled()
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
      if (month != null && !window().contains(month)) {
        outside += n;
      } else if (reason == null) {
        clean += n;
        cleanMonths.add(month);
      } else {
        rejected.merge(reason, n, Long::sum);
      }
    }
    // After the first scan, so that its errors are the ones a bad input reports.
    SourceFiles files = input.keyed() ? SourceFiles.of(input.raw()) : SourceFiles.NAMES_KEPT;
    return new Summary(
        new InputCounts(read, clean, rejected, outside),
        cleanMonths,
        files,
        RunRecord.secondsSince(start));
  }

  /** With a full window, every month in it (stale months are cleared); else the months seen. */
  private List<String> monthsToReplace(Summary summary) {
    return window().bounded() ? window().months() : List.copyOf(summary.cleanMonths);
  }

  /** Rows in the window, and rows with no month (they belong to every window). */
  private Column windowFilter() {
    Column month = col(IngestTransforms.MONTH);
    return month.isNull().or(window().contains(month));
  }

  /**
   * Rows (clean or rejected) a writing task takes when there are too few to fill the shuffle. Each
   * task writes a file for every month it holds: the sample's 157,480 orders went out as 48 files
   * of about 35 KB from 8 tasks, each file with a Parquet writer of its own, and every later job
   * listed and opened them all (BENCHMARKS.md, issue 20, "fewer files for small inputs").
   */
  static final long ROWS_PER_WRITE_TASK = 250_000;

  private void writeClean(
      JobRun run,
      Dataset<Row> labelled,
      InputSpec spec,
      Table table,
      List<String> months,
      long cleanRows) {
    Dataset<Row> clean =
        IngestTransforms.cleanRows(labelled.filter(windowFilter()), spec, run.runId());
    DeltaIo.replaceSlice(
        fewerTasksWhenSmall(clean, cleanRows),
        run.path(table),
        monthSlice(months),
        table.partitionColumns(),
        run.commitNote());
  }

  /**
   * {@code rows} in as many tasks as {@link #ROWS_PER_WRITE_TASK} asks for {@code count} rows, when
   * that is fewer than the shuffle's partitions they come in (the duplicate-id window's); merged
   * without a shuffle.
   */
  private static Dataset<Row> fewerTasksWhenSmall(Dataset<Row> rows, long count) {
    long tasks = Math.max(1, (count + ROWS_PER_WRITE_TASK - 1) / ROWS_PER_WRITE_TASK);
    int partitions =
        Integer.parseInt(rows.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    return tasks < partitions ? rows.coalesce((int) tasks) : rows;
  }

  /**
   * Every input's rejects in one commit, by as few tasks as their number needs. A second write to
   * the rejects table would rebuild its Delta state from the log first (a few Spark jobs, about two
   * seconds), only to replace a different slice.
   */
  private void writeRejects(JobRun run, List<Labelled> inputs, long rejectedRows) {
    Dataset<Row> rejects = null;
    List<String> slices = new ArrayList<>();
    for (Labelled input : inputs) {
      String inputPath = absolute(input.spec().path());
      Dataset<Row> rows =
          IngestTransforms.rejectRows(
              input.rows().filter(windowFilter()), input.spec(), inputPath, run.runId());
      rejects = rejects == null ? rows : rejects.unionByName(rows);
      // This input's rejects in this window; rows whose date did not parse belong to every window.
      slices.add(
          "(kind = '"
              + input.spec().kind()
              + "' AND input_path = '"
              + inputPath.replace("'", "''")
              + "'"
              + (window().isAll()
                  ? ""
                  : " AND (month IS NULL OR " + monthSlice(input.months()) + ")")
              + ")");
    }
    DeltaIo.replaceSlice(
        fewerTasksWhenSmall(rejects, rejectedRows),
        run.path(Table.REJECTS),
        String.join(" OR ", slices),
        Table.REJECTS.partitionColumns(),
        run.commitNote());
  }

  private static String monthSlice(List<String> months) {
    return months.isEmpty() ? "1 = 0" : IngestTransforms.MONTH + " IN " + DeltaIo.inList(months);
  }

  /** Local paths are made absolute so reruns from another folder match; URIs stay as given. */
  static String absolute(String path) {
    if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      return path;
    }
    return Paths.get(path).toAbsolutePath().normalize().toString();
  }

  /** One input's checked rows, where they came from, and the months its write replaces. */
  private record Labelled(Dataset<Row> rows, InputSpec spec, List<String> months) {}

  /** One input as read, and its checked rows, with their file keys when {@code keyed}. */
  private record Input(Dataset<Row> raw, Dataset<Row> labelled, boolean keyed) {}

  /**
   * One input's counts, its months with clean rows, the files its rows came from, and the seconds
   * checking it took.
   */
  private record Summary(
      InputCounts counts, TreeSet<String> cleanMonths, SourceFiles files, double seconds) {}
}
