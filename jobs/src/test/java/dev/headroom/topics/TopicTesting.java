package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;

import dev.headroom.ShippedConfig;
import dev.headroom.TestSpark;
import dev.headroom.text.TokenizerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Helpers for topic tests: the shipped analysis settings and agreement with labels. */
public final class TopicTesting {

  private TopicTesting() {}

  /** The tokenizer settings from conf/ (user dictionary and stopwords). */
  static TokenizerSettings shippedTokenizer() {
    return ShippedConfig.load().topics().tokenizer();
  }

  /** Contingency table of two string columns, collected (small: topics x labels). */
  public static Map<String, Map<String, Long>> contingency(Dataset<Row> rows, String a, String b) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (Row r :
        rows.groupBy(col(a).cast("string"), col(b).cast("string")).count().collectAsList()) {
      counts
          .computeIfAbsent(String.valueOf(r.get(0)), k -> new TreeMap<>())
          .put(String.valueOf(r.get(1)), r.getLong(2));
    }
    return counts;
  }

  /** Tickets as discover reads them, from rows of ticket id, text, language and agent tag. */
  static Dataset<Row> taggedTickets(List<Row> rows) {
    return TestSpark.session()
        .createDataFrame(
            rows,
            new StructType()
                .add("ticket_id", DataTypes.StringType)
                .add("text", DataTypes.StringType)
                .add("language", DataTypes.StringType)
                .add("agent_tag", DataTypes.StringType));
  }

  /** The shared real data folder beside the project, or null when it is not there. */
  static Path sharedData() {
    Path data = TestSpark.projectRoot().resolve("../shared/data").normalize();
    return Files.isDirectory(data) ? data : null;
  }
}
