package dev.headroom.cluster;

import dev.headroom.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The build's stand-in for a Spark 3.5 install ({@code jobs/target/spark-home}: {@code jars/} holds
 * Spark and its dependencies, assembled by {@code mvn package}) and the way its own scripts start
 * programs from it: {@code spark-class} asks {@code org.apache.spark.launcher.Main} for the java
 * command line (classpath, memory, the Java 17 module opens, driver options) and runs it. Every
 * process started here binds to 127.0.0.1 and keeps its scratch files under the test's folder.
 */
final class SparkHome {

  /** What spark-class needs besides SPARK_HOME when there is no RELEASE file. */
  private static final String SCALA_VERSION = "2.12";

  private final Path home;
  private final Path work;

  private SparkHome(Path home, Path work) {
    this.home = home;
    this.work = work;
  }

  /**
   * The build's Spark home, with scratch space under {@code work}.
   *
   * @throws IllegalStateException when the build has not assembled it (run through {@code mvn
   *     verify}, which packages first)
   */
  static SparkHome fromBuild(Path work) {
    Path home = TestSpark.projectRoot().resolve("jobs/target/spark-home");
    if (!Files.isDirectory(home.resolve("jars"))) {
      throw new IllegalStateException(
          home + "/jars is missing: run ./mvnw -B verify (package assembles it)");
    }
    try {
      Files.createDirectories(work.resolve("local"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SparkHome(home, work);
  }

  /** The shaded job jar built by {@code package}, as submitted to a cluster. */
  static Path shadedJar() {
    try (var jars = Files.list(TestSpark.projectRoot().resolve("jobs/target"))) {
      return jars.filter(p -> p.getFileName().toString().matches("headroom-jobs-.*-shaded\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException("No shaded jar in jobs/target: run ./mvnw -B verify"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ports {@link #freePort()} has handed out in this JVM. */
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  /**
   * A TCP port free on loopback right now and not handed out before in this JVM. A port is only
   * bound once the process given it has started, and the kernel may offer a port just closed again
   * (1 in 10,000 back-to-back asks here), so without the second rule two of the cluster test's
   * processes could be told the same port and one would quietly bind the next.
   */
  static synchronized int freePort() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Starts {@code mainClass} the way {@code $SPARK_HOME/bin/spark-class} does, from the project
   * root, with its output in {@code log}.
   */
  Process start(String mainClass, List<String> args, Path log) throws IOException {
    List<String> command = command(mainClass, args);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(TestSpark.projectRoot().toFile());
    environment(builder.environment());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  /**
   * The java command line Spark's launcher builds for {@code mainClass} (as spark-class runs it).
   */
  private List<String> command(String mainClass, List<String> args) throws IOException {
    List<String> launcher = new ArrayList<>();
    launcher.add(javaBinary());
    launcher.add("-cp");
    launcher.add(home.resolve("jars") + "/*");
    launcher.add("org.apache.spark.launcher.Main");
    launcher.add(mainClass);
    launcher.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(launcher);
    environment(builder.environment());
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException("Spark's launcher failed for " + mainClass + " " + args);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    // The launcher prints the command's arguments, each ended by a NUL.
    List<String> command = new ArrayList<>();
    for (String part : output.split("\0")) {
      if (!part.isBlank()) {
        command.add(part.strip());
      }
    }
    return command;
  }

  private void environment(Map<String, String> env) {
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", SCALA_VERSION);
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", work.resolve("local").toString());
    env.put("SPARK_DAEMON_MEMORY", "512m");
    env.remove("SPARK_CONF_DIR");
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
