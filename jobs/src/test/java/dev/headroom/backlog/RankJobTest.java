package dev.headroom.backlog;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rank} on hand-built tables: every figure of a backlog row as computed by hand. */
class RankJobTest {

  private static final SparkSession spark = TestSpark.session();

  @AfterEach
  void rankLeavesNothingCached() {
    assertTrue(
        spark.sharedState().cacheManager().isEmpty(), "datasets rank persisted are still cached");
  }

  /**
   * Four sellers of 1,000 orders; topic 1 (parent 100) has 10, 12, 8 and 50 first contacts on them,
   * six repeats on seller D, and one contact on an unknown order. Topic 2 (parent 200) has one
   * contact; two contacts are unclassified. The figures are those of docs/headroom.md's worked
   * example.
   */
  @Test
  void backlogRowMatchesTheHandComputation(@TempDir Path root) {
    TinyWarehouse w = new TinyWarehouse();
    Map<String, List<String>> orders = new HashMap<>();
    for (String seller : List.of("A", "B", "C", "D")) {
      orders.put(seller, w.orders(seller, 1000, "2026-01-05 10:00:00"));
    }
    Map<String, Integer> first = Map.of("A", 10, "B", 12, "C", 8, "D", 50);
    for (var e : first.entrySet()) {
      for (int i = 0; i < e.getValue(); i++) {
        String order = orders.get(e.getKey()).get(i);
        Double csat = e.getKey().equals("A") && i < 4 ? 5.0 : null;
        w.ticket(
            "T-" + order, "2026-01-06 10:00:00", 1, "cust-" + order, order, "chat", 300.0, csat);
      }
    }
    for (int i = 0; i < 6; i++) {
      // The same customer about the same order two days later, by phone, without a handle time.
      String order = orders.get("D").get(i);
      w.ticket("R-" + order, "2026-01-08 10:00:00", 1, "cust-" + order, order, "phone", null, 1.0);
    }
    w.ticket("U-1", "2026-01-06 11:00:00", 1, "cust-u1", "NOT-AN-ORDER", "chat", 300.0, null);
    // Topic 2: the customer of A's first contact wrote a day earlier about something else; that
    // does not make the later topic-1 contact a repeat.
    String a0 = orders.get("A").get(0);
    w.ticket("S-1", "2026-01-05 12:00:00", 2, "cust-" + a0, a0, "chat", 300.0, null);
    w.ticket("X-1", "2026-01-06 12:00:00", 0, "cust-x1", null, "chat", 300.0, null);
    w.ticket("X-2", "2026-01-06 13:00:00", 0, "cust-x2", null, "chat", 300.0, null);
    w.topic(100, "delivery");
    w.topic(200, "coupons");
    w.write(root);

    RankResult result =
        RankJob.of(spark, config(Map.of("rank.effort.100", "10")))
            .outputRoot(root.toString())
            .execute();

    // By hand (docs/headroom.md, "A worked example").
    double heterogeneity = (100 + 64 + 144 + 900 - 80) / 1600.0;
    double prior = 1 / heterogeneity;
    double benchmarkRatio = (8 + prior) / (20 + prior);
    double excess = 50 - benchmarkRatio * 20;
    double reducible = 6 + excess;
    double costPerContact = 81.0 / 87 * 5 * 100 + 6.0 / 87 * 10 * 150;
    double saving = reducible * costPerContact;

    assertEquals(2, result.backlog().size());
    assertEquals(90, result.tickets());
    assertEquals(2, result.unclassified());
    assertEquals(4000, result.orders());
    BacklogEntry top = result.backlog().get(0);
    assertEquals(1, top.rank());
    assertEquals(100, top.topicId());
    assertEquals(87, top.tickets());
    assertEquals(87.0 / 90, top.share(), 1e-12);
    assertEquals(21.75, top.contactRate(), 1e-12);
    assertEquals(6, top.repeatContacts());
    assertEquals(excess, top.segmentExcess(), 1e-9);
    assertEquals(41.21, excess, 0.01);
    assertEquals(0.0, top.periodExcess(), 1e-9, "one week: nothing to compare over time");
    assertEquals("seller_id", top.excessSource());
    assertEquals(reducible, top.reducibleContacts(), 1e-9);
    assertEquals(reducible / 87, top.headroomShare(), 1e-12);
    assertEquals(costPerContact, top.costPerContact(), 1e-9);
    assertEquals(saving, top.monthlySaving(), 1e-6);
    assertEquals(10.0, top.effort());
    assertEquals(saving / 10, top.roi(), 1e-6);
    assertEquals(1000 * benchmarkRatio * 80 / 4000, top.benchmarkRates().get("seller_id"), 1e-9);
    assertEquals(1, top.topSegments().size(), "only D is significantly above the benchmark");
    BacklogEntry.SegmentContribution d = top.topSegments().get(0);
    assertEquals("D", d.segment());
    assertEquals(50, d.tickets());
    assertEquals(1000, d.orders());
    assertEquals(50.0, d.contactRate(), 1e-12);
    assertEquals(benchmarkRatio * 20, d.benchmarkRate(), 1e-9);
    assertEquals(excess, d.excess(), 1e-9);
    assertEquals((6 * 1.0 + 4 * 5.0) / 10, top.csat(), 1e-12);
    assertEquals(10, top.csatResponses());
    assertEquals("tag>1", top.dominantTag());
    assertEquals(1, top.unattributedContacts());
    assertEquals("n/a", top.trend(), "one month has no trend");
    assertEquals(List.of(), top.spikeWeeks());
    assertEquals(List.of(1), top.subtopics().stream().map(BacklogEntry.Subtopic::topicId).toList());
    assertEquals("delivery", top.label());

    BacklogEntry second = result.backlog().get(1);
    assertEquals(200, second.topicId());
    assertEquals(0, second.repeatContacts(), "a contact on another topic is no repeat");
    assertEquals(0.0, second.reducibleContacts());

    Dataset<Row> backlog = table(root, "backlog").filter(col("run_id").equalTo(result.runId()));
    Row stored = backlog.filter(col("rank").equalTo(1)).first();
    assertEquals(reducible, stored.getDouble(stored.fieldIndex("reducible_contacts")), 1e-9);
    assertEquals("D", stored.<Row>getList(stored.fieldIndex("top_segments")).get(0).getString(1));
    Row segmentD = sellerRow(root, "window", "D");
    assertEquals(56, segmentD.getLong(segmentD.fieldIndex("tickets")));
    assertEquals(50, segmentD.getLong(segmentD.fieldIndex("first_contacts")));
    assertEquals(excess, segmentD.getDouble(segmentD.fieldIndex("excess")), 1e-9);
    // The month's row counts every order of D, though all of them share one day.
    Row monthD = sellerRow(root, "month", "D");
    assertEquals(1000, monthD.getLong(monthD.fieldIndex("orders")));
    assertEquals(56.0, monthD.getDouble(monthD.fieldIndex("contact_rate")), 1e-9);
  }

