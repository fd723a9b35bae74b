package dev.headroom.backlog;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.GeneratedData;
import dev.headroom.RankedGeneratedData;
import dev.headroom.TestSpark;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.RecordedFix;
import dev.headroom.generate.Cause;
import dev.headroom.generate.CauseCatalog;
import dev.headroom.generate.SyntheticVoc;
import dev.headroom.stats.FixVerification;
import dev.headroom.stats.SpikeAttribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headroom method against the planted truth: generated data ranked with each ticket's planted
 * cause as its topic ({@link RankedGeneratedData}), so what is tested is the ranking, not topic
 * discovery (which DiscoverJobTest covers, and whose ranking it checks too).
 */
class RankGeneratedTest {

  private static final SparkSession spark = TestSpark.session();
  private static Path warehouse;
  private static RankResult result;
  private static Map<String, BacklogEntry> byCause;
  private static JsonNode truth;

  @BeforeAll
  static void rankThePlantedCauses() throws IOException {
    truth = new ObjectMapper().readTree(GeneratedData.folder().resolve("truth.json").toFile());
    warehouse = RankedGeneratedData.warehouse();
    result = RankedGeneratedData.result();
    byCause = new HashMap<>();
    for (BacklogEntry e : result.backlog()) {
      byCause.put(e.label(), e);
    }
  }

  @Test
  void largestPlantedHeadroomRanksFirst() {
    assertEquals(
        truth.get("largest_planted_headroom").asText(),
        result.backlog().get(0).label(),
        result.summary());
  }

  @Test
  void plantedOffenderIsTheTopSegmentOfItsCause() {
    for (Cause cause : CauseCatalog.CAUSES) {
      if (cause.offender() == null) {
        continue;
      }
      BacklogEntry entry = byCause.get(cause.id());
      assertTrue(!entry.topSegments().isEmpty(), cause.id() + " has no contributing segment");
      BacklogEntry.SegmentContribution top = entry.topSegments().get(0);
      assertEquals(
          cause.offender().dimension() + "=" + cause.offender().value(),
          top.dimension() + "=" + top.segment(),
          cause.id());
      assertTrue(top.contactRate() > 2 * top.benchmarkRate(), cause.id() + ": " + top);
    }
  }

  @Test
  void plantedSpikeIsFlaggedInItsWeekAndFlatCausesHaveNone() {
    SyntheticVoc generator = new SyntheticVoc(GeneratedData.PARAMS);
    for (Cause cause : CauseCatalog.CAUSES) {
      BacklogEntry entry = byCause.get(cause.id());
      if (cause.spike() != null) {
        String week = generator.weekStart(cause.spike().week()).toString();
        assertEquals(week, entry.spikeWeeks().get(0), cause.id() + " spikes " + entry.spikeWeeks());
      } else {
        assertEquals(List.of(), entry.spikeWeeks(), cause.id());
      }
    }
  }

  /**
   * The planted spike hits app orders only (an app release broke checkout): its week is put on
   * channel=app, and on nothing else that holds no more than its share of the orders.
   */
  @Test
  void plantedSpikeIsPutOnItsPlantedSegment() {
    SyntheticVoc generator = new SyntheticVoc(GeneratedData.PARAMS);
    for (Cause cause : CauseCatalog.CAUSES) {
      if (cause.spike() == null) {
        continue;
      }
      String week = generator.weekStart(cause.spike().week()).toString();
      List<SpikeAttribution.Driver> drivers =
          byCause.get(cause.id()).spikeDrivers().stream()
              .filter(d -> d.week().equals(week))
              .toList();
      assertTrue(!drivers.isEmpty(), cause.id() + ": no driver for " + week);
      SpikeAttribution.Driver first = drivers.get(0);
      assertEquals(
          cause.spike().dimension() + "=" + cause.spike().value(),
          first.dimension() + "=" + first.segment(),
          drivers.toString());
      assertTrue(first.excessShare() > 0.8, first.toString());
      assertEquals(1, drivers.size(), "only the planted segment drives it: " + drivers);
    }
  }

