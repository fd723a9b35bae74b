package dev.headroom.cluster;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.BacklogSnapshot;
import dev.headroom.ChildJob;
import dev.headroom.CommandRun;
import dev.headroom.ShippedConfig;
import dev.headroom.TestSpark;
import dev.headroom.generate.CauseCatalog;
import dev.headroom.topics.ClusterAgreement;
import dev.headroom.topics.TopicTesting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The shaded jar on a real Spark standalone cluster: a master and two workers as separate JVMs on
 * 127.0.0.1 from the build's Spark jars, {@code run} on the sample data submitted through Spark's
 * own submit entry point as the README's "On a cluster" section shows (with the config files passed
 * by {@code --files}, as docs/cluster.md shows for cluster deploy mode), with a worker killed while
 * a stage is running. The results must equal those of the same {@code run} in this JVM, local and
 * with other shuffle partitions (3, where the cluster has 8) and 64 KB file splits: every ticket in
 * the same topic and parent, the topics with the same labels and sizes, and the same backlog. The
 * same input gives the same results on any shape. The reference run is also where the sample's
 * topics are checked against its planted causes.
 */
// The cluster run and the local one run side by side: each alone leaves much of the two cores
// idle (driver-side planning, Delta commits). The reference runs in this JVM, not a submission of
// its own: this JVM reads both runs' tables anyway, and a fourth cold JVM cost about 45 s of CPU
// the cluster run needed (BENCHMARKS.md, issue 20). The cluster runs once: a run without the
// worker kill took as long again and proved nothing the kill run does not.
@Execution(ExecutionMode.CONCURRENT)
class StandaloneClusterIT {

  private static final Path WORK = TestSpark.projectRoot().resolve("jobs/target/cluster-it");
  private static final Duration RUN_LIMIT = Duration.ofMinutes(15);

  private static SparkHome spark;
  private static CompletableFuture<Results> localRun;

  @BeforeAll
  static void sparkHome() throws IOException {
    deleteRecursively(WORK);
    spark = SparkHome.fromBuild(WORK);
  }

