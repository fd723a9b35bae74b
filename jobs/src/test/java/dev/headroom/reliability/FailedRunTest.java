package dev.headroom.reliability;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.CommandRun;
import dev.headroom.TestSpark;
import dev.headroom.cli.HeadroomCli;
import dev.headroom.common.JobRun;
import dev.headroom.common.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails while it runs leaves a {@code failed} row in {@code runs} naming the stage and
 * the error, so the report and the notebooks can say so; a bad-input stop records nothing.
 */
class FailedRunTest {

  private final SparkSession spark = TestSpark.session();

  @Test
  void aRunThatFailsWhileWritingIsRecordedWithItsStageAndError(@TempDir Path dir) throws Exception {
    Path input = Files.createDirectories(dir.resolve("input"));
    Files.writeString(
        input.resolve("tickets.csv"),
        "ticket_id,created_at,title,body\nT1,2026-03-02 10:00:00,,배송이 아직 안 와요\n");
    Files.writeString(input.resolve("orders.csv"), "order_id,ordered_at\nO1,2026-03-01 10:00:00\n");
    Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
    // Where the tickets table goes there is a file: the write fails after validation.
    Files.writeString(warehouse.resolve("tickets"), "not a table");

    CommandRun run =
        CommandRun.on(
            "ingest",
            warehouse,
            input.resolve("tickets.csv"),
            input.resolve("orders.csv"),
            "--set",
            "orders.segments=");
    assertEquals(HeadroomCli.EXIT_FAILED, run.exitCode(), run.err());
    assertTrue(run.err().matches("(?s)failed: \\S.*"), "the error says what failed: " + run.err());

    List<Row> runs =
        spark
            .read()
            .format("delta")
            .load(warehouse.resolve("runs").toString())
            .filter(col("job").equalTo("ingest"))
            .collectAsList();
    assertEquals(1, runs.size(), "one row for the failed run");
    Row failed = runs.get(0);
    assertEquals(RunRecord.FAILED, failed.getAs("status"));
    Map<String, String> parameters = failed.getJavaMap(failed.fieldIndex("parameters"));
    assertEquals("write", parameters.get(JobRun.FAILED_STAGE), parameters.toString());
    assertTrue(!parameters.get(JobRun.ERROR).isBlank(), parameters.toString());
  }

  @Test
  void aBadInputStopWritesNoRunRecord(@TempDir Path dir) {
    Path warehouse = dir.resolve("warehouse");
    CommandRun run =
        CommandRun.of(
            "ingest",
            "--output",
            warehouse.toString(),
            "--set",
            "tickets.path=" + dir.resolve("no-such-file.csv"));
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, run.exitCode(), run.err());
    assertTrue(!Files.exists(warehouse.resolve("runs")), "nothing written, not even runs");
  }
}