  /**
   * Late deliveries are planted with low scores (2.8 against 3.8): removing them would raise the
   * overall CSAT, so their impact is negative, and larger than any cause planted with neutral
   * scores. Tickets without a score are not counted as zero: every impact is finite.
   */
  @Test
  void causePlantedWithLowScoresHasTheLargestNegativeCsatImpact() {
    double delay = byCause.get("delivery_delay").satisfaction().csatImpact();
    assertTrue(delay < -0.05, "delivery_delay impact " + delay);
    for (BacklogEntry e : result.backlog()) {
      if (!e.label().equals("delivery_delay")) {
        Double impact = e.satisfaction().csatImpact();
        assertTrue(impact != null && Double.isFinite(impact), e.label());
        assertTrue(Math.abs(impact) < Math.abs(delay), e.label() + " impact " + impact);
      }
    }
    // The generated tickets carry no NPS column: no NPS, never a zero.
    assertTrue(result.backlog().stream().allMatch(e -> e.satisfaction().nps() == null));
  }

  /**
   * Late deliveries at S07 are fixed in the data from the third month (5x to the base rate, so 80%
   * of S07's contacts on later orders go): the recorded fix is verified, and the planted rate ratio
   * of 1/5 lies inside its interval. The coupon fix changed nothing: not significant.
   */
  @Test
  void thePlantedFixIsVerifiedAndTheNullFixIsNot() {
    Map<Integer, FixOutcome> byTopic = new HashMap<>();
    result.fixes().forEach(f -> byTopic.put(f.fix().topicId(), f));
    FixOutcome carrier = byTopic.get(RankedGeneratedData.topicOf("delivery_delay"));
    FixVerification.Verdict v = carrier.verdict();
    assertEquals(FixVerification.VERIFIED, v.status(), carrier.describe());
    assertTrue(
        v.low() <= 0.2 && 0.2 <= v.high(), "planted 0.2 in the interval: " + carrier.describe());
    assertTrue(v.avoidedPerMonth() > 0 && carrier.savingPerMonth() > 0, carrier.describe());
    assertTrue(carrier.describe().contains(": verified"), carrier.describe());
    // Its orders on each side of the day are S07's orders themselves, counted one by one here.
    ZoneId zone = ZoneId.of(GeneratedData.PARAMS.zone());
    List<LocalDate> days =
        table("orders")
            .filter(col(carrier.fix().scopeDimension()).equalTo(carrier.fix().scopeValue()))
            .select("ordered_at")
            .as(Encoders.TIMESTAMP())
            .collectAsList()
            .stream()
            .map(t -> t.toInstant().atZone(zone).toLocalDate())
            .toList();
    LocalDate shipped = carrier.fix().shippedOn();
    assertEquals(
        days.stream().filter(d -> d.isBefore(shipped)).count(),
        carrier.groups().treatedBefore().orders());
    assertEquals(
        days.stream().filter(d -> !d.isBefore(shipped)).count(),
        carrier.groups().treatedAfter().orders());
    // The notebook's check of the same line counts and judges as the rank run did (its saving
    // uses the latest backlog's cost per contact, which other tests' rank runs may have moved).
    FixOutcome again =
        FixCheck.check(spark, RankedGeneratedData.config(), warehouse.toString(), carrier.fix());
    assertEquals(carrier.groups(), again.groups());
    assertEquals(carrier.verdict(), again.verdict());
    FixOutcome coupon = byTopic.get(RankedGeneratedData.topicOf("coupon"));
    assertEquals(FixVerification.NOT_SIGNIFICANT, coupon.verdict().status(), coupon.describe());
    // Both are in the fixes table with the same verdicts.
    List<Row> rows =
        table("fixes")
            .filter(col("run_id").equalTo(result.runId()))
            .orderBy("topic_id")
            .collectAsList();
    assertEquals(2, rows.size());
    for (Row r : rows) {
      FixOutcome o = byTopic.get(r.getInt(r.fieldIndex("topic_id")));
      assertEquals(o.verdict().status(), r.getString(r.fieldIndex("status")));
      assertEquals(o.describe(), r.getString(r.fieldIndex("summary")));
    }
  }