  /**
   * Starts the reference: {@code run} on the same data and config in this JVM, on a thread of its
   * own, in the session failsafe's settings give this JVM: 3 shuffle partitions and 64 KB file
   * splits. It runs beside the cluster run, on the core the cluster leaves idle much of the time,
   * and leaves this JVM warm for reading both runs' tables.
   */
  private static synchronized CompletableFuture<Results> localRun() {
    if (localRun == null) {
      SparkSession session = TestSpark.session();
      assertEquals("3", session.conf().get("spark.sql.shuffle.partitions"));
      assertEquals("65536", session.conf().get("spark.sql.files.maxPartitionBytes"));
      Path warehouse = WORK.resolve("local-warehouse");
      localRun =
          CompletableFuture.supplyAsync(
              () -> {
                CommandRun run = CommandRun.of("run", "--output", warehouse.toString());
                try {
                  Files.writeString(WORK.resolve("local-run.log"), run.out() + run.err());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                assertEquals(0, run.exitCode(), "the reference run failed:\n" + run.err());
                Results results = Results.of(warehouse);
                assertTrue(
                    results.backlog().size() >= 5,
                    "the sample ranks its planted causes: " + results.backlog());
                return results;
              },
              runnable -> {
                Thread thread = new Thread(runnable, "reference-run");
                thread.setDaemon(true);
                thread.start();
              });
    }
    return localRun;
  }

  /** The reference run's results, once it has finished. */
  private static Results localResults() throws Exception {
    try {
      return localRun().get(RUN_LIMIT.toMinutes(), TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AssertionError failed) {
        throw failed;
      }
      throw e;
    }
  }

  /** What must not depend on the shape: ticket placements, topics and the backlog. */
  private record Results(List<String> placements, List<String> topics, List<String> backlog) {

    static Results of(Path warehouse) {
      return new Results(
          lines(
              warehouse,
              "ticket_topics",
              "concat_ws(' ', ticket_id, cast(topic_id AS string),"
                  + " cast(parent_topic_id AS string))"),
          lines(
              warehouse,
              "topics",
              "concat_ws(' | ', cast(topic_id AS string), cast(level AS string),"
                  + " array_join(label_terms, ' '), cast(size AS string))"),
          BacklogSnapshot.of(warehouse));
    }

    private static List<String> lines(Path warehouse, String table, String expression) {
      return TestSpark.session()
          .read()
          .format("delta")
          .load(warehouse.resolve(table).toString())
          .selectExpr(expression)
          .as(Encoders.STRING())
          .collectAsList()
          .stream()
          .sorted()
          .toList();
    }
  }

  @Test
  void runOnTheClusterLosingAWorkerMidStageGivesTheLocalBacklog() throws Exception {
    localRun();
    Path work = WORK.resolve("cluster");
    Path warehouse = work.resolve("warehouse");
    Path log = work.resolve("run.log");
    try (StandaloneCluster cluster = StandaloneCluster.start(spark, work, 2, 1, "2560m")) {
      int uiPort = SparkHome.freePort();
      Process run = submit(cluster.masterUrl(), "1g", warehouse, uiPort, log);
      // Once topic discovery is under way, kill the worker whose executor is running tasks of
      // the active stage: its tasks, cached blocks and shuffle output die with it.
      awaitLine(run, log, "[2/4] discover");
      Busy busy = awaitBusyExecutor(run, cluster, uiPort, log);
      List<ProcessHandle> executors = cluster.killWorker(busy.worker());
      System.out.printf(
          "Killed worker %d (executor %s) during stage '%s'%n",
          busy.worker() + 1, busy.executorId(), busy.stage());
      assertFalse(cluster.worker(busy.worker()).isAlive());
      assertFalse(executors.isEmpty(), "the killed worker had started no executor");

      assertFinished(run, log);
      for (ProcessHandle executor : executors) {
        assertFalse(executor.isAlive(), "executor " + executor.pid() + " outlived its worker");
      }
      String output = Files.readString(log);
      assertTrue(
          output.contains("Lost executor " + busy.executorId()),
          "the driver never lost executor "
              + busy.executorId()
              + " (killed in "
              + busy.stage()
              + ")");
      // It ran on the cluster: the master saw the app finish, and the worker left ran executors
      // for it (the killed one had, above).
      JsonNode state = cluster.masterState();
      assertEquals(1, state.path("completedapps").size(), state.toPrettyString());
      String appId = state.path("completedapps").get(0).path("id").asText();
      int survivor = 1 - busy.worker();
      JsonNode worker = cluster.workerState(survivor);
      // Its executors are listed as running until the worker has seen them exit.
      assertTrue(
          worker.findValuesAsText("appid").contains(appId),
          "worker "
              + (survivor + 1)
              + " ran no executor for "
              + appId
              + ": "
              + worker.toPrettyString());
    }
    Results local = localResults();
    Results onCluster = Results.of(warehouse);
    assertSameLines(
        local.placements(), onCluster.placements(), "every ticket in the same topic and parent");
    assertEquals(local.topics(), onCluster.topics(), "the same topics, labels and sizes");
    assertEquals(local.backlog(), onCluster.backlog());
  }

  /**
   * The sample's planted causes are its parent topics (issue 18), checked on the reference run this
   * class makes anyway: every root cause has most of its tickets in one parent, no parent holds
   * most of two (payment errors and app crashes apart), English late deliveries are mostly in the
   * Korean ones' parent (all 403 on 2026-12-04), the parents agree with the causes at an NMI of
   * 0.80 or more (0.889), and k was chosen where the parents stop changing, below k-max. The
   * figures hold for the shipped seed; docs/topics.md gives their spread over other seeds.
   */
  @Test
  void theSamplesPlantedCausesAreItsParentTopics() throws Exception {
    localResults();
    SparkSession session = TestSpark.session();
    Dataset<Row> truth =
        session
            .read()
            .parquet(TestSpark.projectRoot().resolve("data-samples/truth/tickets").toString());
    Dataset<Row> placed =
        session
            .read()
            .format("delta")
            .load(WORK.resolve("local-warehouse/ticket_topics").toString())
            .join(truth, "ticket_id")
            .cache(); // read by the queries below, uncached after them
    try {
      double nmi =
          ClusterAgreement.nmi(TopicTesting.contingency(placed, "parent_topic_id", "cause"));
      Map<String, Map<String, Long>> byCause =
          TopicTesting.contingency(
              placed.filter(col("cause").notEqual(CauseCatalog.GENERIC)),
              "cause",
              "parent_topic_id");
      Map<String, String> parentOfCause = new TreeMap<>();
      Map<String, List<String>> causesOfParent = new TreeMap<>();
      for (var cause : byCause.entrySet()) {
        long total = cause.getValue().values().stream().mapToLong(Long::longValue).sum();
        cause.getValue().entrySet().stream()
            .filter(parent -> 2 * parent.getValue() > total)
            .forEach(parent -> parentOfCause.put(cause.getKey(), parent.getKey()));
        assertTrue(
            parentOfCause.containsKey(cause.getKey()),
            cause.getKey() + " has no parent with most of its tickets: " + cause.getValue());
        causesOfParent
            .computeIfAbsent(parentOfCause.get(cause.getKey()), parent -> new ArrayList<>())
            .add(cause.getKey());
      }
      System.out.printf(
          Locale.ROOT,
          "the sample: parents vs planted causes NMI %.3f; parent of each cause %s%n",
          nmi,
          parentOfCause);
      assertTrue(byCause.size() >= 11, "planted causes in the sample: " + byCause.keySet());
      causesOfParent.forEach(
          (parent, causes) ->
              assertEquals(1, causes.size(), "parent " + parent + " holds most of " + causes));
      assertNotEquals(parentOfCause.get("payment_error"), parentOfCause.get(CauseCatalog.EMERGING));
      // One cause in any language: most English late deliveries are in the Korean ones' parent.
      Map<String, Long> englishLate =
          TopicTesting.contingency(
                  placed.filter(
                      col("cause").equalTo("delivery_delay").and(col("language").equalTo("en"))),
                  "cause",
                  "parent_topic_id")
              .getOrDefault("delivery_delay", Map.of());
      long english = englishLate.values().stream().mapToLong(Long::longValue).sum();
      long withKorean = englishLate.getOrDefault(parentOfCause.get("delivery_delay"), 0L);
      assertTrue(english >= 100, "English late deliveries in the sample: " + english);
      assertTrue(
          2 * withKorean > english,
          "English late deliveries in the late-delivery parent: "
              + withKorean
              + " of "
              + englishLate);
      assertTrue(nmi >= 0.80, "NMI of the sample's parents against its planted causes " + nmi);

      // k is the first candidate whose parents the next keeps (adjusted Rand 0.95 or more,
      // KSelection.SAME_PARENTS), not topics.k-max, and the run records every candidate's scores.
      Row discover =
          session
              .read()
              .format("delta")
              .load(WORK.resolve("local-warehouse/runs").toString())
              .filter(col("job").equalTo("discover"))
              .first();
      Map<String, Double> metrics = discover.getJavaMap(discover.fieldIndex("metrics"));
      int k = (int) Math.round(metrics.get("k"));
      int kMax = ShippedConfig.load().topics().kMax();
      assertTrue(k < kMax, "k " + k + " of at most " + kMax);
      assertTrue(metrics.containsKey("silhouette.k" + kMax), metrics.toString());
      String stability = "parent_stability.k";
      assertTrue(metrics.get(stability + k) >= 0.95, metrics.toString());
      assertEquals(
          List.of(),
          metrics.entrySet().stream()
              .filter(metric -> metric.getKey().startsWith(stability))
              .filter(metric -> Integer.parseInt(metric.getKey().substring(stability.length())) < k)
              .filter(metric -> metric.getValue() >= 0.95)
              .toList(),
          "an earlier candidate whose parents the next kept");
      Map<String, String> parameters = discover.getJavaMap(discover.fieldIndex("parameters"));
      assertEquals("parents_kept", parameters.get("topics.k-chosen-by"), parameters.toString());
    } finally {
      placed.unpersist();
    }
  }

  /**
   * The driver keeps only topic-level summaries: {@code run} on generated data {@code
   * headroom.cluster.scale} times the sample (10 for the documented check) must finish with a 512
   * MB driver heap. Opt-in: at 10x it takes about seven minutes on two cores.
   */
  @Test
  @EnabledIfSystemProperty(named = "headroom.cluster.scale", matches = "[1-9][0-9]*")
  void aSmallDriverHeapRunsTenTimesTheSample() throws Exception {
    int scale = Integer.parseInt(System.getProperty("headroom.cluster.scale"));
    Path work = WORK.resolve("cluster-scale");
    Path data = work.resolve("generated");
    Path warehouse = work.resolve("warehouse");
    try (StandaloneCluster cluster = StandaloneCluster.start(spark, work, 2, 1, "4g")) {
      long started = System.nanoTime();
      Process generate =
          submit(
              cluster.masterUrl(),
              "1g",
              "3g",
              SparkHome.freePort(),
              work.resolve("generate.log"),
              List.of(),
              List.of(
                  "generate",
                  "--out",
                  data.toString(),
                  "--tickets",
                  Long.toString(20_000L * scale),
                  "--seed",
                  "42"));
      assertFinished(generate, work.resolve("generate.log"));
      long generated = System.nanoTime();
      Process run =
          submit(
              cluster.masterUrl(),
              "512m",
              "3g",
              SparkHome.freePort(),
              work.resolve("run.log"),
              List.of(),
              List.of(
                  "run",
                  "--config",
                  "conf/headroom.properties",
                  "--output",
                  warehouse.toString(),
                  "--set",
                  "tickets.path=" + data.resolve("tickets"),
                  "--set",
                  "orders.path=" + data.resolve("orders")));
      assertFinished(run, work.resolve("run.log"));
      System.out.printf(
          "%dx the sample: generate %d s, run with a 512 MB driver %d s%n",
          scale,
          (generated - started) / 1_000_000_000L,
          (System.nanoTime() - generated) / 1_000_000_000L);
    }
    List<String> backlog = BacklogSnapshot.of(warehouse);
    assertTrue(backlog.get(0).contains("S07"), "late deliveries at S07 lead: " + backlog.get(0));
  }

  /**
   * Submits {@code run} on the sample data as the README's spark-submit line does, but with the
   * config, dictionary and stopwords passed the cluster-deploy-mode way (docs/cluster.md): with
   * {@code --files}, and by name. The reference run in this JVM reads them by path, so both
   * documented ways of passing them are exercised. Plus only loopback addresses, a known driver UI
   * port and C1-only JIT.
   */
  private static Process submit(
      String master, String driverMemory, Path warehouse, int uiPort, Path log) throws IOException {
    return submit(
        master,
        driverMemory,
        "2g",
        uiPort,
        log,
        List.of(
            "--files",
            "conf/headroom.properties,conf/userdict_ko.txt,conf/stopwords.txt,"
                + "conf/concepts.txt,conf/taxonomy.txt"),
        List.of(
            "run",
            "--config",
            "headroom.properties",
            "--set",
            "topics.user-dictionary=userdict_ko.txt",
            "--set",
            "topics.stopwords=stopwords.txt",
            "--set",
            "topics.concepts=concepts.txt",
            "--set",
            "topics.taxonomy=taxonomy.txt",
            "--output",
            warehouse.toString()));
  }

  /**
   * The README's spark-submit line with more spark-submit options before the jar and another job or
   * options after it.
   */
  private static Process submit(
      String master,
      String driverMemory,
      String executorMemory,
      int uiPort,
      Path log,
      List<String> options,
      List<String> job)
      throws IOException {
    Files.createDirectories(log.getParent());
    String opens = System.getProperty("headroom.sparkJvmOpens", "");
    // Test speed only: the reference run, the driver and two executors share two cores for a few
    // minutes, and C2 compiling the same code in several JVMs cost more than it saved (242 s ->
    // 168 s a cluster run with C1 in its three). The collector is the test JVM's, as the launcher
    // starts a job: G1 cost these runs more than it saved (issue 20).
    String jvm =
        String.join(" ", opens, "-XX:TieredStopAtLevel=1", String.join(" ", ChildJob.collector()));
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--master", master, "--deploy-mode", "client"));
    args.addAll(List.of("--class", "dev.headroom.cli.HeadroomCli"));
    args.addAll(List.of("--driver-memory", driverMemory, "--executor-memory", executorMemory));
    args.addAll(
        List.of(
            "--driver-java-options", jvm + " -Dlog4j2.configurationFile=conf/log4j2.properties"));
    args.addAll(List.of("--conf", "spark.executor.extraJavaOptions=" + jvm));
    args.addAll(List.of("--conf", "spark.sql.shuffle.partitions=8"));
    args.addAll(List.of("--conf", "spark.databricks.delta.snapshotPartitions=8"));
    // Loopback only, and a known port for the driver's UI (its REST API says what is running).
    args.addAll(
        List.of(
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1"));
    args.addAll(List.of("--conf", "spark.ui.enabled=true", "--conf", "spark.ui.port=" + uiPort));
    args.addAll(options);
    args.add(SparkHome.shadedJar().toString());
    args.addAll(job);
    return spark.start("org.apache.spark.deploy.SparkSubmit", args, log);
  }

  /** Equal sorted lines; a failure names how many differ and the first few (not 20,000 lines). */
  private static void assertSameLines(List<String> expected, List<String> actual, String what) {
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(new HashSet<>(actual));
    List<String> extra = new ArrayList<>(actual);
    extra.removeAll(new HashSet<>(expected));
    assertTrue(
        expected.size() == actual.size() && missing.isEmpty() && extra.isEmpty(),
        what
            + ": "
            + expected.size()
            + " lines expected, "
            + actual.size()
            + " found; "
            + missing.size()
            + " missing, such as "
            + missing.subList(0, Math.min(5, missing.size()))
            + "; "
            + extra.size()
            + " unexpected, such as "
            + extra.subList(0, Math.min(5, extra.size())));
  }

  private static void assertFinished(Process run, Path log) throws Exception {
    boolean finished = run.waitFor(RUN_LIMIT.toMinutes(), TimeUnit.MINUTES);
    if (!finished) {
      run.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
    assertTrue(
        finished, "run did not finish within " + RUN_LIMIT + ":\n" + StandaloneCluster.tail(log));
    assertEquals(0, run.exitValue(), "run failed:\n" + StandaloneCluster.tail(log));
  }

  private static void awaitLine(Process run, Path log, String line) throws Exception {
    long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
    while (System.nanoTime() < deadline && run.isAlive()) {
      if (Files.readString(log).contains(line)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("never saw '" + line + "':\n" + StandaloneCluster.tail(log));
  }

  /** An executor running tasks of an active stage, and the worker that launched it. */
  private record Busy(int worker, String executorId, String stage) {}

  /**
   * Polls the driver's REST API until an executor has tasks of an active stage running. Fails with
   * what it saw, and how the run ended, when the run ends first: a run that failed, an API that
   * never answered and a UI that belongs to another application each read differently.
   */
  private static Busy awaitBusyExecutor(
      Process run, StandaloneCluster cluster, int uiPort, Path log) throws Exception {
    String api = "http://127.0.0.1:" + uiPort + "/api/v1/applications";
    long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
    int polls = 0;
    int unanswered = 0;
    int withActiveStages = 0;
    Map<String, Integer> mostActiveTasks = new TreeMap<>();
    String appId = null;
    while (System.nanoTime() < deadline && run.isAlive()) {
      Thread.sleep(50);
      polls++;
      JsonNode stages;
      JsonNode executors;
      try {
        if (appId == null) {
          // Discover has begun, so the app is registered with the master and its UI is up.
          String onUi = StandaloneCluster.json(api).path(0).path("id").asText();
          String clusterApp = cluster.masterState().path("activeapps").path(0).path("id").asText();
          assertEquals(
              clusterApp, onUi, "the UI on port " + uiPort + " is not the cluster run's driver");
          appId = onUi;
        }
        stages = StandaloneCluster.json(api + "/" + appId + "/stages?status=active");
        executors = StandaloneCluster.json(api + "/" + appId + "/executors");
      } catch (IOException betweenJobs) {
        unanswered++;
        continue;
      }
      if (!stages.isEmpty()) {
        withActiveStages++;
      }
      for (JsonNode executor : executors) {
        String id = executor.path("id").asText();
        int activeTasks = executor.path("activeTasks").asInt();
        mostActiveTasks.merge(id, activeTasks, Math::max);
        if (stages.isEmpty() || id.equals("driver") || activeTasks == 0) {
          continue;
        }
        for (int i = 0; i < cluster.workerCount(); i++) {
          for (JsonNode launched : cluster.workerState(i).path("executors")) {
            if (launched.path("appid").asText().equals(appId)
                && launched.path("id").asText().equals(id)) {
              return new Busy(i, id, stages.get(0).path("name").asText());
            }
          }
        }
      }
    }
    throw new AssertionError(
        String.format(
            Locale.ROOT,
            "no executor was ever busy after discover began: the run %s; %d polls of %s, %d"
                + " unanswered, %d with an active stage; most tasks at once by executor: %s\n%s",
            run.isAlive() ? "was still running" : "had exited with " + run.exitValue(),
            polls,
            api,
            unanswered,
            withActiveStages,
            mostActiveTasks,
            StandaloneCluster.tail(log)));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