  /** Topic 100's {@code topic_metrics} row for one seller over one kind of period. */
  private static Row sellerRow(Path root, String periodType, String seller) {
    return table(root, "topic_metrics")
        .filter(col("topic_id").equalTo(100).and(col("dimension").equalTo("seller_id")))
        .filter(col("period_type").equalTo(periodType).and(col("segment").equalTo(seller)))
        .first();
  }

  /**
   * Edge cases: a seller whose only order predates the window (zero orders in it), a topic with one
   * contact, contacts on unknown or missing orders, and a month without orders.
   */
  @Test
  void edgeCasesGiveClearFiguresAndNeverNaN(@TempDir Path root) {
    TinyWarehouse w = new TinyWarehouse();
    List<String> a = w.orders("A", 500, "2026-01-05 10:00:00");
    w.orders("B", 500, "2026-01-12 10:00:00");
    List<String> old = w.orders("E", 1, "2025-12-20 10:00:00");
    for (int i = 0; i < 5; i++) {
      w.ticket("A-" + i, "2026-01-07 10:00:00", 1, "ca" + i, a.get(i), "chat", 240.0, null);
    }
    w.ticket("E-0", "2026-01-03 10:00:00", 1, "ce", old.get(0), "chat", 240.0, null);
    w.ticket("F-0", "2026-02-03 10:00:00", 1, "cf0", "UNKNOWN-0", "email", null, null);
    w.ticket("F-1", "2026-02-04 10:00:00", 1, "cf0", "UNKNOWN-0", "email", null, null);
    w.ticket("F-2", "2026-02-05 10:00:00", 1, null, null, "board", null, null);
    w.ticket("ONE", "2026-01-08 10:00:00", 2, "c1", a.get(7), "chat", 240.0, 4.0);
    w.topic(100, "delivery");
    w.write(root);

    RankResult both =
        RankJob.of(spark, config(Map.of()))
            .outputRoot(root.toString())
            .window(YearMonth.of(2026, 1), YearMonth.of(2026, 2))
            .execute();
    assertNoNaN(root, both.runId());
    BacklogEntry delivery = both.backlog().get(0);
    assertEquals(9, delivery.tickets());
    assertEquals(1, delivery.repeatContacts(), "F-1 repeats F-0's order two days later");
    assertEquals(3, delivery.unattributedContacts());
    assertTrue(delivery.reducibleContacts() <= delivery.tickets());
    assertEquals(
        "topic 200",
        both.backlog().get(1).label(),
        "a topic discover did not describe still ranks");
    Row sellerE =
        table(root, "topic_metrics")
            .filter(col("run_id").equalTo(both.runId()).and(col("period_type").equalTo("month")))
            .filter(col("dimension").equalTo("seller_id").and(col("segment").equalTo("E")))
            .first();
    assertEquals(0, sellerE.getLong(sellerE.fieldIndex("orders")));
    assertTrue(
        sellerE.isNullAt(sellerE.fieldIndex("contact_rate")), "no orders: no rate, not infinity");

    RankResult noOrders =
        RankJob.of(spark, config(Map.of()))
            .outputRoot(root.toString())
            .window(YearMonth.of(2026, 2), YearMonth.of(2026, 2))
            .execute();
    assertNoNaN(root, noOrders.runId());
    assertEquals(0, noOrders.orders());
    BacklogEntry february = noOrders.backlog().get(0);
    assertNull(february.contactRate());
    assertEquals(
        1.0, february.reducibleContacts(), 1e-12, "without orders only the repeat is reducible");

    assertEquals(
        2,
        table(root, "backlog").select("run_id").distinct().count(),
        "each run's backlog is kept");

    InputException empty =
        assertThrows(
            InputException.class,
            () ->
                RankJob.of(spark, config(Map.of()))
                    .outputRoot(root.toString())
                    .window(YearMonth.of(2026, 3), YearMonth.of(2026, 3))
                    .execute());
    assertTrue(empty.getMessage().contains("No tickets with topics"), empty.getMessage());
  }

