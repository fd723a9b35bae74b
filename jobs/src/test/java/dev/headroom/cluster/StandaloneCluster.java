package dev.headroom.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster of separate JVMs on 127.0.0.1: one master and its workers, started
 * from the build's Spark home as {@code start-master.sh} and {@code start-worker.sh} would, and
 * stopped by PID (with every process they started) on {@link #close()}, on a failed test too, and
 * when the test JVM exits.
 */
final class StandaloneCluster implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkHome spark;
  private final Path work;
  private final int masterPort = SparkHome.freePort();
  private final int masterUiPort = SparkHome.freePort();
  private final List<Process> workers = new ArrayList<>();
  private final List<Integer> workerUiPorts = new ArrayList<>();
  private final Processes processes = new Processes();
  private Process master;

  private StandaloneCluster(SparkHome spark, Path work) {
    this.spark = spark;
    this.work = work;
  }

  /**
   * Starts a master and {@code workers} workers of {@code cores} cores and {@code memory} each, and
   * waits until every worker has registered.
   */
  static StandaloneCluster start(SparkHome spark, Path work, int workers, int cores, String memory)
      throws IOException, InterruptedException {
    StandaloneCluster cluster = new StandaloneCluster(spark, work);
    try {
      cluster.startAll(workers, cores, memory);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startAll(int count, int cores, String memory)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    master =
        processes.add(
            spark.start(
                "org.apache.spark.deploy.master.Master",
                List.of(
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(masterPort),
                    "--webui-port",
                    Integer.toString(masterUiPort)),
                work.resolve("master.log")));
    for (int i = 1; i <= count; i++) {
      int uiPort = SparkHome.freePort();
      Path workDir = Files.createDirectories(work.resolve("worker-" + i));
      workers.add(
          processes.add(
              spark.start(
                  "org.apache.spark.deploy.worker.Worker",
                  List.of(
                      "--host",
                      "127.0.0.1",
                      "--webui-port",
                      Integer.toString(uiPort),
                      "--cores",
                      Integer.toString(cores),
                      "--memory",
                      memory,
                      "--work-dir",
                      workDir.toString(),
                      masterUrl()),
                  work.resolve("worker-" + i + ".log"))));
      workerUiPorts.add(uiPort);
    }
    awaitAliveWorkers(count, Duration.ofSeconds(90));
  }

  /** The URL jobs are submitted to. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The master's view of the cluster (its {@code /json/} page). */
  JsonNode masterState() throws IOException {
    return json("http://127.0.0.1:" + masterUiPort + "/json/");
  }

  /** Worker {@code index}'s view of itself: its executors and the apps they run for. */
  JsonNode workerState(int index) throws IOException {
    return json("http://127.0.0.1:" + workerUiPorts.get(index) + "/json/");
  }

  int workerCount() {
    return workers.size();
  }

  Process worker(int index) {
    return workers.get(index);
  }

  /**
   * Kills worker {@code index} with SIGKILL, as a machine that dies would, and returns the
   * processes it had started (its executors), which die with it or are stopped on close.
   */
  List<ProcessHandle> killWorker(int index) throws InterruptedException {
    Process worker = workers.get(index);
    List<ProcessHandle> children = worker.toHandle().descendants().toList();
    processes.alsoStop(children);
    worker.destroyForcibly();
    worker.waitFor(30, TimeUnit.SECONDS);
    return children;
  }

  private void awaitAliveWorkers(int count, Duration timeout)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!master.isAlive()) {
        throw new IllegalStateException("The master exited: " + tail(work.resolve("master.log")));
      }
      try {
        JsonNode state = masterState();
        if (state.path("aliveworkers").asInt() >= count) {
          return;
        }
        last = state.path("aliveworkers").asText() + " alive workers";
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "Workers did not register within "
            + timeout
            + " ("
            + last
            + "): "
            + tail(work.resolve("worker-1.log")));
  }

  /** The last lines of a log, for failure messages. */
  static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no " + log + ")";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** A JSON page of a Spark UI (master, worker or driver REST API) on loopback. */
  static JsonNode json(String address) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(address).openConnection();
    connection.setConnectTimeout(2_000);
    connection.setReadTimeout(5_000);
    try (InputStream in = connection.getInputStream()) {
      return JSON.readTree(in);
    } finally {
      connection.disconnect();
    }
  }

  /** Stops the workers, then the master, each with every process it started. */
  @Override
  public void close() {
    processes.close();
  }

  /**
   * Processes a test started, stopped by PID with their descendants on {@link #close()} or when the
   * JVM exits, whichever comes first.
   */
  static final class Processes implements AutoCloseable {

    private final List<ProcessHandle> started = new ArrayList<>();
    private final Thread onExit = new Thread(this::stopAll, "stop-spark-processes");

    Processes() {
      Runtime.getRuntime().addShutdownHook(onExit);
    }

    synchronized Process add(Process process) {
      started.add(process.toHandle());
      return process;
    }

    synchronized void alsoStop(List<ProcessHandle> handles) {
      started.addAll(handles);
    }

    private synchronized void stopAll() {
      // Newest first (workers before the master), each one's children before itself.
      List<ProcessHandle> order = new ArrayList<>();
      for (int i = started.size() - 1; i >= 0; i--) {
        ProcessHandle handle = started.get(i);
        handle.descendants().forEach(order::add);
        order.add(handle);
      }
      order.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle handle : order) {
        try {
          handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception stillThere) {
          System.err.println("Process " + handle.pid() + " did not stop: " + stillThere);
        }
      }
      started.clear();
    }

    @Override
    public void close() {
      stopAll();
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException exiting) {
        // The JVM is already shutting down and runs the hook itself.
      }
    }
  }
}
