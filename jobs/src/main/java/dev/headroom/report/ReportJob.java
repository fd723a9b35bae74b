package dev.headroom.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.headroom.common.BaseJob;
import dev.headroom.common.ConfigKeys;
import dev.headroom.common.Exemplar;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.JobRun;
import dev.headroom.common.RunRecord;
import dev.headroom.common.Table;
import dev.headroom.stats.Satisfaction;
import dev.headroom.stats.SpikeAttribution;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code report}: the backlog for people, as {@code backlog.csv} (spreadsheets), {@code backlog.md}
 * (wikis, issue trackers) and {@code report.html} (one self-contained page with charts), written to
 * the report folder ({@code <output>/report} by default).
 *
 * <p>Reports the latest rank run unless one is named, and compares it with the rank run before it
 * (or a named one): which topics rose, fell, appeared or disappeared.
 */
public final class ReportJob extends BaseJob<ReportJob, ReportResult> {

  /** The job name. */
  public static final String NAME = "report";

  /** The CSV file's name in the report folder. */
  public static final String CSV = "backlog.csv";

  /** The Markdown file's name in the report folder. */
  public static final String MARKDOWN = "backlog.md";

  /** The HTML file's name in the report folder. */
  public static final String HTML = "report.html";

  /** The verified fixes for spreadsheets, written when the rank run had any. */
  public static final String FIXES_CSV = "fixes.csv";

  private String reportDir;
  private String runId;
  private String compareRunId;

  private ReportJob(SparkSession spark, HeadroomConfig config) {
    super(NAME, spark, config);
  }

  /** A job for this session and configuration. */
  public static ReportJob of(SparkSession spark, HeadroomConfig config) {
    return new ReportJob(spark, config);
  }

  @Override
  protected ReportJob self() {
    return this;
  }

  /** Where the files go; default {@code <output root>/report}. */
  public ReportJob reportDir(String dir) {
    this.reportDir = dir;
    return this;
  }

  /** The rank run to report; default the latest. */
  public ReportJob runId(String id) {
    this.runId = id;
    return this;
  }

  /** The rank run to compare with; default the one before the reported run. */
  public ReportJob compareWith(String id) {
    this.compareRunId = id;
    return this;
  }

  /** What the report shows (the run's rows, weeks and the comparison), read without writing. */
  public ReportData data() {
    return read(session());
  }

  /** Reads the backlog, renders the three files and writes them. */
  @Override
  protected ReportResult run(JobRun run) {
    ReportData data = run.stage("read", () -> read(run.spark()));
    String dir = reportDir != null ? reportDir : outputRoot() + "/report";
    Map<String, String> files = new LinkedHashMap<>();
    files.put(CSV, BacklogCsv.render(data));
    files.put(MARKDOWN, BacklogMarkdown.render(data));
    files.put(HTML, HtmlReport.render(data));
    if (!data.fixes().isEmpty()) {
      files.put(FIXES_CSV, FixesCsv.render(data));
    }
    List<String> written = new ArrayList<>();
    run.stage(
        "write",
        () ->
            files.forEach((name, content) -> written.add(write(run.spark(), dir, name, content))));
    String comparedWith = data.comparison() == null ? null : data.comparison().previousRunId();
    run.parameter("rank_run", data.runId());
    run.parameter("compared_with", comparedWith == null ? "" : comparedWith);
    run.parameter("report_dir", dir);
    run.count("backlog_topics", data.rows().size());
    return new ReportResult(data.runId(), comparedWith, dir, written, data);
  }

