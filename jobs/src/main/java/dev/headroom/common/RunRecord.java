package dev.headroom.common;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * One row of the {@code runs} table: what a job was asked to do and what it did.
 *
 * @param runId the run's id, also stamped on every commit and output row it writes
 * @param job the job name ({@code ingest}, {@code discover}, ...)
 * @param startedAt when the run started (computed once and passed down)
 * @param finishedAt when it finished
 * @param status {@code succeeded} or {@code failed}
 * @param parameters the effective parameters (config values, window, paths)
 * @param counts row counts: read, written, rejected per reason, ...
 * @param stageSeconds wall time per stage
 * @param metrics quality figures (selection scores, agreement with agent tags, ...)
 */
public record RunRecord(
    String runId,
    String job,
    Instant startedAt,
    Instant finishedAt,
    String status,
    Map<String, String> parameters,
    Map<String, Long> counts,
    Map<String, Double> stageSeconds,
    Map<String, Double> metrics) {

  /** Status of a run that finished. */
  public static final String SUCCEEDED = "succeeded";

  /** Status of a run that stopped with an error while running (bad input stops write nothing). */
  public static final String FAILED = "failed";

  /** A new run id: the job, the start time in UTC to the second, and a short random suffix. */
  public static String newRunId(String job, Instant startedAt) {
    String stamp =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC)
            .format(startedAt);
    String suffix =
        Integer.toHexString(
                java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000) | 0x10000)
            .substring(1);
    return job + "-" + stamp + "-" + suffix;
  }

  /** Wall seconds since {@code start}, to the millisecond, for {@code stageSeconds}. */
  public static double secondsSince(Instant start) {
    return java.time.Duration.between(start, Instant.now()).toMillis() / 1000.0;
  }

  /** Appends this record to {@code <outputRoot>/runs}. */
  public void append(SparkSession spark, String outputRoot) {
    Row row =
        RowFactory.create(
            runId,
            job,
            Timestamp.from(startedAt),
            Timestamp.from(finishedAt),
            status,
            scala(parameters),
            scala(counts),
            scala(stageSeconds),
            scala(metrics));
    Dataset<Row> rows = spark.createDataFrame(List.of(row), Table.RUNS.schema());
    DeltaIo.append(rows, Table.RUNS.path(outputRoot), "headroom " + job + " run " + runId);
  }

  private static <K, V> scala.collection.Map<K, V> scala(Map<K, V> map) {
    return scala.collection.JavaConverters.mapAsScalaMap(map);
  }
}
