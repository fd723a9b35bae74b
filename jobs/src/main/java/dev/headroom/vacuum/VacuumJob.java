package dev.headroom.vacuum;

import dev.headroom.common.BaseJob;
import dev.headroom.common.ConfigKeys;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.JobRun;
import dev.headroom.common.RunRecord;
import dev.headroom.common.SideBySide;
import dev.headroom.common.Table;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/**
 * {@code vacuum}: removes the files no current version needs, under the warehouse lock.
 *
 * <p>For every catalogued Delta table, Delta's {@code VACUUM} deletes the data files that no
 * version within the retention reads: files of old versions (rows replaced by a rerun) and files a
 * killed write left without a commit. The current version is never touched. Saved topic models
 * older than the retention go too, except the newest, which {@code assign} reads. The retention is
 * {@code vacuum.retention-hours} (Delta's own default, 7 days, unless set): time travel to a
 * version older than it stops working. docs/reliability.md says when to run it.
 */
public final class VacuumJob extends BaseJob<VacuumJob, VacuumResult> {

  /** The job's name on the command line and in {@code runs}. */
  public static final String NAME = "vacuum";

  /** Files of the largest table per listing or shuffle task; see {@link #sizeToFiles}. */
  static final long FILES_PER_TASK = 5_000;

  private VacuumJob(SparkSession spark, HeadroomConfig config) {
    super(NAME, spark, config);
  }

  /** A job for this session and configuration. */
  public static VacuumJob of(SparkSession spark, HeadroomConfig config) {
    return new VacuumJob(spark, config);
  }

  @Override
  protected VacuumJob self() {
    return this;
  }

  /** Vacuums each table, then the models, and records what each lost. */
  @Override
  protected VacuumResult run(JobRun run) {
    int hours = config.vacuumRetentionHours();
    run.parameter(ConfigKeys.VACUUM_RETENTION_HOURS.name(), Integer.toString(hours));
    // The retention is the user's setting; Delta refuses one under 7 days unless told it is meant.
    run.spark().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    List<Table> tables =
        Stream.of(Table.values()).filter(t -> t.exists(run.spark(), outputRoot())).toList();
    Map<Table, Long> filesBefore = new LinkedHashMap<>();
    for (Table table : tables) {
      filesBefore.put(table, dataFiles(run.spark(), run.path(table)));
    }
    sizeToFiles(run.spark(), filesBefore.values().stream().mapToLong(Long::longValue).max());
    // The tables side by side: each VACUUM is mostly the driver's listing and a few small jobs.
    List<Vacuumed> vacuumed =
        run.stage(
            "vacuum",
            () ->
                SideBySide.get(
                    run.spark(),
                    tables.stream()
                        .<Supplier<Vacuumed>>map(
                            table -> () -> vacuum(run, table, hours, filesBefore.get(table)))
                        .toList()));
    Map<String, Long> removed = new LinkedHashMap<>();
    for (Vacuumed table : vacuumed) {
      run.seconds("vacuum." + table.name(), table.seconds());
      removed.put(table.name(), table.removedFiles());
      run.count("removed_files." + table.name(), table.removedFiles());
    }
    long models = run.stage("vacuum.models", () -> removeOldModels(run, hours));
    removed.put(Table.MODELS_FOLDER, models);
    run.count("removed_models", models);
    return new VacuumResult(run.runId(), outputRoot(), hours, removed, run.stageSeconds());
  }

  /** One table vacuumed: the files it lost and the seconds it took. */
  private record Vacuumed(String name, long removedFiles, double seconds) {}

  /**
   * Vacuums one table; the files it removed, counted outside the log before and after. A failure
   * names the table.
   */
  private static Vacuumed vacuum(JobRun run, Table table, int hours, long filesBefore) {
    Instant start = Instant.now();
    String path = run.path(table);
    try {
      DeltaTable.forPath(run.spark(), path).vacuum(hours);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot vacuum " + path + ": " + e.getMessage(), e);
    }
    return new Vacuumed(
        table.tableName(),
        filesBefore - dataFiles(run.spark(), path),
        RunRecord.secondsSince(start));
  }

  /**
   * Sizes the job's session to the warehouse's files: vacuum's listings and shuffles are over file
   * names, not rows, so a task per {@value #FILES_PER_TASK} files of the largest table (at least
   * one, at most the configured shuffle partitions). Delta's defaults (10,000 listing tasks, 50 for
   * the log) were minutes of empty tasks on a warehouse of Headroom's size. VACUUM's own commits to
   * each table's log (a start and an end, each a new version to read) are left out: the {@code
   * runs} table records every vacuum with the files removed per table.
   */
  private static void sizeToFiles(SparkSession spark, OptionalLong largestTableFiles) {
    long configured = Long.parseLong(spark.conf().get("spark.sql.shuffle.partitions"));
    long tasks =
        Math.max(1, Math.min(configured, largestTableFiles.orElse(0) / FILES_PER_TASK + 1));
    spark.conf().set("spark.sql.shuffle.partitions", tasks);
    spark.conf().set("spark.sql.sources.parallelPartitionDiscovery.parallelism", tasks);
    spark.conf().set("spark.databricks.delta.snapshotPartitions", tasks);
    spark.conf().set("spark.databricks.delta.vacuum.logging.enabled", false);
  }

  /** Removes the model folders older than the retention, never the newest. */
  private long removeOldModels(JobRun run, int hours) {
    Path models = new Path(outputRoot(), Table.MODELS_FOLDER);
    try {
      FileSystem fs = models.getFileSystem(run.spark().sparkContext().hadoopConfiguration());
      if (!fs.exists(models)) {
        return 0;
      }
      List<FileStatus> folders = new ArrayList<>();
      for (FileStatus status : fs.listStatus(models)) {
        if (status.isDirectory()) {
          folders.add(status);
        }
      }
      folders.sort(Comparator.comparingLong(FileStatus::getModificationTime).reversed());
      Instant cutoff = Instant.now().minus(Duration.ofHours(hours));
      long removed = 0;
      for (FileStatus old : folders.subList(Math.min(1, folders.size()), folders.size())) {
        if (Instant.ofEpochMilli(old.getModificationTime()).isBefore(cutoff)) {
          fs.delete(old.getPath(), true);
          removed++;
        }
      }
      return removed;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean the saved models under " + models, e);
    }
  }

  /** The data files of a table, outside its {@code _delta_log}. */
  private static long dataFiles(SparkSession spark, String table) {
    Path root = new Path(table);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long n = 0;
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        Path file = files.next().getPath();
        if (!file.toString().contains("/_delta_log/") && file.getName().endsWith(".parquet")) {
          n++;
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files of " + table, e);
    }
  }
}
