package dev.headroom;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.headroom.backlog.RankJob;
import dev.headroom.backlog.RankResult;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.generate.Cause;
import dev.headroom.generate.CauseCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@link GeneratedData} ingested ({@link IngestedGeneratedData}, copied) and ranked with each
 * ticket's planted cause as its topic, shared by the tests of one JVM: what they test is the
 * ranking and what is made of it, not discovery.
 */
public final class RankedGeneratedData {

  private static Path warehouse;
  private static HeadroomConfig config;
  private static Map<String, String> configValues;
  private static RankResult result;

  private RankedGeneratedData() {}

  /** The warehouse, ingested and ranked on first use. */
  public static synchronized Path warehouse() {
    if (warehouse == null) {
      try {
        Path dir = Files.createTempDirectory("headroom-ranked");
        Path data = GeneratedData.folder();
        Map<String, String> values = new HashMap<>(IngestedGeneratedData.configValues());
        values.put("time-zone", GeneratedData.PARAMS.zone());
        values.put("rank.level", "topic");
        values.put("rank.fixes", writeFixes(dir).toString());
        configValues = Map.copyOf(values);
        config = HeadroomConfig.fromMap(values, "test");
        SparkSession spark = TestSpark.session();
        IngestedGeneratedData.copyTo(dir);
        writeTruthAsTopics(spark, dir, data);
        result = RankJob.of(spark, config).outputRoot(dir.toString()).execute();
        warehouse = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return warehouse;
  }

  /** The topic id each planted cause gets here (its place in the catalogue, from 1). */
  public static int topicOf(String cause) {
    List<String> ids = CauseCatalog.all().stream().map(Cause::id).toList();
    return ids.indexOf(cause) + 1;
  }

  /**
   * The fixes file: the planted fix (late deliveries at S07 from {@link GeneratedData#FIX_DAY}),
   * and one that changed nothing (coupons at S01 from mid-February).
   */
  private static Path writeFixes(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("fixes.csv"),
        "# the planted fix, and one that changed nothing\n"
            + "topic_id,shipped_on,scope,note\n"
            + topicOf("delivery_delay")
            + ","
            + GeneratedData.FIX_DAY
            + ",seller_id=S07,next-day carrier for S07\n"
            + topicOf("coupon")
            + ",2026-02-15,seller_id=S01,coupon page copy, reworded\n");
  }

  /** The configuration the warehouse was made with. */
  public static HeadroomConfig config() {
    warehouse();
    return config;
  }

  /** The same configuration with some keys set otherwise. */
  public static HeadroomConfig configWith(Map<String, String> overrides) {
    warehouse();
    Map<String, String> values = new HashMap<>(configValues);
    values.putAll(overrides);
    return HeadroomConfig.fromMap(values, "test");
  }

  /** The rank run over the whole generated window. */
  public static RankResult result() {
    warehouse();
    return result;
  }

  /** The per-ticket truth, one row per ticket (an exported duplicate shares its original's id). */
  public static Dataset<Row> plantedTruth() {
    return TestSpark.session()
        .read()
        .parquet(GeneratedData.folder().resolve("truth/tickets").toString())
        .dropDuplicates("ticket_id");
  }

  /** ticket_topics and topics as if discover had found exactly the planted causes. */
  private static void writeTruthAsTopics(SparkSession spark, Path dir, Path data) {
    List<Cause> causes = CauseCatalog.all();
    Column topicId = lit(0);
    for (int i = causes.size() - 1; i >= 0; i--) {
      topicId = when(col("cause").equalTo(causes.get(i).id()), lit(i + 1)).otherwise(topicId);
    }
    Dataset<Row> clean = spark.read().format("delta").load(dir.resolve("tickets").toString());
    Dataset<Row> labelled = clean.join(plantedTruth().select("ticket_id", "cause"), "ticket_id");
    labelled
        .select(
            col("ticket_id"),
            col("month"),
            topicId.as("topic_id"),
            topicId.as("parent_topic_id"),
            lit(1.0).as("similarity"),
            lit(false).as("emerging"),
            lit("truth").as("run_id"))
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(dir.resolve("ticket_topics").toString());
    // Each cause described as discover would: its id as label, its agent tag's words as terms,
    // three of its (masked) tickets as exemplars.
    Map<String, List<Row>> exemplars = new HashMap<>();
    for (Row r :
        labelled
            .withColumn(
                "n",
                org.apache
                    .spark
                    .sql
                    .functions
                    .row_number()
                    .over(
                        org.apache.spark.sql.expressions.Window.partitionBy("cause")
                            .orderBy("ticket_id")))
            .filter(col("n").leq(3))
            .select("cause", "ticket_id", "text")
            .collectAsList()) {
      exemplars
          .computeIfAbsent(r.getString(0), c -> new ArrayList<>())
          .add(RowFactory.create(r.getString(1), r.getString(2)));
    }
    List<Row> topics = new ArrayList<>();
    for (int i = 0; i < causes.size(); i++) {
      Cause cause = causes.get(i);
      topics.add(
          RowFactory.create(
              "truth",
              i + 1,
              2,
              cause.id(),
              scala.collection.JavaConverters.asScalaBuffer(List.of(cause.agentTag().split(">")))
                  .toSeq(),
              scala.collection.JavaConverters.asScalaBuffer(
                      exemplars.getOrDefault(cause.id(), List.of()))
                  .toSeq(),
              Timestamp.from(Instant.now())));
    }
    StructType schema =
        new StructType()
            .add("run_id", DataTypes.StringType)
            .add("topic_id", DataTypes.IntegerType)
            .add("level", DataTypes.IntegerType)
            .add("label", DataTypes.StringType)
            .add("label_terms", DataTypes.createArrayType(DataTypes.StringType))
            .add(
                "exemplars",
                DataTypes.createArrayType(
                    new StructType()
                        .add("ticket_id", DataTypes.StringType)
                        .add("text", DataTypes.StringType)))
            .add("created_at", DataTypes.TimestampType);
    spark
        .createDataFrame(topics, schema)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(dir.resolve("topics").toString());
  }
}