  private ReportData read(SparkSession spark) {
    String path = Table.BACKLOG.path(outputRoot());
    Dataset<Row> backlog = Table.BACKLOG.read(spark, outputRoot());
    // Runs in time order (one row each): the backlog table is small, a row per topic per run.
    List<Row> runs =
        backlog
            .groupBy("run_id")
            .agg(org.apache.spark.sql.functions.max("created_at").as("created_at"))
            .orderBy(col("created_at"), col("run_id"))
            .collectAsList();
    if (runs.isEmpty()) {
      throw new InputException("The backlog table at " + path + " is empty; run rank first");
    }
    List<String> runIds = runs.stream().map(r -> r.getString(0)).toList();
    String reported = runId != null ? runId : runIds.get(runIds.size() - 1);
    if (!runIds.contains(reported)) {
      throw new InputException(
          "No rank run " + reported + " in " + path + "; runs: " + String.join(", ", runIds));
    }
    String previous = compareRunId;
    if (previous != null && !runIds.contains(previous)) {
      throw new InputException("No rank run " + previous + " to compare with in " + path);
    }
    if (previous == null && runIds.indexOf(reported) > 0) {
      previous = runIds.get(runIds.indexOf(reported) - 1);
    }
    List<String> upToReported = runIds.subList(0, runIds.indexOf(reported) + 1);
    List<String> shown =
        upToReported.subList(
            Math.max(0, upToReported.size() - ReportData.History.RUNS), upToReported.size());
    // One read of the runs the report shows: the reported one, the one compared, the history.
    java.util.Set<String> needed = new java.util.LinkedHashSet<>(shown);
    if (previous != null) {
      needed.add(previous);
    }
    Map<String, List<Row>> byRun = new HashMap<>();
    for (Row r : backlog.filter(col("run_id").isin(needed.toArray())).collectAsList()) {
      byRun.computeIfAbsent(r.getString(r.fieldIndex("run_id")), id -> new ArrayList<>()).add(r);
    }
    List<Row> rows = new ArrayList<>(byRun.get(reported));
    rows.sort(Comparator.comparingInt(r -> r.getInt(r.fieldIndex("rank"))));
    Row first = rows.get(0);
    long orders = first.getLong(first.fieldIndex("orders"));
    RunFacts facts = runFacts(spark, reported);
    long tickets =
        facts.tickets() != null
            ? facts.tickets()
            : Math.round(
                first.getLong(first.fieldIndex("tickets"))
                    / first.getDouble(first.fieldIndex("share")));
    List<ReportData.Row> reportedRows = rows.stream().map(ReportJob::row).toList();
    return new ReportData(
        reported,
        first.getTimestamp(first.fieldIndex("created_at")).toInstant().toString(),
        first.getString(first.fieldIndex("window_from")),
        first.getString(first.fieldIndex("window_to")),
        tickets,
        orders,
        facts.topicsK(),
        first.getString(first.fieldIndex("currency")),
        reportedRows,
        weeks(spark, reported),
        previous == null
            ? null
            : compare(
                byRun.getOrDefault(previous, List.of()), rows, previous, config.reportChange()),
        method(facts.parameters()),
        facts.lastFailure(),
        history(byRun, shown),
        fixes(spark, reported));
  }

  /** The rank run's verified fixes, by the day they shipped. */
  private List<ReportData.Fix> fixes(SparkSession spark, String reported) {
    List<ReportData.Fix> fixes = new ArrayList<>();
    if (!Table.FIXES.exists(spark, outputRoot())) {
      return fixes;
    }
    for (Row r :
        Table.FIXES
            .read(spark, outputRoot())
            .filter(col("run_id").equalTo(reported))
            .orderBy("shipped_on", "topic_id", "scope")
            .collectAsList()) {
      fixes.add(
          new ReportData.Fix(
              r.getInt(r.fieldIndex("topic_id")),
              r.getString(r.fieldIndex("label")),
              r.getDate(r.fieldIndex("shipped_on")).toString(),
              r.getString(r.fieldIndex("scope")),
              r.getString(r.fieldIndex("note")),
              r.getString(r.fieldIndex("status")),
              nullableDouble(r, "avoided_per_month"),
              nullableDouble(r, "saving_per_month"),
              r.getString(r.fieldIndex("summary"))));
    }
    return fixes;
  }

