package dev.headroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The guard every test class gets: a class that leaves data cached fails by its own name. */
class NothingLeftCachedTest {

  private final SparkSession spark = TestSpark.session();

  @Test
  void aClassThatLeavesADatasetCachedFailsByNameAndIsCleanedUpAfter() {
    EngineExecutionResults results = run(LeavesADatasetCached.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    List<Event> failed = results.containerEvents().failed().list();
    assertEquals(1, failed.size(), "only the leaking class fails: " + failed);
    String message = failure(failed.get(0)).getMessage();
    assertTrue(message.contains(LeavesADatasetCached.class.getName()), message);
    assertTrue(message.contains("left datasets cached"), message);
    assertTrue(spark.sharedState().cacheManager().isEmpty(), "the guard uncached what was left");
  }

  @Test
  void aClassThatUnpersistsWhatItPersistedPasses() {
    EngineExecutionResults results = run(UnpersistsWhatItPersisted.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
  }

  private static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .selectors(selectClass(testClass))
        .execute();
  }

  private static Throwable failure(Event event) {
    TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
    return result.getThrowable().orElseThrow();
  }

  /** Run only from the test above (surefire leaves nested classes out). */
  static class LeavesADatasetCached {
    @Test
    void persistsAndForgets() {
      TestSpark.session().range(0, 10).persist().count();
    }
  }

  /** Run only from the test above. */
  static class UnpersistsWhatItPersisted {
    @Test
    void persistsAndUnpersists() {
      Dataset<Row> rows = TestSpark.session().range(0, 10).toDF().persist();
      rows.count();
      rows.unpersist(true);
    }
  }
}
