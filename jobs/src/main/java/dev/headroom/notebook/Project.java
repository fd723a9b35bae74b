package dev.headroom.notebook;

import dev.headroom.common.ConfigKeys;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.SparkSessions;
import dev.headroom.common.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The project as a notebook sees it: its folder, its configuration, an embedded Spark session and
 * the Delta tables a run wrote. Notebooks run with their own folder as the working directory, so
 * everything here resolves against the project's top folder instead.
 */
public final class Project {

  /** Config keys whose values are files or folders, resolved against the project folder. */
  private static final List<String> PATH_KEYS =
      List.of(
          ConfigKeys.TICKET_INPUT.path().name(),
          ConfigKeys.ORDER_INPUT.path().name(),
          ConfigKeys.TOPICS_USER_DICTIONARY.name(),
          ConfigKeys.TOPICS_STOPWORDS.name(),
          ConfigKeys.TOPICS_CONCEPTS.name(),
          ConfigKeys.TOPICS_TAXONOMY.name(),
          ConfigKeys.RANK_FIXES.name());

  private final Path root;
  private final Path warehouse;
  // Config keys this project sets over conf/headroom.properties (a taxonomy trial's file).
  private final List<String> overrides;

  private Project(Path root, Path warehouse, List<String> overrides) {
    this.root = root;
    this.warehouse = warehouse;
    this.overrides = List.copyOf(overrides);
  }

  /** The project above the working directory, reading the outputs under its {@code warehouse/}. */
  public static Project open() {
    Path root = findRoot(Path.of("").toAbsolutePath());
    return new Project(root, root.resolve("warehouse"), List.of());
  }

  /** The project at {@code root}, reading the outputs under {@code warehouse}. */
  public static Project at(Path root, Path warehouse) {
    return new Project(
        root.toAbsolutePath().normalize(), warehouse.toAbsolutePath().normalize(), List.of());
  }

  /** The nearest folder at or above {@code start} with {@code conf/} and {@code jobs/}. */
  public static Path findRoot(Path start) {
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("conf")) && Files.isDirectory(p.resolve("jobs"))) {
        return p;
      }
    }
    throw new InputException(
        "No Headroom project (a folder with conf/ and jobs/) at or above "
            + start
            + "; open the notebook from the project's notebooks/ folder");
  }

  /** The project's top folder. */
  public Path root() {
    return root;
  }

  /** The output root the jobs wrote to, as a path string for the jobs' {@code outputRoot}. */
  public String warehouse() {
    return warehouse.toString();
  }

  /**
   * {@code conf/headroom.properties} with this project's own keys (a taxonomy trial's file) and
   * {@code overrides} ({@code "topics.k=12"}) on top; the file paths in it resolve against the
   * project folder. Nothing is written back.
   */
  public HeadroomConfig config(String... overrides) {
    Path file = root.resolve(HeadroomConfig.DEFAULT_FILE);
    Map<String, String> values = HeadroomConfig.read(file);
    for (String key : PATH_KEYS) {
      String value = values.get(key);
      if (value != null
          && !value.isBlank()
          && !value.contains("://")
          && !Path.of(value).isAbsolute()) {
        values.put(key, root.resolve(value).toString());
      }
    }
    values.putAll(HeadroomConfig.parseOverrides(this.overrides));
    values.putAll(HeadroomConfig.parseOverrides(List.of(overrides)));
    return HeadroomConfig.fromMap(values, file.toString());
  }

  /** The embedded Spark session (all cores, Delta enabled, loopback only), shared by the cells. */
  public SparkSession spark() {
    SparkSession spark = SparkSessions.getOrCreate(null, "headroom-notebook");
    spark.sparkContext().setLogLevel("ERROR");
    return spark;
  }

  /**
   * A Delta table the jobs wrote, by its catalogued name ({@code backlog}, {@code topics}, ...).
   */
  public Dataset<Row> table(String name) {
    for (Table table : Table.values()) {
      if (table.tableName().equals(name)) {
        return table(table);
      }
    }
    throw new InputException(
        "No table named "
            + name
            + " in the catalogue; tables: "
            + java.util.Arrays.stream(Table.values()).map(Table::tableName).toList());
  }

  /** A catalogued Delta table the jobs wrote. */
  public Dataset<Row> table(Table table) {
    SparkSession spark = spark();
    if (!table.exists(spark, warehouse.toString())) {
      throw new InputException(
          "No "
              + table.tableName()
              + " table at "
              + table.path(warehouse.toString())
              + "; run the pipeline first (./headroom run in "
              + root
              + ")");
    }
    return table.read(spark, warehouse.toString());
  }

  /**
   * The rank run a backlog reader means by "the latest": the newest of the runs whose window ends
   * last. A rank of an earlier window made afterwards (the run comparison makes one) is not it.
   */
  public String latestRankRun() {
    List<Row> latest =
        table(Table.BACKLOG)
            .groupBy("run_id", "window_to")
            .agg(functions.max("created_at").as("created_at"))
            .orderBy(
                functions.col("window_to").desc(),
                functions.col("created_at").desc(),
                functions.col("run_id").desc())
            .limit(1)
            .collectAsList();
    if (latest.isEmpty()) {
      throw new InputException("The backlog table under " + warehouse + " has no runs yet");
    }
    return latest.get(0).getString(0);
  }

  /** The id of the latest run in a table with {@code run_id} and {@code created_at}. */
  public String latestRun(String table) {
    List<Row> latest =
        table(table)
            .groupBy("run_id")
            .agg(functions.max("created_at").as("created_at"))
            .orderBy(functions.col("created_at").desc(), functions.col("run_id").desc())
            .limit(1)
            .collectAsList();
    if (latest.isEmpty()) {
      throw new InputException("The " + table + " table under " + warehouse + " has no runs yet");
    }
    return latest.get(0).getString(0);
  }

  /**
   * A project over a copy of the tables rank reads ({@code tickets}, {@code orders}, {@code
   * topics}, {@code ticket_topics}) whose config takes {@code taxonomy} as the team's taxonomy
   * file: rank it to see the backlog an edit would give, while neither this warehouse nor {@code
   * conf/} changes. The copy goes when the JVM does.
   *
   * @param taxonomy the whole proposed file (the current one with the edit), in its own format
   */
  public Project withTaxonomy(String taxonomy) {
    try {
      Path trial = Files.createTempDirectory("headroom-taxonomy-trial");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(trial)));
      Path file = Files.writeString(trial.resolve("taxonomy.txt"), taxonomy);
      Path copy = Files.createDirectories(trial.resolve("warehouse"));
      for (Table table : List.of(Table.TICKETS, Table.ORDERS, Table.TOPICS, Table.TICKET_TOPICS)) {
        copyFolder(Path.of(table.path(warehouse.toString())), copy.resolve(table.tableName()));
      }
      List<String> trialOverrides = new ArrayList<>(overrides);
      trialOverrides.add(ConfigKeys.TOPICS_TAXONOMY.name() + "=" + file);
      return new Project(root, copy, trialOverrides);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot copy the tables under " + warehouse + " for a taxonomy trial", e);
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A temporary folder left behind is harmless; the JVM is stopping.
    }
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path source : all.toList()) {
        Files.copy(source, to.resolve(from.relativize(source).toString()));
      }
    }
  }
}
