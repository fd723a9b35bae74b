package dev.headroom;

import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.CacheManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test class that leaves datasets cached in the shared session, by name, and uncaches
 * them. Without it a leak shows up later, in whichever class checks that nothing is cached, or not
 * at all, depending on the order the classes ran in. Every class gets it through JUnit's extension
 * auto-detection (src/test/resources/META-INF/services).
 */
public final class NothingLeftCached implements AfterAllCallback {

  /** Longest part of a cached plan shown in the failure message. */
  private static final int PLAN_CHARS = 300;

  /** How Delta names the cached state of a table's log, which it manages itself. */
  private static final String DELTA_LOG_STATE = "Delta Table State";

  @Override
  public void afterAll(ExtensionContext context) {
    SparkSession spark = TestSpark.startedSession();
    if (spark == null) {
      return;
    }
    CacheManager cache = spark.sharedState().cacheManager();
    if (cache.isEmpty()) {
      return;
    }
    String cached =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .getPersistentRDDs()
            .values()
            .stream()
            .map(rdd -> String.valueOf(rdd.name()))
            // Delta keeps each table's log state cached on its own; those are not a test's.
            .filter(name -> !name.startsWith(DELTA_LOG_STATE))
            .map(name -> "  " + abbreviate(name))
            .collect(Collectors.joining("\n"));
    if (cached.isEmpty()) {
      cached = "  (none computed yet)";
    }
    spark.catalog().clearCache();
    throw new AssertionError(
        context.getRequiredTestClass().getName()
            + " left datasets cached in the shared session (uncached now, so later classes are"
            + " not blamed); unpersist them where they are persisted. Computed so far:\n"
            + cached);
  }

  private static String abbreviate(String plan) {
    String oneLine = plan.replaceAll("\\s+", " ");
    return oneLine.length() <= PLAN_CHARS ? oneLine : oneLine.substring(0, PLAN_CHARS) + "...";
  }
}
