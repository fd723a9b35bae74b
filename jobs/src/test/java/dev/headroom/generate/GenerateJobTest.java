package dev.headroom.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.GeneratedData;
import dev.headroom.ShippedConfig;
import dev.headroom.TestSpark;
import dev.headroom.text.TicketAnalyzer;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateJobTest {

  private final SparkSession spark = TestSpark.session();

  @Test
  void sameSeedSameData(@TempDir Path dir) {
    SyntheticVoc.Params params = GeneratedData.PARAMS;
    GenerateJob.of(spark, params).output(dir.toString()).execute();
    Path shared = GeneratedData.folder();
    for (String table : List.of("orders", "tickets", "truth/tickets")) {
      TestSpark.assertSameRows(
          spark.read().parquet(shared + "/" + table), spark.read().parquet(dir + "/" + table));
    }
  }

  @Test
  void anotherSeedGivesOtherTickets() {
    SyntheticVoc.Params p = GeneratedData.PARAMS;
    SyntheticVoc a = new SyntheticVoc(p);
    SyntheticVoc b =
        new SyntheticVoc(
            new SyntheticVoc.Params(
                p.seed() + 1,
                p.start(),
                p.months(),
                p.orders(),
                p.dirtyShare(),
                p.piiShare(),
                p.zone()));
    assertNotEquals(a.order(5), b.order(5));
    assertEquals(
        a.order(5), new SyntheticVoc(p).order(5), "an order is a pure function of seed and index");
  }

  @Test
  void truthFileMatchesTheData() throws Exception {
    Path folder = GeneratedData.folder();
    JsonNode truth = new ObjectMapper().readTree(folder.resolve("truth.json").toFile());
    Dataset<Row> perTicket = spark.read().parquet(folder + "/truth/tickets");
    Dataset<Row> tickets = spark.read().parquet(folder + "/tickets");
    assertEquals(tickets.count(), perTicket.count(), "one truth row per ticket row");

    Map<String, Long> dirty = new HashMap<>();
    truth
        .get("dirty_rows")
        .fields()
        .forEachRemaining(e -> dirty.put(e.getKey(), e.getValue().asLong()));
    assertEquals(
        java.util.Set.copyOf(SyntheticVoc.DIRTY_KINDS),
        dirty.keySet(),
        "every dirty kind is planted");
    long cleanTickets = perTicket.filter(col("dirty_kind").isNull()).count();
    assertEquals(truth.get("clean_tickets").asLong(), cleanTickets);

    long sumOfCauses = 0;
    for (JsonNode cause : truth.get("causes")) {
      long n =
          perTicket
              .filter(
                  col("dirty_kind").isNull().and(col("cause").equalTo(cause.get("id").asText())))
              .count();
      assertEquals(cause.get("tickets").asLong(), n, cause.get("id").asText());
      sumOfCauses += n;
    }
    assertEquals(cleanTickets, sumOfCauses);
    assertEquals("delivery_delay", truth.get("largest_planted_headroom").asText());
    assertEquals(
        new SyntheticVoc(GeneratedData.PARAMS).weekStart(9).toString(),
        truth.get("causes").get(5).get("spike").get("week_start").asText());
  }

  @Test
  void plantedOffenderAndSpikeAreInTheData() {
    Path folder = GeneratedData.folder();
    Dataset<Row> orders = spark.read().parquet(folder + "/orders");
    Dataset<Row> truth = spark.read().parquet(folder + "/truth/tickets");
    Dataset<Row> tickets =
        spark
            .read()
            .parquet(folder + "/tickets")
            .join(truth, "ticket_id")
            .filter(col("dirty_kind").isNull());
    // Delivery delays per order: seller S07 against everyone else, first contacts only, before
    // the planted fix (5x) and after it (the base rate).
    Dataset<Row> delays =
        tickets
            .filter(col("cause").equalTo("delivery_delay").and(col("is_repeat").equalTo(false)))
            .join(orders.select("order_id", "seller_id", "ordered_at"), "order_id");
    org.apache.spark.sql.Column fixed =
        col("ordered_at")
            .geq(lit(java.sql.Timestamp.valueOf(GeneratedData.FIX_DAY.atStartOfDay())));
    double s07Rate =
        rate(delays, orders, col("seller_id").equalTo("S07").and(fixed.equalTo(false)));
    double otherRate = rate(delays, orders, col("seller_id").notEqual("S07"));
    assertTrue(s07Rate > 3.5 * otherRate, "S07 " + s07Rate + " vs others " + otherRate);
    double s07Fixed = rate(delays, orders, col("seller_id").equalTo("S07").and(fixed));
    assertTrue(s07Fixed < 2 * otherRate, "S07 after the fix " + s07Fixed + " vs " + otherRate);

    // Payment errors in the spike week against the other weeks.
    Row weeks =
        tickets
            .filter(col("cause").equalTo("payment_error"))
            .agg(sum(when(col("in_spike"), 1).otherwise(0)).as("spike"), count(lit(1)).as("all"))
            .first();
    long spikeWeek = weeks.getLong(0);
    long all = weeks.getLong(1);
    double otherWeeksAverage = (all - spikeWeek) / 12.0; // three months hold about 13 weeks
    assertTrue(
        spikeWeek > 3 * otherWeeksAverage, "spike week " + spikeWeek + " vs " + otherWeeksAverage);
  }

  private static double rate(
      Dataset<Row> tickets, Dataset<Row> orders, org.apache.spark.sql.Column segment) {
    return (double) tickets.filter(segment).count() / orders.filter(segment).count();
  }

  @Test
  void textsAreVariedKoreanWithSomeEnglish() {
    SyntheticVoc generator =
        new SyntheticVoc(
            new SyntheticVoc.Params(3, YearMonth.of(2026, 1), 1, 5_000, 0, 0, "Asia/Seoul"));
    java.util.Set<String> bodies = new java.util.HashSet<>();
    int english = 0;
    int total = 0;
    for (long i = 0; i < 5_000; i++) {
      for (SyntheticVoc.Ticket t : generator.tickets(i)) {
        total++;
        bodies.add(t.body());
        english += t.language().equals("en") ? 1 : 0;
      }
    }
    assertTrue(bodies.size() > 0.8 * total, bodies.size() + " distinct of " + total);
    assertTrue(english > 0.02 * total && english < 0.15 * total, english + " English of " + total);
  }

  /**
   * The misspellings the generator plants are ones customers write, and the shipped dictionary
   * reads them as the words they misspell: the same terms, not a fragment (배숑 was 배, 환뷸 환) nor a
   * term of its own (언재, 결재). All but 교한, which Nori still reads as 교: in the user dictionary it
   * would also turn 비교한 ("compared") into 교환 (TicketAnalyzerTest).
   */
  @Test
  void theShippedDictionaryReadsThePlantedMisspellingsAsTheWordsMeant() {
    TicketAnalyzer shipped = TicketAnalyzer.forSettings(ShippedConfig.load().topics().tokenizer());
    int checked = 0;
    for (String[] typo : CauseCatalog.TYPOS) {
      if (typo[1].equals("교한")) {
        continue;
      }
      String right = "주문한 상품 " + typo[0] + " 알려주세요";
      String wrong = "주문한 상품 " + typo[1] + " 알려주세요";
      assertEquals(shipped.terms(right, null), shipped.terms(wrong, null), wrong);
      checked++;
    }
    assertEquals(CauseCatalog.TYPOS.size() - 1, checked, "misspellings checked");
  }
}
