package dev.headroom;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import dev.headroom.common.SparkSessions;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The one local SparkSession every test in the JVM shares, and DataFrame assertions. */
public final class TestSpark {

  private static SparkSession session;

  // spark-testing-base's assertions; they compare the datasets given, on their own session.
  private static final JavaDataFrameSuiteBase FRAMES = new JavaDataFrameSuiteBase();

  private TestSpark() {}

  /** The shared session: two local cores, Delta enabled, UI off, bound to loopback. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSessions.getOrCreate("local[2]", "headroom-tests");
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  /** The shared session when a test has started it, else null (nothing to start for). */
  static synchronized SparkSession startedSession() {
    return session;
  }

  /** Asserts both datasets hold the same rows in any order; nullability is not compared. */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    FRAMES.assertDataFrameDataEquals(expected, actual);
  }

  /** The project's top folder (where conf/ and data-samples/ are). */
  public static Path projectRoot() {
    String fromMaven = System.getProperty("headroom.projectRoot");
    return dev.headroom.notebook.Project.findRoot(
        fromMaven != null ? Path.of(fromMaven) : Path.of(""));
  }
}
