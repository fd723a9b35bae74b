package dev.headroom.reliability;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.ChildJob;
import dev.headroom.GeneratedRun;
import dev.headroom.TestSpark;
import dev.headroom.Warehouses;
import dev.headroom.common.WarehouseLock;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest} killed (SIGKILL, no shutdown hooks) while Delta is writing a table: the table
 * still reads as its previous version, and the next run completes normally. The job runs as a child
 * JVM on this JVM's classpath so it can be killed by its PID. While it holds the warehouse, a
 * second process (this JVM, ranking as an analyst would beside a scheduled run) stops before
 * writing with a message naming the run that holds it, and writes nothing. The killed run is
 * recorded by the next, which runs the same months again and must give what the first run gave (the
 * rerun checks of {@link RerunAndPrivacyTest}), and {@code vacuum} then removes the files the
 * killed write left, never the current ones.
 *
 * <p>The two processes on one warehouse were a class of their own with a child JVM's {@code rank}
 * (33 s in CI); the child here holds the warehouse as long, so they share it (issue 20).
 */
class CrashDuringWriteTest {

  private static final Duration LIMIT = Duration.ofMinutes(5);

  private final SparkSession spark = TestSpark.session();

  @Test
  void aKillDuringTheOrdersWriteLeavesThePreviousVersionAndTheNextRunCompletes(@TempDir Path dir)
      throws Exception {
    GeneratedRun.Result first = GeneratedRun.shared();
    assertEquals(0, first.exitCode(), first.err());
    Path warehouse = Warehouses.copy(first.warehouse(), dir.resolve("warehouse"));
    Path orders = warehouse.resolve("orders");
    long version = latestVersion(orders);
    long rows = spark.read().format("delta").load(orders.toString()).count();
    long ingestRuns = ingestRuns(warehouse);
    Set<Path> before = dataFiles(orders);

    List<String> ranksBefore = runIds(warehouse, "rank");

    Path childLog = dir.resolve("child.log");
    Process child = ChildJob.onGeneratedData(warehouse, childLog, "ingest");
    Path lock = warehouse.resolve(WarehouseLock.FILE_NAME);
    String holder = awaitLock(child, lock, childLog);
    assertTrue(holder.startsWith("ingest-"), holder);

    // A second process on the same warehouse, as an analyst's rank beside the scheduled run would
    // be (this JVM): it stops before writing, naming the run that holds the warehouse, and leaves
    // that run's lock alone.
    GeneratedRun.Result second = GeneratedRun.command(warehouse, "rank");
    String secondOutput = second.out() + second.err();
    assertTrue(child.isAlive(), "the second run ended while the first still held the warehouse");
    assertEquals(1, second.exitCode(), secondOutput);
    assertTrue(
        secondOutput.contains("is in use by run " + holder),
        "the message names the run holding the warehouse: " + secondOutput);
    assertTrue(secondOutput.contains(warehouse.toString()), secondOutput);
    assertEquals(holder, lockedRun(lock), "the holder's lock is untouched");
    // The refusal takes a second or two, the child's reading and checking before its first orders
    // file many more; if that ever changed, the kill below could come after the commit.
    assertEquals(before, dataFiles(orders), "the child began the orders during the refusal");

    Path newFile = awaitNewFile(child, orders, before, childLog);
    child.destroyForcibly(); // SIGKILL
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child is gone");
    assertEquals(137, child.exitValue(), "killed by SIGKILL");

    // The kill came mid-write: a data file of the new version exists, its commit does not.
    assertTrue(Files.exists(newFile), "the killed write left " + newFile);
    assertEquals(
        version, latestVersion(orders), "no commit after the kill: the write was cut off mid-way");
    assertEquals(
        rows,
        spark.read().format("delta").load(orders.toString()).count(),
        "the previous version reads whole");
    assertEquals(ingestRuns, ingestRuns(warehouse), "a killed run records nothing");

    // The killed run left its lock, naming it; the next run takes the lock over (the process is
    // gone) and records the killed run as failed before its own.
    assertTrue(Files.exists(lock), "the killed run's lock is left behind");
    String killedRun = lockedRun(lock);
    assertEquals(holder, killedRun);

    // The next run (the whole of it: the same months again) completes, and the table holds each
    // order once.
    GeneratedRun.Result rerun = GeneratedRun.run(warehouse);
    assertEquals(0, rerun.exitCode(), rerun.err());
    assertTrue(latestVersion(orders) > version);
    var table = spark.read().format("delta").load(orders.toString());
    assertEquals(rows, table.count());
    assertEquals(rows, table.select("order_id").distinct().count());
    assertEquals(ingestRuns + 2, ingestRuns(warehouse), "the killed run and the rerun");
    RerunAndPrivacyTest.assertSameAsTheFirstRun(first.warehouse(), warehouse);
    Row killed =
        spark
            .read()
            .format("delta")
            .load(warehouse.resolve("runs").toString())
            .filter(col("run_id").equalTo(killedRun))
            .first();
    assertEquals("failed", killed.getAs("status"));
    assertEquals(
        "unknown (killed)",
        killed.<scala.collection.Map<String, String>>getAs("parameters").apply("failed_stage"));
    assertFalse(Files.exists(lock), "the rerun released the lock");
    // Of the refused rank nothing was written: every new rank output is the rerun's.
    List<String> ranks = runIds(warehouse, "rank");
    assertEquals(ranksBefore.size() + 1, ranks.size(), "one new rank run: " + ranks);
    String rerunRank =
        ranks.stream().filter(r -> !ranksBefore.contains(r)).findFirst().orElseThrow();
    for (String output : List.of("backlog", "topic_metrics")) {
      List<String> newRuns =
          spark
              .read()
              .format("delta")
              .load(warehouse.resolve(output).toString())
              .select("run_id")
              .distinct()
              .as(Encoders.STRING())
              .collectAsList()
              .stream()
              .filter(r -> !ranksBefore.contains(r))
              .toList();
      assertEquals(List.of(rerunRank), newRuns, output);
    }

    // Vacuum with the default retention keeps the killed write's file (it is minutes old);
    // with none, it removes it and the replaced version's files, and the table still reads whole.
    assertEquals(0, GeneratedRun.command(warehouse, "vacuum").exitCode());
    assertTrue(Files.exists(newFile), "younger than the retention: kept");
    Set<Path> current = currentFiles(orders);
    GeneratedRun.Result vacuum =
        GeneratedRun.command(warehouse, "vacuum", "--set", "vacuum.retention-hours=0");
    assertEquals(0, vacuum.exitCode(), vacuum.err());
    assertFalse(Files.exists(newFile), "the killed write's file is gone");
    assertEquals(current, dataFiles(orders), "only the current version's files are left");
    assertTrue(vacuum.out().contains("orders"), vacuum.out());
    table = spark.read().format("delta").load(orders.toString());
    assertEquals(rows, table.count(), "the current version reads whole after vacuum");
    assertEquals(rows, table.select("order_id").distinct().count());
  }

