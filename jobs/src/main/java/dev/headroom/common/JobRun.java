package dev.headroom.common;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One run of a job while it runs: its session, run id and start time, the seconds of each named
 * stage, and the parameters, counts and metrics that become its row in {@link Table#RUNS}.
 */
public final class JobRun {

  /** The {@code runs} parameter naming the stage a failed run stopped in. */
  public static final String FAILED_STAGE = "failed_stage";

  /** The {@code runs} parameter holding a failed run's error, one line. */
  public static final String ERROR = "error";

  private final String job;
  private final String runId;
  private final Instant started;
  private final SparkSession spark;
  private final String outputRoot;
  private final Map<String, String> parameters = new TreeMap<>();
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
  private final Map<String, Double> metrics = new TreeMap<>();
  private String failedStage;

  JobRun(String job, Instant started, SparkSession spark, String outputRoot) {
    this.job = job;
    this.runId = RunRecord.newRunId(job, started);
    this.started = started;
    this.spark = spark;
    this.outputRoot = outputRoot;
  }

  /** The run's id, stamped on its commits and output rows. */
  public String runId() {
    return runId;
  }

  /** When the run started. */
  public Instant started() {
    return started;
  }

  /** The job's own session. */
  public SparkSession spark() {
    return spark;
  }

  /** The output root. */
  public String outputRoot() {
    return outputRoot;
  }

  /** The note stamped on every Delta commit of the run ({@code userMetadata}). */
  public String commitNote() {
    return "headroom " + job + " run " + runId;
  }

  /** A catalogued table under the output root; a clear error names the job to run first. */
  public Dataset<Row> read(Table table) {
    return table.read(spark, outputRoot);
  }

  /** A catalogued table's path under the output root. */
  public String path(Table table) {
    return table.path(outputRoot);
  }

  /** Runs one named stage and records its wall seconds. */
  public <T> T stage(String stage, Supplier<T> step) {
    Instant t0 = Instant.now();
    Progress.get().started(spark.sparkContext(), job, stage);
    try {
      return step.get();
    } catch (Throwable e) {
      // The innermost stage that failed; the stages around it rethrow. Throwable: Delta throws
      // IOExceptions that Scala does not declare.
      if (failedStage == null) {
        failedStage = stage;
      }
      throw e;
    } finally {
      double seconds = RunRecord.secondsSince(t0);
      stageSeconds.merge(stage, seconds, Double::sum);
      Progress.get().finished(stage, seconds);
    }
  }

  /** Runs one named stage that returns nothing and records its wall seconds. */
  public void stage(String stage, Runnable step) {
    stage(
        stage,
        () -> {
          step.run();
          return null;
        });
  }

  /** Records seconds measured elsewhere (a sub-step, a first pass). */
  public void seconds(String stage, double seconds) {
    stageSeconds.put(stage, seconds);
  }

  /** The seconds recorded so far, by stage, in the order the stages ran. */
  public Map<String, Double> stageSeconds() {
    return new LinkedHashMap<>(stageSeconds);
  }

  /** Records a parameter of the run. */
  public void parameter(String key, String value) {
    parameters.put(key, value);
  }

  /** Records a row count. */
  public void count(String key, long value) {
    counts.put(key, value);
  }

  /** Records a quality figure. */
  public void metric(String key, double value) {
    metrics.put(key, value);
  }

  /** Appends the run's record to {@code runs}. */
  /**
   * Appends a {@code failed} row for this run, naming the stage and the error, so the report and
   * the notebooks can say the last run failed; a failure to write it is added to {@code error}.
   */
  void recordFailure(Throwable error) {
    String stage = failedStage;
    if (stage == null) {
      String last = null;
      for (String name : stageSeconds.keySet()) {
        last = name;
      }
      stage = last == null ? "start" : "after " + last;
    }
    parameters.put(FAILED_STAGE, stage);
    parameters.put(ERROR, Errors.oneLine(error));
    try {
      new RunRecord(
              runId,
              job,
              started,
              Instant.now(),
              RunRecord.FAILED,
              parameters,
              counts,
              stageSeconds,
              metrics)
          .append(spark, outputRoot);
    } catch (RuntimeException writeError) {
      error.addSuppressed(writeError);
    }
  }

  /**
   * Appends a {@code failed} row for a run that was killed or lost (its lock was left behind and
   * {@code by} took it over), unless {@code runs} already holds that run.
   */
  static void recordKilled(JobRun by, WarehouseLock.Holder killed) {
    if (killed.runId().isEmpty()
        || (Table.RUNS.exists(by.spark, by.outputRoot)
            && !by.read(Table.RUNS)
                .filter(org.apache.spark.sql.functions.col("run_id").equalTo(killed.runId()))
                .isEmpty())) {
      return;
    }
    Map<String, String> parameters = new TreeMap<>();
    parameters.put("output", by.outputRoot);
    parameters.put(FAILED_STAGE, "unknown (killed)");
    parameters.put(
        ERROR,
        "The run did not finish: its process (pid "
            + killed.pid()
            + " on "
            + killed.host()
            + ") ended or was lost, last seen "
            + killed.lastSeen()
            + "; recorded by "
            + by.runId);
    new RunRecord(
            killed.runId(),
            killed.job(),
            killed.started(),
            killed.lastSeen(),
            RunRecord.FAILED,
            parameters,
            Map.of(),
            Map.of(),
            Map.of())
        .append(by.spark, by.outputRoot);
  }

  void record() {
    new RunRecord(
            runId,
            job,
            started,
            Instant.now(),
            RunRecord.SUCCEEDED,
            parameters,
            counts,
            stageSeconds,
            metrics)
        .append(spark, outputRoot);
  }
}
