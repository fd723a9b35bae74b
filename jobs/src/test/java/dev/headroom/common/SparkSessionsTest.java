package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/** The sessions' settings that make runs cheaper, shown by what they do. */
class SparkSessionsTest {

  /**
   * A query's compiled code is reused by its tasks: the same new query compiles fewer classes under
   * the loader the session set than under the JVM's own loader, where Spark keys its cache apart
   * from the tasks' (each stage's code compiled again by its first task).
   */
  @Test
  void localTasksReuseTheCodeTheDriverCompiled() {
    TestSpark.session();
    SparkSession spark = SparkSessions.getOrCreate("local[2]", "headroom-tests");
    ClassLoader jvm = ClassLoader.getSystemClassLoader();
    // First the code any query of this shape compiles (collecting, the final aggregation), under
    // both loaders, so what is counted below is the code new to each query.
    compilesOf(spark, 7883);
    withContextLoader(jvm, () -> compilesOf(spark, 7877));
    long sharedCompiles = compilesOf(spark, 7919);
    long apartCompiles = withContextLoader(jvm, () -> compilesOf(spark, 7907));
    assertTrue(
        sharedCompiles < apartCompiles,
        "compiles with the tasks' loader: "
            + sharedCompiles
            + ", with the JVM's: "
            + apartCompiles);
    assertEquals(
        String.valueOf(SparkSessions.LOCAL_CODEGEN_CACHE_ENTRIES_DEFAULT),
        spark.conf().get("spark.sql.codegen.cache.maxEntries"));
  }

  /**
   * A job caches its rows uncompressed unless the session that starts it says otherwise, as a
   * notebook may on its own session; the job's setting does not reach that session.
   */
  @Test
  void aJobCachesUncompressedUnlessTheSessionStartingItSaysOtherwise() {
    SparkSession caller = TestSpark.session().newSession();
    ZoneId zone = ZoneId.of("Asia/Seoul");
    String key = SparkSessions.CACHE_COMPRESSED_KEY;

    assertEquals("false", SparkSessions.forJob(caller, zone).conf().get(key));
    assertFalse(caller.conf().contains(key));
    caller.conf().set(key, true);
    assertEquals("true", SparkSessions.forJob(caller, zone).conf().get(key));
  }

  /**
   * A commit in a job's session, which counts dates in Korea's time zone, starts no Spark job to
   * rebuild the table's state from its log once it is written: Delta checks the file list it would
   * keep in the commit's checksum that way outside UTC, and the session does not keep that list.
   */
  @Test
  void aCommitOutsideUtcDoesNotRebuildTheTableAfterwards(@TempDir Path dir) throws Exception {
    SparkSession spark = SparkSessions.forJob(TestSpark.session(), ZoneId.of("Asia/Seoul"));
    String path = dir.resolve("table").toString();
    DeltaIo.append(spark.range(0, 3).toDF(), path, "first");
    List<String> afterCommit = new CopyOnWriteArrayList<>();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart job) {
            for (StageInfo stage : JavaConverters.seqAsJavaList(job.stageInfos())) {
              if (stage.details().contains("updateAfterCommit")) {
                afterCommit.add(stage.name());
              }
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      DeltaIo.append(spark.range(3, 6).toDF(), path, "second");
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertEquals(List.of(), afterCommit);
    assertEquals(6, spark.read().format("delta").load(path).count());
  }

  /**
   * A job writes its ids without a Parquet dictionary (at scale each outgrows its page and is
   * dropped) and other columns with one; what the session starting the job sets for a column wins.
   * The order ids here repeat, so Parquet would keep their dictionary if it built one.
   */
  @Test
  void aJobWritesItsIdsWithoutADictionaryUnlessTheUserSaysOtherwise(@TempDir Path dir)
      throws Exception {
    SparkSession caller = TestSpark.session().newSession();
    ZoneId zone = ZoneId.of("Asia/Seoul");
    String orders = dir.resolve("orders").toString();
    writeOrders(SparkSessions.forJob(caller, zone), orders);
    assertEquals(Map.of("order_id", false, "seller_id", true), dictionaries(orders));

    caller.conf().set("parquet.enable.dictionary#order_id", "true");
    caller.conf().set("parquet.enable.dictionary#seller_id", "false");
    String asTheUserSays = dir.resolve("orders-as-the-user-says").toString();
    writeOrders(SparkSessions.forJob(caller, zone), asTheUserSays);
    assertEquals(Map.of("order_id", true, "seller_id", false), dictionaries(asTheUserSays));
  }

  /**
   * A job creates its tables without per-file column statistics (its files span whole months, so
   * they would skip nothing), still counting each file's rows; a setting of the user's wins.
   */
  @Test
  void aJobCreatesTablesWithRowCountsButNoColumnStatisticsUnlessTheUserSaysOtherwise(
      @TempDir Path dir) throws Exception {
    SparkSession caller = TestSpark.session().newSession();
    ZoneId zone = ZoneId.of("Asia/Seoul");
    String orders = dir.resolve("orders").toString();
    writeOrders(SparkSessions.forJob(caller, zone), orders);
    assertEquals("{\"numRecords\":200}", fileStatistics(orders));

    caller.conf().set(SparkSessions.STATS_COLUMNS_KEY, "1");
    String asTheUserSays = dir.resolve("orders-as-the-user-says").toString();
    writeOrders(SparkSessions.forJob(caller, zone), asTheUserSays);
    String statistics = fileStatistics(asTheUserSays);
    assertTrue(statistics.contains("\"minValues\":{\"order_id\":\"O0\"}"), statistics);
    assertFalse(statistics.contains("seller_id"), statistics);
  }

  /** The statistics the table's first commit records for its one data file. */
  private static String fileStatistics(String table) throws Exception {
    String firstCommit =
        Files.readString(Path.of(table, "_delta_log", "00000000000000000000.json"));
    for (String line : firstCommit.split("\n")) {
      if (line.startsWith("{\"add\"")) {
        return TestSpark.session()
            .read()
            .json(TestSpark.session().createDataset(List.of(line), Encoders.STRING()))
            .select("add.stats")
            .first()
            .getString(0);
      }
    }
    throw new AssertionError("no file added in " + firstCommit);
  }

  private static void writeOrders(SparkSession spark, String path) {
    DeltaIo.append(
        spark
            .range(0, 200)
            .selectExpr("concat('O', id % 50) as order_id", "concat('S', id % 4) as seller_id")
            .coalesce(1),
        path,
        "orders");
  }

  /** Whether each column of the table's one data file has a dictionary page. */
  private static Map<String, Boolean> dictionaries(String table) throws Exception {
    Path file;
    try (var files = Files.list(Path.of(table))) {
      file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Map<String, Boolean> hasDictionary = new TreeMap<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
        hasDictionary.put(column.getPath().toDotString(), column.hasDictionaryPage());
      }
    }
    return hasDictionary;
  }

  private static long withContextLoader(ClassLoader loader, LongSupplier action) {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      return action.getAsLong();
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
  }

  /**
   * Classes compiled to run a query no earlier test has run: an aggregation (two stages) over
   * {@code prime}, which is written into the generated code, so each call's code is new.
   */
  private static long compilesOf(SparkSession spark, int prime) {
    long before = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
    spark
        .range(0, 1_000, 1, 2)
        .selectExpr("id % " + prime + " AS key", "id * " + prime + " AS value")
        .groupBy("key")
        .sum("value")
        .collectAsList();
    return CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - before;
  }
}
