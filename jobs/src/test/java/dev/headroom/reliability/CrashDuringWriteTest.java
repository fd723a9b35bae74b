package dev.headroom.reliability;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.GeneratedData;
import dev.headroom.GeneratedRun;
import dev.headroom.TestSpark;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest} killed (SIGKILL, no shutdown hooks) while Delta is writing a table: the table
 * still reads as its previous version, and the next run completes normally. The job runs as a child
 * JVM on this JVM's classpath so it can be killed by its PID.
 */
class CrashDuringWriteTest {

  private static final Duration LIMIT = Duration.ofMinutes(5);

  private final SparkSession spark = TestSpark.session();

  @Test
  void aKillDuringTheOrdersWriteLeavesThePreviousVersionAndTheNextRunCompletes(@TempDir Path dir)
      throws Exception {
    GeneratedRun.Result first = GeneratedRun.shared();
    assertEquals(0, first.exitCode(), first.err());
    Path warehouse = RerunAndPrivacyTest.copy(first.warehouse(), dir.resolve("warehouse"));
    Path orders = warehouse.resolve("orders");
    long version = latestVersion(orders);
    long rows = spark.read().format("delta").load(orders.toString()).count();
    long ingestRuns = ingestRuns(warehouse);
    Set<Path> before = dataFiles(orders);

    Process child = startIngest(warehouse, dir.resolve("child.log"));
    Path newFile = awaitNewFile(child, orders, before, dir.resolve("child.log"));
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

    // The next run completes, and the table holds each order once.
    GeneratedRun.Result rerun = GeneratedRun.command(warehouse, "ingest");
    assertEquals(0, rerun.exitCode(), rerun.err());
    assertTrue(latestVersion(orders) > version);
    var table = spark.read().format("delta").load(orders.toString());
    assertEquals(rows, table.count());
    assertEquals(rows, table.select("order_id").distinct().count());
    assertEquals(ingestRuns + 1, ingestRuns(warehouse));
  }

  private long latestVersion(Path table) {
    return DeltaTable.forPath(spark, table.toString())
        .history(1)
        .select("version")
        .first()
        .getLong(0);
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

  /**
   * {@code ingest} of the generated data in a JVM of its own, with this JVM's classpath and opens.
   */
  private static Process startIngest(Path warehouse, Path log) throws IOException {
    Path data = GeneratedData.folder();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-opens")
          || argument.startsWith("-XX:+IgnoreUnrecognized")
          || argument.startsWith("-Djdk.reflect")) {
        command.add(argument);
      }
    }
    command.addAll(
        List.of(
            "-Xmx2g",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.headroom.cli.HeadroomCli",
            "ingest",
            "--config",
            TestSpark.projectRoot().resolve("conf/headroom.properties").toString(),
            "--output",
            warehouse.toString(),
            "--set",
            "tickets.path=" + data.resolve("tickets"),
            "--set",
            "orders.path=" + data.resolve("orders")));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }
}
