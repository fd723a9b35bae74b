package dev.headroom.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import dev.headroom.backlog.RankJob;
import dev.headroom.backlog.RankResult;
import dev.headroom.common.ConfigKeys;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.RunRecord;
import dev.headroom.common.Table;
import dev.headroom.generate.GenerateJob;
import dev.headroom.generate.GenerateResult;
import dev.headroom.generate.SyntheticVoc;
import dev.headroom.ingest.IngestJob;
import dev.headroom.ingest.IngestResult;
import dev.headroom.report.ReportJob;
import dev.headroom.text.NoriTokenizer;
import dev.headroom.topics.ClusterAgreement;
import dev.headroom.topics.DiscoverJob;
import dev.headroom.topics.DiscoverResult;
import dev.headroom.topics.TopicModeler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code bench} for one size: generates tickets and orders with a planted truth, runs {@code ingest
 * -> discover -> rank -> report} on them as {@code run} does, times each stage, and measures beside
 * it the read+tokenize lower bound and (when asked) scikit-learn on the same clean texts.
 *
 * <p>Everything goes under {@code work/<tickets>/}: {@code input/} (generated), {@code warehouse/}
 * (the run's tables) and {@code texts/} (the clean texts with their cause and topic, the baseline's
 * input).
 */
public final class BenchJob {

  /** The generated data spans these months from this one, as {@code generate}'s defaults. */
  private static final int MONTHS = 6;

  private static final YearMonth START = YearMonth.of(2026, 1);

  private static final long SEED = 42;
  private static final double DIRTY_SHARE = 0.006;
  private static final double PII_SHARE = 0.08;

  private final SparkSession spark;
  private final Map<String, String> configValues;
  private final String configSource;
  private Path work = Path.of("bench-work");
  private SklearnBaseline sklearn;
  private boolean keep;

  private BenchJob(SparkSession spark, Map<String, String> values, String source) {
    this.spark = spark;
    this.configValues = Map.copyOf(values);
    this.configSource = source;
  }

  /**
   * A benchmark on this session, running the pipeline with these config values (a config file's
   * keys and overrides); the input paths are set to the generated data.
   *
   * @param source where the values came from, for messages
   */
  public static BenchJob of(SparkSession spark, Map<String, String> values, String source) {
    HeadroomConfig.fromMap(values, source);
    return new BenchJob(spark, values, source);
  }

  /** The folder for generated inputs and the run's tables (default {@code bench-work}). */
  public BenchJob work(Path folder) {
    this.work = folder;
    return this;
  }

  /** Runs this baseline on the same texts; null (the default) to leave it out. */
  public BenchJob sklearn(SklearnBaseline baseline) {
    this.sklearn = baseline;
    return this;
  }

  /** Keeps each size's generated input and tables (default: deleted after measuring). */
  public BenchJob keep(boolean keepFiles) {
    this.keep = keepFiles;
    return this;
  }

  /** Generates about {@code tickets} tickets, runs and measures everything for them. */
  public BenchResult execute(long tickets) {
    Path dir = work.resolve(Long.toString(tickets));
    deleteRecursively(dir);
    String input = dir.resolve("input").toString();
    String warehouse = dir.resolve("warehouse").toString();

    Map<String, String> values = new HashMap<>(configValues);
    values.put(ConfigKeys.TICKET_INPUT.path().name(), input + "/tickets");
    values.put(ConfigKeys.ORDER_INPUT.path().name(), input + "/orders");
    HeadroomConfig config = HeadroomConfig.fromMap(values, configSource + " (bench)");

    long orderCount = GenerateJob.ordersForTickets(tickets);
    SyntheticVoc.Params params =
        new SyntheticVoc.Params(
            SEED, START, MONTHS, orderCount, DIRTY_SHARE, PII_SHARE, config.timeZone().getId());
    GenerateResult generated = GenerateJob.of(spark, params).output(input).execute();

    try (HeapSampler heap = HeapSampler.start()) {
      List<BenchResult.Stage> stages = new ArrayList<>();
      IngestResult ingest =
          stage(
              stages,
              heap,
              "ingest",
              () -> IngestJob.of(spark, config).outputRoot(warehouse).execute(),
              r -> r.tickets().read() + r.orders().read(),
              IngestResult::stageSeconds);
      DiscoverResult discover =
          stage(
              stages,
              heap,
              "discover",
              () -> DiscoverJob.of(spark, config).outputRoot(warehouse).execute(),
              DiscoverResult::tickets,
              DiscoverResult::stageSeconds);
      RankResult rank =
          stage(
              stages,
              heap,
              "rank",
              () -> RankJob.of(spark, config).outputRoot(warehouse).execute(),
              r -> ingest.tickets().clean() + ingest.orders().clean(),
              RankResult::stageSeconds);
      stage(
          stages,
          heap,
          "report",
          () -> ReportJob.of(spark, config).outputRoot(warehouse).execute(),
          r -> (long) rank.backlog().size(),
          r -> Map.of());

      BenchResult.LowerBound lowerBound = lowerBound(heap, warehouse, config);
      Map<String, Long> outputBytes = outputBytes(Path.of(warehouse));

      Path texts = dir.resolve("texts");
      BenchResult.Quality ours = exportAndScore(warehouse, input, discover, config, texts);
      BenchResult.Baseline baseline = sklearn == null ? null : sklearn.run(texts, discover.k());

      BenchResult result =
          new BenchResult(
              generated.tickets(),
              generated.orders(),
              spark.sparkContext().defaultParallelism(),
              heap.maxBytes(),
              generated.seconds(),
              stages,
              lowerBound,
              ours,
              baseline,
              outputBytes);
      if (!keep) {
        deleteRecursively(dir);
      }
      return result;
    }
  }