  /**
   * Ten weeks of 100 orders and 10 contacts a day, from Monday 5 January to Sunday 15 March, except
   * that the orders end on Wednesday 11 March (an export cut a few days before the tickets'). The
   * last week's 70 contacts over 300 orders and March's 150 over 1,100 would read as a spike and a
   * rise; both are partial and neither is judged.
   */
  @Test
  void contactsPastTheLastOrderMakeNoSpikeAndNoTrend(@TempDir Path root) {
    TinyWarehouse w = new TinyWarehouse();
    LocalDate lastOrder = LocalDate.of(2026, 3, 11);
    for (LocalDate day = LocalDate.of(2026, 1, 5);
        !day.isAfter(LocalDate.of(2026, 3, 15));
        day = day.plusDays(1)) {
      String at = day + " 10:00:00";
      List<String> orders = day.isAfter(lastOrder) ? List.of() : w.orders("A", 100, at);
      for (int i = 0; i < 10; i++) {
        String order = orders.isEmpty() ? null : orders.get(i);
        w.ticket("T-" + day + "-" + i, at, 1, "c-" + day + "-" + i, order, "chat", 240.0, null);
      }
    }
    w.topic(100, "delivery");
    w.write(root);

    RankResult result = RankJob.of(spark, config(Map.of())).outputRoot(root.toString()).execute();

    BacklogEntry delivery = result.backlog().get(0);
    assertEquals(List.of(), delivery.spikeWeeks(), "no spike in the week the orders end");
    assertEquals("flat", delivery.trend(), "February against January; March is partial");
    assertEquals(0.0, delivery.periodExcess(), 1e-9, "no benchmark week to be above");
    assertEquals(List.of("2026-03-09"), result.partial().weeks());
    assertEquals(List.of("2026-03"), result.partial().months());
    assertEquals(lastOrder, result.partial().lastOrder());
    assertTrue(result.headline().contains("partial (not judged) weeks 2026-03-09"));

    Dataset<Row> weeks =
        table(root, "topic_metrics")
            .filter(col("run_id").equalTo(result.runId()).and(col("topic_id").equalTo(100)))
            .filter(col("period_type").equalTo("week").and(col("dimension").equalTo("all")));
    assertEquals(10, weeks.count());
    Row last = weeks.filter(col("period").equalTo("2026-03-09")).first();
    assertTrue(last.getBoolean(last.fieldIndex("partial")));
    assertFalse(last.getBoolean(last.fieldIndex("spike")));
    assertEquals(
        1000.0 * 70 / 300, last.getDouble(last.fieldIndex("contact_rate")), 1e-9, "still shown");
    assertEquals(9, weeks.filter(col("partial").equalTo(false)).count());
    Row march =
        table(root, "topic_metrics")
            .filter(col("run_id").equalTo(result.runId()).and(col("period_type").equalTo("month")))
            .filter(col("period").equalTo("2026-03").and(col("segment").equalTo("A")))
            .first();
    assertTrue(march.getBoolean(march.fieldIndex("partial")), "segment rows are marked too");
  }

