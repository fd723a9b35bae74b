package dev.headroom.common;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/** Creates the Spark session every Headroom job runs in, with Delta Lake enabled. */
public final class SparkSessions {

  /** Master used when neither {@code --master} nor spark-submit names one. */
  public static final String LOCAL_MASTER_DEFAULT = "local[*]";

  /** Shuffle partitions for embedded runs; Spark's 200 only adds overhead on one machine. */
  public static final int LOCAL_SHUFFLE_PARTITIONS_DEFAULT = 8;

  /**
   * Tasks Delta reads a table's log with in embedded runs. Delta's 50 are empty tasks here; every
   * read and commit rebuilds a table's state, and each task costs its own closure's deserializing.
   * Two against eight cut about a tenth off a rank-and-report test (BENCHMARKS.md, issue 20).
   */
  public static final int LOCAL_SNAPSHOT_PARTITIONS_DEFAULT = 2;

  /**
   * Compiled query classes kept for reuse in embedded runs; Spark's 100 is fewer than the ~350
   * distinct ones a sample run compiles, so code was evicted and compiled again within one run.
   */
  public static final int LOCAL_CODEGEN_CACHE_ENTRIES_DEFAULT = 1000;

  /**
   * Spark's setting for compressing cached rows. A job's session turns it off unless it is set:
   * each job caches its rows once and reads them several times, and choosing each column's
   * compression cost more CPU than the smaller cache saved (at 1M tickets 13% of ingest's CPU;
   * BENCHMARKS.md, "Issue 20, ingest at 1M: the cache, not the duplicate window", and "the
   * uncompressed cache in every job"). Each run records the value it used.
   */
  public static final String CACHE_COMPRESSED_KEY = "spark.sql.inMemoryColumnarStorage.compressed";

  /**
   * Parquet's setting for writing a column with a dictionary of its values; {@code #column} after
   * it names one column.
   */
  static final String DICTIONARY_KEY = "parquet.enable.dictionary";

  /** What Parquet's settings start with. */
  private static final String PARQUET_PREFIX = "parquet.";

  /**
   * Columns of Headroom's tables whose values are nearly all different: ids, times and the text.
   * Parquet builds a dictionary of every column it writes and drops it once it outgrows a page,
   * which for these it always does; a job's session writes them without one, unless the user sets
   * {@link #DICTIONARY_KEY} for the column or for all. At 1M tickets that cut ingest's writing from
   * 32 to 29 s with files of the same size (BENCHMARKS.md, issue 20, "masking and dictionaries").
   */
  static final List<String> NEARLY_UNIQUE_COLUMNS =
      List.of("ticket_id", "order_id", "customer_id", "created_at", "ordered_at", "text");

  /**
   * Delta's setting that keeps a table's file list in each commit's checksum file. Delta 3.3 keeps
   * that list only to check it, and in a session whose time zone is not UTC (a job's session counts
   * months in {@code time-zone}, Asia/Seoul by default) each commit then rebuilds the table's state
   * from its log to compare: one to three Spark jobs per commit, about three seconds of the
   * sample's run. Readers rebuild a table's state from the log either way.
   */
  static final String FILES_IN_CHECKSUM_KEY = "spark.databricks.delta.allFilesInCrc.enabled";

  /** What Delta's defaults for the table properties of new tables start with. */
  private static final String TABLE_DEFAULTS_PREFIX = "spark.databricks.delta.properties.defaults.";

  /**
   * Delta's default for how many of a new table's columns get per-file statistics (min, max, null
   * count) in its log. A job's session sets it to 0 unless the user sets it: Headroom's tables are
   * partitioned by month with rows in no other order, so every file's minimum and maximum span its
   * month and skip nothing a query on the month would not skip anyway; collecting them was a
   * quarter of ingest's writing at 1M tickets (BENCHMARKS.md, issue 20, "per-file statistics").
   * Each file still records its row count.
   */
  static final String STATS_COLUMNS_KEY = TABLE_DEFAULTS_PREFIX + "dataSkippingNumIndexedCols";

  /** The Hadoop setting naming the {@code file:} file system class, as a Spark setting. */
  static final String LOCAL_FILE_SYSTEM_KEY = "spark.hadoop.fs.file.impl";

  /** The Hadoop setting naming the {@code file:} class for FileContext, as a Spark setting. */
  static final String LOCAL_FILE_CONTEXT_KEY = "spark.hadoop.fs.AbstractFileSystem.file.impl";

  /** The class loader local tasks run under, caught by a task in this JVM, and its context. */
  private static volatile ClassLoader taskLoader;

  private static volatile SparkContext taskLoaderContext;

  private SparkSessions() {}