  /**
   * A fix naming a topic rank does not have stops rank before it measures anything, naming the file
   * and line; so do a day outside the orders and a scope column that is not a segment (checked by
   * the same step, here without a rank run each).
   */
  @Test
  void aBadFixNamesItsFileAndLine(@TempDir Path dir) throws IOException {
    Path fixes =
        Files.writeString(
            dir.resolve("fixes.csv"),
            "# one bad line\n" + RecordedFix.HEADER + "\n99,2026-03-01,seller_id=S07,\n");
    HeadroomConfig config = RankedGeneratedData.configWith(Map.of("rank.fixes", fixes.toString()));
    InputException e =
        assertThrows(
            InputException.class,
            () -> RankJob.of(spark, config).outputRoot(warehouse.toString()).execute());
    assertTrue(
        e.getMessage().startsWith(fixes + ":3 names topic 99, which this rank run does not rank"),
        e.getMessage());
    int delay = RankedGeneratedData.topicOf("delivery_delay");
    Map<String, String> bad =
        Map.of(
            delay + ",2027-01-01,seller_id=S07,", "has shipped_on 2027-01-01, outside the data",
            delay + ",2026-01-01,seller_id=S07,", "has shipped_on 2026-01-01, outside the data",
            delay + ",2026-03-01,shop=S07,", "scopes the fix to 'shop', which is not a segment");
    for (var entry : bad.entrySet()) {
      List<RecordedFix> parsed =
          RecordedFix.parse("conf/fixes.csv", List.of(RecordedFix.HEADER, entry.getKey()));
      InputException checked =
          assertThrows(
              InputException.class,
              () ->
                  FixCohorts.check(
                      parsed,
                      java.util.Set.of(delay),
                      List.of("seller_id"),
                      java.time.LocalDate.of(2026, 1, 1),
                      java.time.LocalDate.of(2026, 3, 31),
                      "topic"));
      assertTrue(
          checked.getMessage().startsWith("conf/fixes.csv:2 " + entry.getValue()),
          checked.getMessage());
    }
  }

  /** A cause with no offender and no spike has excess near zero: only its repeats are reducible. */
  @Test
  void flatCausesHaveNearlyNoExcess() {
    for (Cause cause : CauseCatalog.CAUSES) {
      if (cause.offender() != null || cause.spike() != null) {
        continue;
      }
      BacklogEntry entry = byCause.get(cause.id());
      double excessShare = (entry.reducibleContacts() - entry.repeatContacts()) / entry.tickets();
      assertTrue(excessShare < 0.05, cause.id() + " excess share " + excessShare);
    }
  }

  /**
   * Nearly every planted follow-up is found as a repeat (not those whose first contact was a dirty
   * row), and few others are: the rule also counts a customer's second contact about another order,
   * or two unplanned contacts about one late order, which the generator does not mark as
   * follow-ups.
   */
  @Test
  void repeatsAreThePlantedFollowUps() {
    Dataset<Row> contacts =
        ContactTransforms.markRepeats(
                ContactTransforms.attribute(
                    table("tickets"),
                    table("ticket_topics"),
                    ContactTransforms.orderFacts(table("orders"), List.of("seller_id")),
                    List.of("seller_id"),
                    false),
                7)
            .join(RankedGeneratedData.plantedTruth(), "ticket_id");
    long planted = contacts.filter(col("is_repeat")).count();
    long plantedFound =
        contacts.filter(col("is_repeat").and(col(ContactTransforms.REPEAT))).count();
    long unplanted =
        contacts.filter(not(col("is_repeat")).and(col(ContactTransforms.REPEAT))).count();
    assertTrue(
        plantedFound >= 0.9 * planted, plantedFound + " of " + planted + " planted repeats found");
    // Expected unplanned ones: ~30k orders x sum of rate^2/2 (two draws on one order, ~30) plus
    // ~3,800 contacts x 2 other orders x ~1.5% x 7/90 days (~10); 61 are found of ~500 planted.
    assertTrue(unplanted < 0.15 * planted, unplanted + " repeats found that were not planted");
    long inBacklog = result.backlog().stream().mapToLong(BacklogEntry::repeatContacts).sum();
    assertEquals(contacts.filter(col(ContactTransforms.REPEAT)).count(), inBacklog);
  }

  private static Dataset<Row> table(String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }

  @Test
  void reducibleNeverExceedsVolume() {
    double total = 0;
    for (BacklogEntry e : result.backlog()) {
      assertTrue(e.reducibleContacts() <= e.tickets(), e.label());
      assertTrue(e.headroomShare() >= 0 && e.headroomShare() <= 1, e.label());
      total += e.reducibleContacts();
    }
    assertTrue(total <= result.tickets());
    RankJobTest.assertNoNaN(warehouse, result.runId());
  }
}
