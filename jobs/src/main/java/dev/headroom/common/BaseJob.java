package dev.headroom.common;

import java.time.Instant;
import java.time.YearMonth;
import org.apache.spark.sql.SparkSession;

/**
 * What every Spark job of Headroom shares, as Iceberg's {@code BaseSparkAction} serves its actions:
 * the caller's session and the validated configuration, the output root and month window set
 * fluently, and an {@link #execute()} that opens a {@link JobRun} (session, run id, stage timer,
 * commit note), runs the job's steps and records the run in {@link Table#RUNS}.
 *
 * <p>A job extends this, implements {@link #run(JobRun)} as a short list of named steps (read,
 * transform, write) and keeps its pure transforms in its feature's {@code *Transforms} classes.
 *
 * @param <J> the job's own type, so the fluent setters return it
 * @param <R> the job's result record
 */
public abstract class BaseJob<J extends BaseJob<J, R>, R> {

  /** The output root used when none is set. */
  public static final String OUTPUT_ROOT_DEFAULT = "warehouse";

  private final SparkSession callerSession;
  private final String name;

  /** The validated configuration the job runs with. */
  protected final HeadroomConfig config;

  private String outputRoot = OUTPUT_ROOT_DEFAULT;
  private MonthWindow window = MonthWindow.ALL;
  private Instant runStart;

  /**
   * A job on the caller's session.
   *
   * @param name the job's name on the command line and in {@code runs}
   */
  protected BaseJob(String name, SparkSession spark, HeadroomConfig config) {
    this.name = name;
    this.callerSession = spark;
    this.config = config;
  }

  /** This job, typed as the subclass. */
  protected abstract J self();

  /** Runs the job's steps in {@code run} and returns its result; {@code run} records the rest. */
  protected abstract R run(JobRun run);

  /** The warehouse root the job reads and writes its tables under (default {@code warehouse}). */
  public J outputRoot(String root) {
    this.outputRoot = root;
    return self();
  }

  /** Only rows of these months (inclusive; either may be null for an open end). */
  public J window(YearMonth fromMonth, YearMonth toMonth) {
    this.window = new MonthWindow(fromMonth, toMonth);
    return self();
  }

  /** The run's start time, computed once and passed down; tests pin it. Default: now. */
  public J runStart(Instant start) {
    this.runStart = start;
    return self();
  }

  /** The job's name. */
  public String name() {
    return name;
  }

  /** The output root. */
  protected String outputRoot() {
    return outputRoot;
  }

  /** The month window. */
  protected MonthWindow window() {
    return window;
  }

  /** The job's session: the caller's settings stay untouched (see {@link SparkSessions#forJob}). */
  protected SparkSession session() {
    return SparkSessions.forJob(callerSession, config.timeZone());
  }

  /**
   * Runs the job under the warehouse's lock and appends its record to {@code runs}: succeeded, or
   * failed with the stage and the error. Bad input ({@link InputException}) stops a job before it
   * writes and records nothing; so does another run holding the warehouse ({@link
   * WarehouseBusyException}). A run whose lock this one took over because its process was gone is
   * recorded first, as failed.
   */
  public final R execute() {
    Instant started = runStart != null ? runStart : Instant.now();
    JobRun run = new JobRun(name, started, session(), outputRoot);
    run.parameter("config", config.source());
    run.parameter("output", outputRoot);
    run.parameter("from", window.from() == null ? "" : window.from().toString());
    run.parameter("to", window.to() == null ? "" : window.to().toString());
    run.parameter(
        SparkSessions.CACHE_COMPRESSED_KEY,
        run.spark().conf().get(SparkSessions.CACHE_COMPRESSED_KEY));
    try (WarehouseLock lock =
        WarehouseLock.acquire(
            run.spark().sparkContext().hadoopConfiguration(), outputRoot, name, run.runId())) {
      lock.killedRunToRecord().ifPresent(killed -> JobRun.recordKilled(run, killed));
      R result;
      try {
        result = run(run);
      } catch (InputException e) {
        throw e;
      } catch (Throwable e) {
        // Throwable: Delta throws IOExceptions that Scala does not declare (DeltaIOException).
        run.recordFailure(e);
        throw e;
      }
      run.record();
      return result;
    }
  }
}