  /**
   * Each topic's rank and reducible contacts a month in the shown runs (oldest first, the reported
   * one last), from their backlog rows.
   */
  private static ReportData.History history(Map<String, List<Row>> byRun, List<String> shown) {
    List<String> windows = new ArrayList<>();
    Map<Integer, ReportData.History.Point[]> topics = new java.util.TreeMap<>();
    for (int run = 0; run < shown.size(); run++) {
      List<Row> rows = byRun.getOrDefault(shown.get(run), List.of());
      windows.add(
          rows.isEmpty()
              ? shown.get(run)
              : rows.get(0).getString(rows.get(0).fieldIndex("window_from"))
                  + ".."
                  + rows.get(0).getString(rows.get(0).fieldIndex("window_to")));
      for (Row r : rows) {
        topics
                .computeIfAbsent(
                    r.getInt(r.fieldIndex("topic_id")),
                    t -> new ReportData.History.Point[shown.size()])[run] =
            new ReportData.History.Point(r.getInt(r.fieldIndex("rank")), monthly(r));
      }
    }
    Map<Integer, List<ReportData.History.Point>> byTopic = new java.util.TreeMap<>();
    topics.forEach(
        (topic, points) ->
            byTopic.put(
                topic,
                java.util.Arrays.stream(points)
                    .map(p -> p == null ? new ReportData.History.Point(null, null) : p)
                    .toList()));
    return new ReportData.History(List.copyOf(windows), byTopic);
  }

  private static ReportData.Row row(Row r) {
    List<ReportData.Segment> segments = new ArrayList<>();
    for (Row s : r.<Row>getList(r.fieldIndex("top_segments"))) {
      segments.add(
          new ReportData.Segment(
              s.getString(s.fieldIndex("dimension")),
              s.getString(s.fieldIndex("segment")),
              s.getDouble(s.fieldIndex("contact_rate")),
              s.getDouble(s.fieldIndex("benchmark_rate")),
              s.getDouble(s.fieldIndex("excess"))));
    }
    List<Exemplar> exemplars = new ArrayList<>();
    for (Row e : r.<Row>getList(r.fieldIndex("exemplars"))) {
      exemplars.add(new Exemplar(e.getString(0), e.getString(1)));
    }
    return new ReportData.Row(
        r.getInt(r.fieldIndex("rank")),
        r.getInt(r.fieldIndex("topic_id")),
        r.getString(r.fieldIndex("label")),
        r.getList(r.fieldIndex("label_terms")),
        r.getLong(r.fieldIndex("tickets")),
        r.getDouble(r.fieldIndex("share")),
        nullableDouble(r, "contact_rate"),
        r.getDouble(r.fieldIndex("repeat_share")),
        r.getDouble(r.fieldIndex("reducible_contacts")),
        r.getDouble(r.fieldIndex("headroom_share")),
        r.getDouble(r.fieldIndex("monthly_saving")),
        nullableDouble(r, "roi"),
        r.getString(r.fieldIndex("trend")),
        r.getList(r.fieldIndex("spike_weeks")),
        spikeDrivers(r),
        segments,
        nullableDouble(r, "csat"),
        new Satisfaction(
            nullableDouble(r, "csat_impact"),
            nullableDouble(r, "nps"),
            present(r, "nps_responses") ? r.getLong(r.fieldIndex("nps_responses")) : 0L,
            nullableDouble(r, "nps_impact")),
        r.isNullAt(r.fieldIndex("dominant_tag")) ? null : r.getString(r.fieldIndex("dominant_tag")),
        exemplars,
        present(r, "team_tag") ? r.getString(r.fieldIndex("team_tag")) : null,
        present(r, "not_actionable") ? r.getString(r.fieldIndex("not_actionable")) : null);
  }

  /** Null when the field is null, or absent (a rank run from before the column existed). */
  private static Double nullableDouble(Row r, String field) {
    return present(r, field) ? r.getDouble(r.fieldIndex(field)) : null;
  }

  private static boolean present(Row r, String field) {
    return List.of(r.schema().fieldNames()).contains(field) && !r.isNullAt(r.fieldIndex(field));
  }

  private static List<SpikeAttribution.Driver> spikeDrivers(Row r) {
    if (!present(r, "spike_drivers")) {
      return List.of();
    }
    List<SpikeAttribution.Driver> drivers = new ArrayList<>();
    for (Row d : r.<Row>getList(r.fieldIndex("spike_drivers"))) {
      drivers.add(
          new SpikeAttribution.Driver(
              d.getString(d.fieldIndex("week")),
              d.getString(d.fieldIndex("dimension")),
              d.getString(d.fieldIndex("segment")),
              d.getDouble(d.fieldIndex("excess_share")),
              d.getDouble(d.fieldIndex("exposure_share")),
              d.getLong(d.fieldIndex("contacts")),
              d.getDouble(d.fieldIndex("expected"))));
    }
    return drivers;
  }

