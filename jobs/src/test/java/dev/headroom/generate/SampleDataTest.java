package dev.headroom.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.TestSpark;
import java.nio.file.Path;
import java.time.YearMonth;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample is what data-samples/README.md says: remade exactly by its command. */
class SampleDataTest {

  private final SparkSession spark = TestSpark.session();
  private final Path samples = TestSpark.projectRoot().resolve("data-samples");

  @Test
  void theDocumentedCommandRemakesTheCommittedSample(@TempDir Path dir) throws Exception {
    JsonNode truth = new ObjectMapper().readTree(samples.resolve("truth.json").toFile());
    // ./headroom generate --out data-samples --tickets 20000 --seed 42
    long orders = Math.round(20000 / GenerateJob.TICKETS_PER_ORDER);
    assertEquals(truth.get("orders").asLong(), orders);
    SyntheticVoc.Params params =
        new SyntheticVoc.Params(42, YearMonth.of(2026, 1), 6, orders, 0.006, 0.08, "Asia/Seoul");
    GenerateJob.of(spark, params).output(dir.toString()).execute();
    for (String table : new String[] {"orders", "tickets", "truth/tickets"}) {
      TestSpark.assertSameRows(
          spark.read().parquet(samples.resolve(table).toString()),
          spark.read().parquet(dir.resolve(table).toString()));
    }
    assertEquals(truth, new ObjectMapper().readTree(dir.resolve("truth.json").toFile()));
  }
}
