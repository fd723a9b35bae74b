package dev.headroom.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.input_file_name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.GeneratedData;
import dev.headroom.IngestedGeneratedData;
import dev.headroom.TestSpark;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest} end to end on generated data with planted dirty rows and personal data. */
class IngestJobTest {

  private final SparkSession spark = TestSpark.session();

  private static HeadroomConfig config() {
    return HeadroomConfig.fromMap(IngestedGeneratedData.configValues(), "test");
  }

  private Dataset<Row> table(Path warehouse, String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }

  @Test
  void everyPlantedDirtyRowIsRejectedWithItsReasonAndNothingIsLost() {
    // The ingest the other tests of this JVM start from (the same config as config() below).
    Path warehouse = IngestedGeneratedData.warehouse();
    IngestResult result = IngestedGeneratedData.result();

    Dataset<Row> truth = spark.read().parquet(GeneratedData.folder() + "/truth/tickets");
    Map<String, Long> planted = new TreeMap<>();
    for (Row r :
        truth.filter(col("dirty_kind").isNotNull()).groupBy("dirty_kind").count().collectAsList()) {
      planted.put(r.getString(0), r.getLong(1));
    }
    assertEquals(
        planted, result.tickets().rejectedByReason(), "reject counts per reason = planted");
    assertEquals(truth.count(), result.tickets().read());
    assertEquals(result.tickets().read(), result.tickets().clean() + result.tickets().rejected());
    assertEquals(result.tickets().clean(), table(warehouse, "tickets").count());
    assertEquals(result.orders().read(), table(warehouse, "orders").count());

    // Each rejected row (that has an id) is the planted one, with the planted reason.
    Dataset<Row> rejected =
        table(warehouse, "rejects")
            .filter(col("kind").equalTo("tickets"))
            .select(
                get_json_object(col("raw"), "$.ticket_id").as("ticket_id"),
                col("reason").as("dirty_kind"))
            .filter(col("dirty_kind").notEqual("missing_id"));
    Dataset<Row> plantedRows =
        truth
            .filter(col("dirty_kind").isNotNull().and(col("dirty_kind").notEqual("missing_id")))
            .select("ticket_id", "dirty_kind");
    TestSpark.assertSameRows(plantedRows, rejected);

    // No planted personal data survives in clean text or in the rejects' raw rows.
    Dataset<Row> pii = truth.filter(col("pii_value").isNotNull()).select("pii_value");
    assertTrue(pii.count() > 300);
    long leaksInTickets =
        table(warehouse, "tickets")
            .crossJoin(pii)
            .filter(expr("instr(text, pii_value) > 0"))
            .count();
    // The raw row keeps its order_id column (a join key, not free text); its texts are masked.
    long leaksInRejects =
        table(warehouse, "rejects")
            .crossJoin(pii)
            .filter(
                expr(
                    "instr(get_json_object(raw, '$.body'), pii_value) > 0"
                        + " OR instr(get_json_object(raw, '$.title'), pii_value) > 0"))
            .count();
    assertEquals(0, leaksInTickets + leaksInRejects, "planted personal data found in outputs");

    // Tables are partitioned by month and the run is recorded.
    assertTrue(Files.isDirectory(warehouse.resolve("tickets/month=2026-01")));
    // Far fewer rows than one task writes: one file a partition (a month, or a kind of reject),
    // not one per shuffle partition.
    assertTrue(Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")) > 1);
    assertTrue(result.orders().clean() < IngestJob.ROWS_PER_WRITE_TASK);
    for (String name : List.of("tickets", "orders", "rejects")) {
      Map<String, Long> filesPerPartition = new TreeMap<>();
      for (String file : table(warehouse, name).inputFiles()) {
        filesPerPartition.merge(file.replaceAll(".*/([^/=]+=[^/]+)/[^/]+$", "$1"), 1L, Long::sum);
      }
      assertFalse(filesPerPartition.isEmpty(), name);
      filesPerPartition.forEach((part, files) -> assertEquals(1L, files, name + " " + part));
    }
    // Every row names the file it came from, though ingest held a key for it while checking. The
    // names are few: collected once per table, compared here.
    Map<String, Set<String>> rejectedFrom = new TreeMap<>();
    for (Row r :
        table(warehouse, "rejects").select("kind", "source_file").distinct().collectAsList()) {
      rejectedFrom.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
    }
    for (String kind : List.of("tickets", "orders")) {
      Set<String> inputFiles =
          new TreeSet<>(
              spark
                  .read()
                  .parquet(GeneratedData.folder() + "/" + kind)
                  .select(input_file_name())
                  .distinct()
                  .as(Encoders.STRING())
                  .collectAsList());
      assertFalse(inputFiles.isEmpty(), kind + " input files");
      assertEquals(
          inputFiles,
          new TreeSet<>(
              table(warehouse, kind)
                  .select("source_file")
                  .distinct()
                  .as(Encoders.STRING())
                  .collectAsList()),
          kind + ": every input file has clean rows, and every clean row names an input file");
      Set<String> rejectedFiles = rejectedFrom.getOrDefault(kind, Set.of());
      assertTrue(
          inputFiles.containsAll(rejectedFiles),
          kind + " rejects name their input files: " + rejectedFiles + " of " + inputFiles);
    }
    Row run = table(warehouse, "runs").first();
    assertEquals(result.runId(), run.getAs("run_id"));
    Map<String, Long> counts = run.getJavaMap(run.fieldIndex("counts"));
    assertEquals(result.tickets().clean(), counts.get("tickets_clean"));
    assertEquals(planted.get("duplicate_id"), counts.get("tickets_rejected.duplicate_id"));
    // Ingest caches its rows uncompressed in a session of its own: the caller's is as it was.
    Map<String, String> parameters = run.getJavaMap(run.fieldIndex("parameters"));
    assertEquals("false", parameters.get(SparkSessions.CACHE_COMPRESSED_KEY));
    assertFalse(spark.conf().contains(SparkSessions.CACHE_COMPRESSED_KEY));
  }

  @Test
  void monthWindowsWriteOnlyTheirMonthsAndLeaveOthersIntact(@TempDir Path warehouse) {
    IngestResult february =
        IngestJob.of(spark, config())
            .outputRoot(warehouse.toString())
            .window(YearMonth.of(2026, 2), YearMonth.of(2026, 2))
            .execute();
    assertEquals(List.of("2026-02"), february.ticketMonths());
    assertTrue(february.tickets().outsideWindow() > 0);
    assertEquals(
        february.tickets().read(),
        february.tickets().clean()
            + february.tickets().rejected()
            + february.tickets().outsideWindow());
    Dataset<Row> months = table(warehouse, "tickets").select("month").distinct();
    assertEquals(
        List.of("2026-02"), months.as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    long februaryTickets = table(warehouse, "tickets").count();

    IngestJob.of(spark, config())
        .outputRoot(warehouse.toString())
        .window(YearMonth.of(2026, 1), YearMonth.of(2026, 1))
        .execute();
    assertEquals(
        februaryTickets,
        table(warehouse, "tickets").filter(col("month").equalTo("2026-02")).count());
    assertTrue(table(warehouse, "tickets").filter(col("month").equalTo("2026-01")).count() > 0);
    // Rows without a usable date are rejected by each windowed run, replaced, never doubled.
    long undated = table(warehouse, "rejects").filter(col("month").isNull()).count();
    IngestJob.of(spark, config())
        .outputRoot(warehouse.toString())
        .window(YearMonth.of(2026, 1), YearMonth.of(2026, 1))
        .execute();
    assertEquals(undated, table(warehouse, "rejects").filter(col("month").isNull()).count());
  }
}