  /** Each topic's weekly rates and spike flags from the run's {@code topic_metrics}. */
  private Map<Integer, List<ReportData.Week>> weeks(SparkSession spark, String reported) {
    Map<Integer, List<ReportData.Week>> weeks = new HashMap<>();
    if (!Table.TOPIC_METRICS.exists(spark, outputRoot())) {
      return weeks;
    }
    Dataset<Row> metrics = Table.TOPIC_METRICS.read(spark, outputRoot());
    // Rank runs before partial weeks were marked have no such column: none of theirs is marked.
    Column partial =
        List.of(metrics.columns()).contains("partial") ? col("partial") : lit(null).cast("boolean");
    for (Row r :
        metrics
            .filter(
                col("run_id")
                    .equalTo(reported)
                    .and(col("period_type").equalTo(Table.Metrics.PERIOD_WEEK)))
            .filter(col("dimension").equalTo(Table.Metrics.ALL))
            .select(col("topic_id"), col("period"), col("contact_rate"), col("spike"), partial)
            .orderBy("topic_id", "period")
            .collectAsList()) {
      weeks
          .computeIfAbsent(r.getInt(0), t -> new ArrayList<>())
          .add(
              new ReportData.Week(
                  r.getString(1),
                  r.isNullAt(2) ? null : r.getDouble(2),
                  !r.isNullAt(3) && r.getBoolean(3),
                  !r.isNullAt(4) && r.getBoolean(4)));
    }
    return weeks;
  }

  /**
   * From one read of {@code runs}: the contacts the rank run counted (unclassified included), the k
   * of the latest discover run that succeeded, the rank run's parameters, and when the latest run
   * of any job failed, a line saying so; each null (or empty) when not recorded.
   */
  private RunFacts runFacts(SparkSession spark, String rankRunId) {
    if (!Table.RUNS.exists(spark, outputRoot())) {
      return new RunFacts(null, null, Map.of(), null);
    }
    Long tickets = null;
    Integer k = null;
    Map<String, String> parameters = Map.of();
    java.sql.Timestamp latestDiscover = null;
    Row latest = null;
    // runs has a row per run, a few hundred at most: collected whole, read once.
    for (Row r :
        Table.RUNS
            .read(spark, outputRoot())
            .select("run_id", "finished_at", "counts", "metrics", "parameters", "job", "status")
            .collectAsList()) {
      if (latest == null || later(r, latest)) {
        latest = r;
      }
      boolean succeeded = RunRecord.SUCCEEDED.equals(r.getString(6));
      if (r.getString(0).equals(rankRunId)) {
        tickets = r.<String, Long>getJavaMap(2).get("tickets");
        parameters = r.<String, String>getJavaMap(4);
      } else if (r.getString(5).equals("discover")
          && succeeded
          && (latestDiscover == null || r.getTimestamp(1).after(latestDiscover))) {
        latestDiscover = r.getTimestamp(1);
        Double fitted = r.<String, Double>getJavaMap(3).get("k");
        k = fitted == null ? null : (int) Math.round(fitted);
      }
    }
    return new RunFacts(tickets, k, parameters, failure(latest));
  }

  private static boolean later(Row a, Row b) {
    int byTime = a.getTimestamp(1).compareTo(b.getTimestamp(1));
    return byTime > 0 || (byTime == 0 && a.getString(0).compareTo(b.getString(0)) > 0);
  }

  /** "The latest run, rank-... at ..., failed in write: ..." when {@code latest} failed. */
  private static String failure(Row latest) {
    if (latest == null || !RunRecord.FAILED.equals(latest.getString(6))) {
      return null;
    }
    Map<String, String> parameters = latest.getJavaMap(4);
    return "The latest run, "
        + latest.getString(0)
        + " at "
        + latest.getTimestamp(1).toInstant()
        + ", failed in "
        + parameters.getOrDefault(JobRun.FAILED_STAGE, "an unknown stage")
        + ": "
        + parameters.getOrDefault(JobRun.ERROR, "no error recorded")
        + ". The tables shown are those of the runs before it.";
  }

  private record RunFacts(
      Long tickets, Integer topicsK, Map<String, String> parameters, String lastFailure) {}

