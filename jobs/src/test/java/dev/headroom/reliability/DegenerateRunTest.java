package dev.headroom.reliability;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.CommandRun;
import dev.headroom.TestSpark;
import dev.headroom.common.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on inputs at the edges: tickets whose orders are unknown, a segment with
 * contacts but no orders in the window, text that is only personal data or only emoji, more topics
 * asked for than there are tickets, and a single ticket. Each run ends normally and no output holds
 * NaN or an infinity.
 */
class DegenerateRunTest {

  private static final String TICKETS_HEADER =
      "ticket_id,created_at,title,body,channel,customer_id,order_id\n";
  private static final String ORDERS_HEADER =
      "order_id,ordered_at,customer_id,seller_id,product_category,channel,amount\n";

  private final SparkSession spark = TestSpark.session();

  @Test
  void edgeCasesRunThroughEveryStageWithoutNaN(@TempDir Path dir) throws Exception {
    StringBuilder orders = new StringBuilder(ORDERS_HEADER);
    StringBuilder tickets = new StringBuilder(TICKETS_HEADER);
    String[] causes = {"배송이 아직 안 와요 택배 언제 오나요", "사이즈가 커서 교환 신청합니다", "결제 오류가 떠서 카드 결제가 안 돼요"};
    int n = 0;
    for (String month : List.of("2026-01", "2026-02")) {
      for (int i = 0; i < 40; i++) {
        String seller = i % 2 == 0 ? "S1" : "S2";
        orders.append(
            String.format(
                "O%s-%d,%s-10 12:00:00,C%d,%s,패션,app,10000%n", month, i, month, i, seller));
      }
      for (int i = 0; i < 12; i++, n++) {
        tickets.append(
            String.format(
                "T%d,%s-15 09:00:00,,%s %d번째,chat,C%d,O%s-%d%n",
                n, month, causes[i % 3], i, i, month, i));
      }
    }
    // Seller S_OLD only sold in January; its customers write in February: contacts, no orders.
    for (int i = 0; i < 5; i++) {
      orders.append(String.format("OLD-%d,2026-01-03 12:00:00,D%d,S_OLD,식품,web,5000%n", i, i));
      tickets.append(
          String.format("OLD-T%d,2026-02-20 09:00:00,,%s,chat,D%d,OLD-%d%n", i, causes[0], i, i));
    }
    tickets.append(
        "PII_ONLY,2026-02-21 09:00:00,,010-1234-5678 hong.gildong@example.com,email,E1,\n");
    tickets.append("EMOJI_ONLY,2026-02-21 09:00:00,,😡😡😡 🙏🙏,chat,E2,\n");
    tickets.append("NO_SUCH_ORDER,2026-02-22 09:00:00,,결제 오류가 떠요,chat,E3,O-9999\n");
    Path input = write(dir, tickets, orders);
    Path warehouse = dir.resolve("warehouse");

    for (CommandRun run :
        List.of(
            job(warehouse, input, "run", "--set", "topics.k=50"),
            // February alone: S_OLD has contacts in it but its orders are all in January.
            job(warehouse, input, "rank", "--from", "2026-02", "--to", "2026-02"),
            job(warehouse, input, "report"))) {
      assertEquals(0, run.exitCode(), run.err());
    }

    Dataset<Row> placed = table(warehouse, Table.TICKET_TOPICS.tableName());
    long clean = table(warehouse, "tickets").count();
    assertEquals(clean, placed.count(), "one topic row per ticket");
    assertEquals(clean, placed.select("ticket_id").distinct().count());
    for (String id : List.of("PII_ONLY", "EMOJI_ONLY")) {
      assertEquals(
          (Integer) Table.Topics.UNCLASSIFIED_ID,
          placed.filter(col("ticket_id").equalTo(id)).first().<Integer>getAs("topic_id"),
          id + " has no terms to place it by");
    }
    long topics = table(warehouse, "topics").filter(col("level").equalTo(2)).count();
    assertTrue(topics >= 2 && topics <= causes.length * 12, "fine topics: " + topics);

    // S_OLD's February contacts are counted, with no rate: there is nothing to divide by.
    Dataset<Row> runs =
        table(warehouse, "runs")
            .filter(col("job").equalTo("rank"))
            .orderBy(col("finished_at").desc());
    String february = runs.first().getAs("run_id");
    List<Row> oldSeller =
        table(warehouse, "topic_metrics")
            .filter(col("run_id").equalTo(february).and(col("segment").equalTo("S_OLD")))
            .collectAsList();
    assertTrue(
        oldSeller.stream().mapToLong(r -> r.<Long>getAs("tickets")).sum() == 5,
        oldSeller.toString());
    for (Row r : oldSeller) {
      assertEquals((Long) 0L, r.<Long>getAs("orders"), r.toString());
      Object rate = r.getAs("contact_rate");
      assertNull(rate, "no rate without orders: " + r);
    }

    assertScanClean(warehouse);
  }

  @Test
  void oneTicketRunsThroughEveryStage(@TempDir Path dir) throws Exception {
    Path input =
        write(
            dir,
            new StringBuilder(TICKETS_HEADER)
                .append("T1,2026-03-02 10:00:00,,배송이 아직 안 와요,chat,C1,O1\n"),
            new StringBuilder(ORDERS_HEADER).append("O1,2026-03-01 10:00:00,C1,S1,패션,app,10000\n"));
    Path warehouse = dir.resolve("warehouse");
    CommandRun run = job(warehouse, input, "run");
    assertEquals(0, run.exitCode(), run.err());
    Dataset<Row> backlog = table(warehouse, "backlog");
    assertEquals(1, backlog.count(), "one cause, one backlog row");
    assertEquals((Long) 1L, backlog.first().<Long>getAs("tickets"));
    assertScanClean(warehouse);
  }

  private void assertScanClean(Path warehouse) {
    OutputScan outputs = new OutputScan(spark, warehouse);
    assertTrue(
        outputs
            .deltaTables()
            .keySet()
            .containsAll(List.of("backlog", "topic_metrics", "topics", "runs")),
        outputs.deltaTables().keySet().toString());
    assertEquals(Map.of(), outputs.rowsWithNonFiniteNumbers(), "no NaN or infinity in any table");
    assertTrue(Files.isRegularFile(warehouse.resolve("report/report.html")));
  }

  private Dataset<Row> table(Path warehouse, String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }

  private static Path write(Path dir, CharSequence tickets, CharSequence orders) throws Exception {
    Path input = dir.resolve("input");
    Files.createDirectories(input);
    Files.writeString(input.resolve("tickets.csv"), tickets);
    Files.writeString(input.resolve("orders.csv"), orders);
    return input;
  }

  /** One job from the command line on the inputs in {@code input}, as a user would start it. */
  private static CommandRun job(Path warehouse, Path input, String job, String... more) {
    return CommandRun.on(
        job, warehouse, input.resolve("tickets.csv"), input.resolve("orders.csv"), more);
  }
}