  private static <T> T stage(
      List<BenchResult.Stage> stages,
      HeapSampler heap,
      String name,
      Supplier<T> job,
      Function<T, Long> rows,
      Function<T, Map<String, Double>> parts) {
    heap.reset();
    Instant t0 = Instant.now();
    T result = job.get();
    double seconds = RunRecord.secondsSince(t0);
    stages.add(
        new BenchResult.Stage(
            name,
            seconds,
            rows.apply(result),
            heap.peakBytes(),
            new LinkedHashMap<>(parts.apply(result))));
    return result;
  }

  /**
   * Reads the clean tickets (the table discover reads, in files Spark spreads over every core) and
   * tokenizes their text with the run's Nori settings, nothing else.
   */
  private BenchResult.LowerBound lowerBound(
      HeapSampler heap, String warehouse, HeadroomConfig config) {
    heap.reset();
    Instant t0 = Instant.now();
    Dataset<Row> text =
        spark.read().format("delta").load(Table.TICKETS.path(warehouse)).select("text", "language");
    NoriTokenizer tokenizer =
        new NoriTokenizer()
            .setInputCol("text")
            .setOutputCol("terms")
            .setLanguageCol("language")
            .setSettings(config.topics().tokenizer());
    Row totals = tokenizer.transform(text).agg(count(lit(1)), sum(size(col("terms")))).first();
    return new BenchResult.LowerBound(
        RunRecord.secondsSince(t0), totals.getLong(0), totals.getLong(1), heap.peakBytes());
  }

  /**
   * Writes each clean ticket's cause, fine topic, parent topic, text and terms (one line,
   * tab-separated; the terms space-separated, as discover's tokenizer gives them) for the baseline,
   * and scores the run's topics against the causes.
   */
  private BenchResult.Quality exportAndScore(
      String warehouse, String input, DiscoverResult discover, HeadroomConfig config, Path texts) {
    // A ticket exported twice has two truth rows; the copy's is left out, as ingest leaves it out.
    Dataset<Row> truth =
        spark
            .read()
            .parquet(input + "/truth/tickets")
            .filter(coalesce(col("dirty_kind"), lit("")).notEqual(lit("duplicate_id")))
            .select("ticket_id", "cause");
    Dataset<Row> topics =
        spark
            .read()
            .format("delta")
            .load(Table.TICKET_TOPICS.path(warehouse))
            .filter(col("run_id").equalTo(discover.runId()))
            .select("ticket_id", "topic_id", "parent_topic_id");
    Dataset<Row> joined =
        spark
            .read()
            .format("delta")
            .load(Table.TICKETS.path(warehouse))
            .select("ticket_id", "text", "language")
            .join(topics, "ticket_id")
            .join(truth, "ticket_id");
    // The terms discover clustered, so the baseline can also start where discover's fit does
    // (issue 20 compares the two "given the tokens"). A term holds no whitespace.
    joined =
        TopicModeler.of(config.topics())
            .languageColumn("language")
            .tokenizerStage()
            .transform(joined)
            .select(
                coalesce(col("cause"), lit("none")).as("cause"),
                col("topic_id").cast("string").as("topic"),
                col("parent_topic_id").cast("string").as("parent"),
                regexp_replace(col("text"), "[\\t\\r\\n]+", " ").as("text"),
                concat_ws(" ", col(TopicModeler.TERMS)).as("terms"));
    // Written for the baseline and counted for the NMI: joined once.
    joined.persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Map<String, Long>> fine = new TreeMap<>();
    Map<String, Map<String, Long>> parent = new TreeMap<>();
    long n = 0;
    try {
      joined
          .select(
              concat_ws("\t", col("cause"), col("topic"), col("parent"), col("text"), col("terms")))
          .coalesce(1)
          .write()
          .mode("overwrite")
          .text(texts.toString());
      for (Row r : joined.groupBy("topic", "parent", "cause").count().collectAsList()) {
        long count = r.getLong(3);
        fine.computeIfAbsent(r.getString(0), t -> new TreeMap<>())
            .merge(r.getString(2), count, Long::sum);
        parent
            .computeIfAbsent(r.getString(1), t -> new TreeMap<>())
            .merge(r.getString(2), count, Long::sum);
        n += count;
      }
    } finally {
      joined.unpersist();
    }
    return new BenchResult.Quality(
        discover.k(),
        discover.parents(),
        n,
        ClusterAgreement.nmi(fine),
        ClusterAgreement.nmi(parent),
        discover.vocabulary());
  }

  /** Bytes on disk of each table or folder under the warehouse. */
  private static Map<String, Long> outputBytes(Path warehouse) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    try (Stream<Path> children = Files.list(warehouse)) {
      for (Path child : children.sorted().toList()) {
        sizes.put(child.getFileName().toString(), bytesUnder(child));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + warehouse, e);
    }
    return sizes;
  }

  private static long bytesUnder(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(BenchJob::sizeOf).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure " + folder, e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure " + file, e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