  /**
   * The method's figures as the rank run recorded them in {@code runs}; the configured ones for
   * figures a run did not record (runs of an older Headroom).
   */
  private ReportData.Method method(Map<String, String> rankParameters) {
    var rank = config.rank();
    return new ReportData.Method(
        parsedOr(
            rankParameters.get(ConfigKeys.RANK_BENCHMARK_QUANTILE.name()),
            rank.segments().benchmarkQuantile()),
        (int) parsedOr(rankParameters.get(ConfigKeys.RANK_REPEAT_DAYS.name()), rank.repeatDays()),
        (int)
            parsedOr(
                rankParameters.get(ConfigKeys.RANK_SPIKE_BASELINE_WEEKS.name()),
                rank.periods().baselineWeeks()),
        (int) parsedOr(rankParameters.get(ConfigKeys.RANK_TOP_SEGMENTS.name()), rank.topSegments()),
        config.reportChange(),
        listed(rankParameters.get("partial_weeks")),
        listed(rankParameters.get("partial_months")));
  }

  /** A comma-separated parameter as a list; empty when not recorded. */
  private static List<String> listed(String recorded) {
    return recorded == null || recorded.isBlank() ? List.of() : List.of(recorded.split(","));
  }

  private static double parsedOr(String recorded, double configured) {
    try {
      return recorded == null ? configured : Double.parseDouble(recorded);
    } catch (NumberFormatException e) {
      return configured;
    }
  }

  /** Topics that rose, fell, appeared or disappeared, by reducible contacts a month. */
  static ReportData.Comparison compare(
      List<Row> before, List<Row> now, String previousRunId, double change) {
    Map<Integer, Row> beforeById = new HashMap<>();
    before.forEach(r -> beforeById.put(r.getInt(r.fieldIndex("topic_id")), r));
    Map<Integer, Row> nowById = new HashMap<>();
    now.forEach(r -> nowById.put(r.getInt(r.fieldIndex("topic_id")), r));
    List<ReportData.Change> changes = new ArrayList<>();
    java.util.Set<Integer> ids = new java.util.TreeSet<>(beforeById.keySet());
    ids.addAll(nowById.keySet());
    for (int id : ids) {
      Row b = beforeById.get(id);
      Row a = nowById.get(id);
      Double beforeMonthly = b == null ? null : monthly(b);
      Double afterMonthly = a == null ? null : monthly(a);
      String kind;
      if (b == null) {
        kind = "appeared";
      } else if (a == null) {
        kind = "disappeared";
      } else if (afterMonthly > beforeMonthly * (1 + change) && afterMonthly - beforeMonthly >= 1) {
        kind = "rose";
      } else if (afterMonthly < beforeMonthly * (1 - change) && beforeMonthly - afterMonthly >= 1) {
        kind = "fell";
      } else {
        kind = "same";
      }
      Row described = a != null ? a : b;
      changes.add(
          new ReportData.Change(
              id,
              described.getString(described.fieldIndex("label")),
              kind,
              beforeMonthly,
              afterMonthly,
              b == null ? null : b.getInt(b.fieldIndex("rank")),
              a == null ? null : a.getInt(a.fieldIndex("rank"))));
    }
    changes.sort(
        Comparator.comparingDouble(
                (ReportData.Change c) ->
                    -Math.abs(
                        (c.after() == null ? 0 : c.after())
                            - (c.before() == null ? 0 : c.before())))
            .thenComparingInt(ReportData.Change::topicId));
    Row any = before.isEmpty() ? null : before.get(0);
    String window =
        any == null
            ? previousRunId
            : any.getString(any.fieldIndex("window_from"))
                + " to "
                + any.getString(any.fieldIndex("window_to"));
    return new ReportData.Comparison(previousRunId, window, changes);
  }

  private static double monthly(Row r) {
    int months = Math.max(1, r.getInt(r.fieldIndex("months")));
    return r.getDouble(r.fieldIndex("reducible_contacts")) / months;
  }

  private static String write(SparkSession spark, String dir, String name, String content) {
    Path path = new Path(dir, name);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.setWriteChecksum(false);
      try (OutputStream out = fs.create(path, true)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return path.toString();
    } catch (IOException e) {
      throw new InputException("Cannot write the report file " + path + ": " + e.getMessage(), e);
    }
  }
}
