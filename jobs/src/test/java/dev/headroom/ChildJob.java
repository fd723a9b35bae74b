package dev.headroom;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A job of the command line in a JVM of its own, with this JVM's classpath, Spark's opens and this
 * JVM's collector, the shipped config and its output (log lines included) in a file: for tests that
 * kill a job, run two at once, or read everything a run prints.
 */
public final class ChildJob {

  private ChildJob() {}

  /** Starts {@code job --config conf/headroom.properties --output warehouse args...}. */
  public static Process start(
      Path warehouse, Path log, Map<String, String> environment, String job, String... args)
      throws IOException {
    return start(List.of(), warehouse, log, environment, job, args);
  }

  /** As {@link #start}, with more JVM options (Spark settings as {@code -Dspark.*}). */
  public static Process start(
      List<String> jvmOptions,
      Path warehouse,
      Path log,
      Map<String, String> environment,
      String job,
      String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-opens")
          || argument.startsWith("-XX:+IgnoreUnrecognized")
          || argument.startsWith("-Djdk.reflect")) {
        command.add(argument);
      }
    }
    command.addAll(collector());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-Xmx2g",
            "-XX:TieredStopAtLevel=1",
            "-Dlog4j2.configurationFile="
                + TestSpark.projectRoot().resolve("conf/log4j2.properties"),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.headroom.cli.HeadroomCli",
            job,
            "--config",
            TestSpark.projectRoot().resolve("conf/headroom.properties").toString(),
            "--output",
            warehouse.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * This JVM's garbage-collector option ({@code -XX:+UseParallelGC} from the build's {@code
   * job.jvm.collector}, as {@code ./headroom} starts a job), for the JVMs a test starts.
   */
  public static List<String> collector() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.matches("-XX:\\+Use[A-Za-z0-9]+GC"))
        .toList();
  }

  /** Starts {@code job} on the shared generated data (as {@link GeneratedRun} passes it). */
  public static Process onGeneratedData(Path warehouse, Path log, String job, String... more)
      throws IOException {
    Path data = GeneratedData.folder();
    List<String> args =
        new ArrayList<>(CommandRun.inputs(data.resolve("tickets"), data.resolve("orders")));
    args.addAll(List.of(more));
    return start(warehouse, log, Map.of(), job, args.toArray(String[]::new));
  }
}
