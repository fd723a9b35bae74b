package dev.headroom.reliability;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.BacklogSnapshot;
import dev.headroom.GeneratedData;
import dev.headroom.GeneratedRun;
import dev.headroom.TestSpark;
import dev.headroom.Warehouses;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a monthly schedule does to the warehouse: the same months run again (checked where {@link
 * CrashDuringWriteTest} runs them after a killed run), two windows ranked one after the other, all
 * on generated data with planted personal data; and whether any of that data reaches an output.
 */
class RerunAndPrivacyTest {

  private final SparkSession spark = TestSpark.session();

  /**
   * What running the same months again must give: the tables' rows once each, the latest run's
   * placements only, the same topic for every ticket and the same backlog to the last figure, and
   * both rank runs recorded. {@link CrashDuringWriteTest} checks it on the run that follows a
   * killed one, so the rerun costs no run of its own.
   */
  static void assertSameAsTheFirstRun(Path first, Path warehouse) {
    SparkSession spark = TestSpark.session();
    for (String table : List.of("tickets", "orders", "rejects")) {
      assertEquals(
          table(spark, first, table).count(),
          table(spark, warehouse, table).count(),
          table + " rows");
    }
    Dataset<Row> tickets = table(spark, warehouse, "tickets");
    assertEquals(
        tickets.count(), tickets.select("ticket_id").distinct().count(), "one row per ticket");
    Dataset<Row> orders = table(spark, warehouse, "orders");
    assertEquals(orders.count(), orders.select("order_id").distinct().count(), "one row per order");
    Dataset<Row> placed = table(spark, warehouse, "ticket_topics");
    assertEquals(
        tickets.count(), placed.count(), "ticket_topics holds the latest run's placements only");
    assertEquals(1, placed.select("run_id").distinct().count());

    // Two full runs with the same input and seed: the same topic for every ticket, and the same
    // backlog to the last figure (the cluster test compares fresh runs on other shapes too).
    Dataset<Row> a =
        table(spark, first, "ticket_topics").select("ticket_id", "topic_id", "parent_topic_id");
    Dataset<Row> b = placed.select("ticket_id", "topic_id", "parent_topic_id");
    assertEquals(
        0, a.exceptAll(b).count() + b.exceptAll(a).count(), "the same topic for every ticket");
    assertEquals(
        BacklogSnapshot.of(first),
        BacklogSnapshot.of(warehouse, latestRun(spark, warehouse, "rank")),
        "the same months run again give the same backlog");
    assertEquals(
        2,
        table(spark, warehouse, "runs").filter(col("job").equalTo("rank")).count(),
        "both runs are recorded");
  }

  /**
   * The shared run ranked the whole window (January to March); ranking January alone afterwards
   * adds its run beside it and leaves the first as it was. (A second narrow window cost a rank run
   * of some 9 seconds in CI and checked nothing this does not: each rank replaces its own run's
   * rows.)
   */
  @Test
  void rankingOneWindowThenAnotherKeepsBoth(@TempDir Path dir) {
    GeneratedRun.Result first = GeneratedRun.shared();
    Path warehouse = Warehouses.copy(first.warehouse(), dir.resolve("warehouse"));
    String firstRun = latestRun(first.warehouse(), "rank");
    List<String> fullWindow = BacklogSnapshot.of(warehouse);

    assertEquals(
        0,
        GeneratedRun.command(warehouse, "rank", "--from", "2026-01", "--to", "2026-01").exitCode());
    String january = latestRun(warehouse, "rank");

    Dataset<Row> backlog = table(warehouse, "backlog");
    assertEquals(2, backlog.select("run_id").distinct().count(), "both rank runs kept");
    assertEquals(List.of("2026-01..2026-03"), windows(backlog, firstRun));
    assertEquals(List.of("2026-01..2026-01"), windows(backlog, january));
    assertEquals(
        fullWindow, BacklogSnapshot.of(warehouse, firstRun), "the earlier run is untouched");
    // Each window's metrics are its own.
    Dataset<Row> metrics = table(warehouse, "topic_metrics");
    for (String run : List.of(january, firstRun)) {
      assertTrue(metrics.filter(col("run_id").equalTo(run)).count() > 0, run);
    }
  }

  @Test
  void noPlantedPersonalDataReachesAnyOutput() {
    GeneratedRun.Result run = GeneratedRun.shared();
    assertEquals(0, run.exitCode(), run.err());
    List<String> planted =
        spark
            .read()
            .parquet(GeneratedData.folder().resolve("truth/tickets").toString())
            .filter(col("pii_value").isNotNull())
            .select("pii_value")
            .distinct()
            .as(Encoders.STRING())
            .collectAsList();
    assertTrue(planted.size() > 100, "planted values: " + planted.size());
    OutputScan outputs = new OutputScan(spark, run.warehouse());
    assertTrue(outputs.deltaTables().size() >= 8, outputs.deltaTables().keySet().toString());
    assertTrue(
        outputs.textFiles().stream().anyMatch(f -> f.endsWith("report.html")),
        outputs.textFiles().toString());

    // Order numbers are planted in the text too; the order_id columns hold them by design.
    Map<String, List<String>> found = outputs.find(planted, List.of("order_id"));
    assertEquals(Map.of(), found, "planted personal data found in the outputs");
    // Nor in what the run printed (PersonalDataTest reads a child run's log lines too).
    List<String> printed =
        planted.stream().filter(v -> run.out().contains(v) || run.err().contains(v)).toList();
    assertEquals(List.of(), printed, "planted personal data in what the run printed");
  }

  private Dataset<Row> table(Path warehouse, String name) {
    return table(spark, warehouse, name);
  }

  private static Dataset<Row> table(SparkSession spark, Path warehouse, String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }

  private String latestRun(Path warehouse, String job) {
    return latestRun(spark, warehouse, job);
  }

  private static String latestRun(SparkSession spark, Path warehouse, String job) {
    return table(spark, warehouse, "runs")
        .filter(col("job").equalTo(job))
        .orderBy(col("finished_at").desc())
        .select("run_id")
        .as(Encoders.STRING())
        .first();
  }

  private static List<String> windows(Dataset<Row> backlog, String runId) {
    return backlog
        .filter(col("run_id").equalTo(runId))
        .selectExpr("concat_ws('..', window_from, window_to)")
        .distinct()
        .as(Encoders.STRING())
        .collectAsList();
  }
}
