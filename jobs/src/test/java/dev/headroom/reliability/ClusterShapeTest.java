package dev.headroom.reliability;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.ChildJob;
import dev.headroom.GeneratedData;
import dev.headroom.GeneratedRun;
import dev.headroom.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same topics, whatever the shape: {@code discover} again on the shared run's
 * warehouse, in a JVM of its own on one core ({@code local[1]}) with 3 shuffle partitions and 64 KB
 * file splits, where the shared run had two cores, 8 shuffle partitions and Spark's splits. Every
 * ticket lands in the same topic and parent, and the topics carry the same labels and sizes. {@code
 * cluster/StandaloneClusterIT} compares a {@code local[1]} run with a two-worker cluster the same
 * way, down to the backlog.
 */
class ClusterShapeTest {

  private final SparkSession spark = TestSpark.session();

  @Test
  void oneCoreAndOtherPartitionsFitTheSameTopics(@TempDir Path dir) throws Exception {
    GeneratedRun.Result shared = GeneratedRun.shared();
    assertEquals(0, shared.exitCode(), shared.err());
    Path warehouse = RerunAndPrivacyTest.copy(shared.warehouse(), dir.resolve("warehouse"));
    String sharedRun = latestDiscover(warehouse);
    // The k the shared run chose: the final fit is the same with k given, and choosing it again
    // on one core would double the test's time (StandaloneClusterIT shapes the choice too).
    long k =
        Math.round(
            table(warehouse, "runs")
                .filter(col("run_id").equalTo(sharedRun))
                .selectExpr("metrics['k']")
                .first()
                .getDouble(0));

    Path data = GeneratedData.folder();
    Path log = dir.resolve("discover.log");
    Process discover =
        ChildJob.start(
            List.of(
                "-Dspark.sql.shuffle.partitions=3", "-Dspark.sql.files.maxPartitionBytes=65536"),
            warehouse,
            log,
            Map.of(),
            "discover",
            "--master",
            "local[1]",
            "--set",
            "topics.k=" + k,
            "--set",
            "tickets.path=" + data.resolve("tickets"),
            "--set",
            "orders.path=" + data.resolve("orders"));
    assertTrue(discover.waitFor(5, TimeUnit.MINUTES), "discover finishes");
    assertEquals(0, discover.exitValue(), Files.readString(log));
    String oneCoreRun = latestDiscover(warehouse);
    assertNotEquals(sharedRun, oneCoreRun);

    Dataset<Row> placed =
        table(shared.warehouse(), "ticket_topics")
            .select("ticket_id", "topic_id", "parent_topic_id");
    Dataset<Row> again =
        table(warehouse, "ticket_topics").select("ticket_id", "topic_id", "parent_topic_id");
    assertEquals(placed.count(), again.count());
    assertEquals(
        0,
        placed.exceptAll(again).count() + again.exceptAll(placed).count(),
        "every ticket in the same topic and parent");
    assertEquals(
        topics(warehouse, sharedRun),
        topics(warehouse, oneCoreRun),
        "the same topics, labels and sizes");
  }

  private List<String> topics(Path warehouse, String runId) {
    return table(warehouse, "topics")
        .filter(col("run_id").equalTo(runId))
        .selectExpr(
            "concat_ws(' | ', cast(topic_id AS string), cast(level AS string),"
                + " array_join(label_terms, ' '), cast(size AS string))")
        .as(Encoders.STRING())
        .collectAsList()
        .stream()
        .sorted()
        .toList();
  }

  private String latestDiscover(Path warehouse) {
    return table(warehouse, "runs")
        .filter(col("job").equalTo("discover").and(col("status").equalTo("succeeded")))
        .orderBy(col("finished_at").desc())
        .select("run_id")
        .as(Encoders.STRING())
        .first();
  }

  private Dataset<Row> table(Path warehouse, String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }
}
