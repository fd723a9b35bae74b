package dev.headroom.reliability;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.ChildJob;
import dev.headroom.GeneratedRun;
import dev.headroom.TestSpark;
import dev.headroom.common.WarehouseLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes rank one warehouse at once, as a scheduled run and an analyst's rerun would: one
 * commits, the other stops before writing with a message naming the run that holds the warehouse,
 * and {@code backlog}, {@code topic_metrics} and {@code runs} all come from the one that ran. The
 * first is a child JVM; the second is this one (a second child only added a cold start).
 */
class ConcurrentRunsTest {

  private static final Duration LIMIT = Duration.ofMinutes(4);

  private final SparkSession spark = TestSpark.session();

  @Test
  void aSecondRunOnTheSameWarehouseStopsNamingTheFirst(@TempDir Path dir) throws Exception {
    GeneratedRun.Result shared = GeneratedRun.shared();
    assertEquals(0, shared.exitCode(), shared.err());
    Path warehouse = RerunAndPrivacyTest.copy(shared.warehouse(), dir.resolve("warehouse"));
    List<String> ranksBefore = runIds(warehouse, "rank");

    Path firstLog = dir.resolve("first.log");
    Process first = ChildJob.onGeneratedData(warehouse, firstLog, "rank");
    Path lock = warehouse.resolve(WarehouseLock.FILE_NAME);
    Instant deadline = Instant.now().plus(LIMIT);
    while (!Files.exists(lock)) {
      assertTrue(
          first.isAlive(), "the first run ended before it locked: " + Files.readString(firstLog));
      assertTrue(Instant.now().isBefore(deadline), "no lock within " + LIMIT);
      Thread.sleep(20);
    }

    // The second run is this JVM, a process of its own beside the first: it must stop at the lock
    // while the first still holds it.
    GeneratedRun.Result second = GeneratedRun.command(warehouse, "rank");
    assertTrue(first.isAlive(), "the second run ended while the first still held the warehouse");
    String secondOutput = second.out() + second.err();
    assertEquals(1, second.exitCode(), secondOutput);
    assertTrue(first.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the first run ends");
    assertEquals(0, first.exitValue(), Files.readString(firstLog));

    List<String> ranks = runIds(warehouse, "rank");
    assertEquals(ranksBefore.size() + 1, ranks.size(), "one new rank run: " + ranks);
    String winner = ranks.stream().filter(r -> !ranksBefore.contains(r)).findFirst().orElseThrow();
    assertTrue(
        secondOutput.contains("is in use by run " + winner),
        "the message names the run holding the warehouse: " + secondOutput);
    assertTrue(secondOutput.contains(warehouse.toString()), secondOutput);

    // Every rank output of the new run comes from the one run that held the lock.
    for (String table : List.of("backlog", "topic_metrics")) {
      List<String> newRuns =
          table(warehouse, table)
              .select("run_id")
              .distinct()
              .as(Encoders.STRING())
              .collectAsList()
              .stream()
              .filter(r -> !ranksBefore.contains(r))
              .toList();
      assertEquals(List.of(winner), newRuns, table);
    }
    assertTrue(Files.notExists(lock), "the lock is released");
  }

  private List<String> runIds(Path warehouse, String job) {
    return table(warehouse, "runs")
        .filter(col("job").equalTo(job))
        .select("run_id")
        .as(Encoders.STRING())
        .collectAsList();
  }

  private Dataset<Row> table(Path warehouse, String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }
}