  @Test
  void missingTablesAndSegmentColumnsAreNamed(@TempDir Path root) {
    InputException noTables =
        assertThrows(
            InputException.class,
            () -> RankJob.of(spark, config(Map.of())).outputRoot(root.toString()).execute());
    assertTrue(noTables.getMessage().contains("tickets"), noTables.getMessage());
    TinyWarehouse w = new TinyWarehouse();
    w.orders("A", 1, "2026-01-05 10:00:00");
    w.ticket("T", "2026-01-06 10:00:00", 1, "c", null, "chat", null, null);
    w.write(root);
    InputException noColumn =
        assertThrows(
            InputException.class,
            () ->
                RankJob.of(spark, config(Map.of("orders.segments", "seller_id,warehouse_id")))
                    .outputRoot(root.toString())
                    .execute());
    assertTrue(noColumn.getMessage().contains("warehouse_id"), noColumn.getMessage());
  }

  static void assertNoNaN(Path root, String runId) {
    for (String name : List.of("backlog", "topic_metrics")) {
      Dataset<String> json = table(root, name).filter(col("run_id").equalTo(runId)).toJSON();
      long bad =
          json.filter(
                  (org.apache.spark.api.java.function.FilterFunction<String>)
                      s -> s.contains("NaN") || s.contains("Infinity"))
              .count();
      assertEquals(0, bad, name + " has NaN or infinity");
      assertTrue(json.count() > 0, name + " has rows for the run");
    }
  }

  private static HeadroomConfig config(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>();
    values.put("time-zone", ZoneId.systemDefault().getId());
    values.put("orders.segments", "seller_id");
    values.put("rank.cost-per-minute", "100");
    values.put("rank.cost-per-minute.phone", "150");
    values.put("rank.handle-minutes.phone", "10");
    values.putAll(extra);
    return HeadroomConfig.fromMap(values, "test");
  }

  static Dataset<Row> table(Path root, String name) {
    return spark.read().format("delta").load(root.resolve(name).toString());
  }
}