  /**
   * A session of the job's own on the caller's Spark context, counting dates in {@code zone},
   * caching rows uncompressed, writing {@link #NEARLY_UNIQUE_COLUMNS} without a dictionary and
   * creating tables without per-file column statistics, each unless the caller's session (or the
   * context) sets it: the job's settings do not change the caller's session.
   */
  public static SparkSession forJob(SparkSession caller, java.time.ZoneId zone) {
    SparkSession session = caller.newSession();
    session.conf().set("spark.sql.session.timeZone", zone.getId());
    // A new session starts from the context's settings, not the caller's: a notebook's own cache,
    // Parquet and Delta table settings on its session are carried over. A session's settings reach
    // the Hadoop configuration its writes use; the context's Hadoop settings apply anyway.
    Map<String, String> callers = JavaConverters.mapAsJavaMap(caller.conf().getAll());
    callers.forEach(
        (key, value) -> {
          if (key.equals(CACHE_COMPRESSED_KEY)
              || key.startsWith(PARQUET_PREFIX)
              || key.startsWith(TABLE_DEFAULTS_PREFIX)) {
            session.conf().set(key, value);
          }
        });
    Configuration hadoop = caller.sparkContext().hadoopConfiguration();
    Predicate<String> given = key -> callers.containsKey(key) || hadoop.get(key) != null;
    if (!given.test(CACHE_COMPRESSED_KEY)) {
      session.conf().set(CACHE_COMPRESSED_KEY, "false");
    }
    if (!given.test(STATS_COLUMNS_KEY)) {
      session.conf().set(STATS_COLUMNS_KEY, "0");
    }
    for (String column : NEARLY_UNIQUE_COLUMNS) {
      String key = DICTIONARY_KEY + "#" + column;
      if (!given.test(DICTIONARY_KEY) && !given.test(key)) {
        session.conf().set(key, "false");
      }
    }
    return session;
  }

  /**
   * Returns the session for a job: spark-submit's master when launched that way, else {@code
   * master}, else {@code local[*]}. On a local master the calling thread's context class loader
   * becomes the one local tasks run under, so they reuse the query code this thread compiles.
   *
   * @param master the master from {@code --master}, or {@code null}
   * @param appName the name shown in the Spark UI and logs
   */
  public static SparkSession getOrCreate(String master, String appName) {
    // spark-submit passes its settings as spark.* system properties; SparkConf reads them.
    SparkConf submitted = new SparkConf();
    String effectiveMaster =
        master != null ? master : submitted.get("spark.master", LOCAL_MASTER_DEFAULT);
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .master(effectiveMaster)
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            // Unparseable dates must become null (and a reject), not an upgrade exception.
            .config("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    if (!submitted.contains(FILES_IN_CHECKSUM_KEY)) {
      builder.config(FILES_IN_CHECKSUM_KEY, false);
    }
    boolean local = effectiveMaster.startsWith("local");
    if (local) {
      // Embedded runs stay on loopback.
      if (!submitted.contains("spark.driver.host")) {
        builder.config("spark.driver.host", "127.0.0.1");
        builder.config("spark.driver.bindAddress", "127.0.0.1");
      }
      if (!submitted.contains("spark.sql.shuffle.partitions")) {
        builder.config("spark.sql.shuffle.partitions", LOCAL_SHUFFLE_PARTITIONS_DEFAULT);
      }
      if (!submitted.contains("spark.databricks.delta.snapshotPartitions")) {
        builder.config(
            "spark.databricks.delta.snapshotPartitions", LOCAL_SNAPSHOT_PARTITIONS_DEFAULT);
      }
      if (!submitted.contains("spark.sql.codegen.cache.maxEntries")) {
        builder.config("spark.sql.codegen.cache.maxEntries", LOCAL_CODEGEN_CACHE_ENTRIES_DEFAULT);
      }
      // Hadoop's stock local file system starts a chmod or readlink process per file it writes
      // or renames; these do the same in process.
      if (!submitted.contains(LOCAL_FILE_SYSTEM_KEY)) {
        builder.config(LOCAL_FILE_SYSTEM_KEY, InProcessLocalFileSystem.class.getName());
      }
      if (!submitted.contains(LOCAL_FILE_CONTEXT_KEY)) {
        builder.config(LOCAL_FILE_CONTEXT_KEY, InProcessLocalFs.class.getName());
      }
      if (!submitted.contains("spark.ui.enabled")) {
        builder.config("spark.ui.enabled", false);
      }
    }
    SparkSession session = builder.getOrCreate();
    if (local) {
      shareCompiledCodeWithTasks(session);
    }
    return session;
  }

  /**
   * Lets this thread and the local tasks share Spark's compiled query code. Spark 3.5 keeps the
   * classes it compiles for a query per thread context class loader, and local tasks run under the
   * executor's loader, not the driver's: so each stage's code was compiled twice, once by the
   * driver while planning and again by its first task (134 of 586 compiles in a sample run, 6.3 s
   * of CPU). The executor's loader delegates to this one first, so classes resolve as before.
   */
  private static synchronized void shareCompiledCodeWithTasks(SparkSession session) {
    // A new context (after a stop) has a new executor and so a new loader.
    if (taskLoaderContext != session.sparkContext()) {
      JavaSparkContext.fromSparkContext(session.sparkContext())
          .parallelize(List.of(0), 1)
          .foreach(ignored -> taskLoader = Thread.currentThread().getContextClassLoader());
      taskLoaderContext = session.sparkContext();
    }
    Thread.currentThread().setContextClassLoader(taskLoader);
  }
}