  /** The data files the table's current version reads. */
  private Set<Path> currentFiles(Path table) {
    return Stream.of(spark.read().format("delta").load(table.toString()).inputFiles())
        .map(f -> Path.of(java.net.URI.create(f)))
        .collect(Collectors.toSet());
  }

  private static String lockedRun(Path lock) throws IOException {
    java.util.Properties holder = new java.util.Properties();
    try (var reader = Files.newBufferedReader(lock)) {
      holder.load(reader);
    }
    return holder.getProperty("run_id");
  }

  private long latestVersion(Path table) {
    return DeltaTable.forPath(spark, table.toString())
        .history(1)
        .select("version")
        .first()
        .getLong(0);
  }

  private List<String> runIds(Path warehouse, String job) {
    return spark
        .read()
        .format("delta")
        .load(warehouse.resolve("runs").toString())
        .filter(col("job").equalTo(job))
        .select("run_id")
        .as(Encoders.STRING())
        .collectAsList();
  }

  /** Polls for the child's lock on the warehouse and returns the run it names. */
  private static String awaitLock(Process child, Path lock, Path log) throws Exception {
    Instant deadline = Instant.now().plus(LIMIT);
    while (!Files.exists(lock)) {
      assertTrue(child.isAlive(), "the child ended before it locked: " + Files.readString(log));
      assertTrue(Instant.now().isBefore(deadline), "no lock within " + LIMIT);
      Thread.sleep(20);
    }
    // The lock names its run once the run has started (and is empty for a moment before that).
    String run = lockedRun(lock);
    while (run == null || run.isEmpty()) {
      assertTrue(child.isAlive(), "the child ended before its run began: " + Files.readString(log));
      assertTrue(Instant.now().isBefore(deadline), "no run in the lock within " + LIMIT);
      Thread.sleep(20);
      run = lockedRun(lock);
    }
    return run;
  }

  private long ingestRuns(Path warehouse) {
    return spark
        .read()
        .format("delta")
        .load(warehouse.resolve("runs").toString())
        .filter(col("job").equalTo("ingest"))
        .count();
  }

  private static Set<Path> dataFiles(Path table) throws IOException {
    try (Stream<Path> all = Files.walk(table)) {
      return all.filter(
              f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log"))
          .collect(Collectors.toSet());
    }
  }

  /** Polls for the first data file the child writes into the table, failing if it ends first. */
  private static Path awaitNewFile(Process child, Path table, Set<Path> before, Path log)
      throws Exception {
    Instant deadline = Instant.now().plus(LIMIT);
    while (Instant.now().isBefore(deadline)) {
      for (Path file : dataFiles(table)) {
        if (!before.contains(file)) {
          return file;
        }
      }
      assertTrue(
          child.isAlive(), "the child ended before writing the orders: " + Files.readString(log));
      Thread.sleep(5);
    }
    child.destroyForcibly();
    throw new AssertionError("no new orders file within " + LIMIT + ": " + Files.readString(log));
  }
}
