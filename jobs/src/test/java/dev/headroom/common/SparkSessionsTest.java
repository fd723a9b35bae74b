package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import java.util.function.LongSupplier;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The embedded session's settings that make small local runs cheaper, shown by what they do. */
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
