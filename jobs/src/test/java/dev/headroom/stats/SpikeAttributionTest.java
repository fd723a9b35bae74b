package dev.headroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpikeAttributionTest {

  /** The week: 300 contacts on 10,000 orders against 400 on 80,000 (50 expected): 250 excess. */
  private static final SpikeAttribution.Counts TOTAL =
      new SpikeAttribution.Counts(300, 10_000, 400, 80_000);

  /**
   * App orders get ten times their baseline rate in the spike week; web and mobile web keep theirs.
   * App carries all the excess on 55% of the orders: named. By hand: app expects 5 per 1,000 x
   * 5,500 = 27.5 and has 275, so its excess is 247.5 of the 250 above baseline (web 2, mobile web
   * 0.5).
   */
  @Test
  void aSpikeOnOneChannelIsPutOnThatChannel() {
    Map<String, Map<String, SpikeAttribution.Counts>> segments =
        Map.of(
            "channel",
            Map.of(
                "app", new SpikeAttribution.Counts(275, 5_500, 220, 44_000),
                "web", new SpikeAttribution.Counts(17, 3_000, 120, 24_000),
                "mobile_web", new SpikeAttribution.Counts(8, 1_500, 60, 12_000)),
            "contact_channel",
            Map.of(
                "chat", new SpikeAttribution.Counts(150, 10_000, 200, 80_000),
                "phone", new SpikeAttribution.Counts(150, 10_000, 200, 80_000)));
    List<SpikeAttribution.Driver> drivers =
        SpikeAttribution.drivers("2026-03-09", TOTAL, segments, 0.01);
    assertEquals(1, drivers.size(), drivers.toString());
    SpikeAttribution.Driver app = drivers.get(0);
    assertEquals("channel=app", app.dimension() + "=" + app.segment());
    assertEquals(27.5, app.expected(), 1e-9);
    assertEquals(247.5 / (247.5 + 2 + 0.5), app.excessShare(), 1e-9);
    assertEquals("99% at channel=app", app.describe());
  }

  /** A spike on every order in proportion names nothing: each carries its share of the orders. */
  @Test
  void anEvenSpikeHasNoDriver() {
    Map<String, Map<String, SpikeAttribution.Counts>> segments =
        Map.of(
            "channel",
            Map.of(
                "app", new SpikeAttribution.Counts(165, 5_500, 220, 44_000),
                "web", new SpikeAttribution.Counts(90, 3_000, 120, 24_000),
                "mobile_web", new SpikeAttribution.Counts(45, 1_500, 60, 12_000)));
    assertEquals(List.of(), SpikeAttribution.drivers("2026-03-09", TOTAL, segments, 0.01));
  }

  /**
   * A week whose excess is mostly contacts without an order (an app crash needs none): the few with
   * an order cannot put the spike on a seller, however their own excess splits.
   */
  @Test
  void aDimensionThatSeesLittleOfTheExcessNamesNothing() {
    Map<String, Map<String, SpikeAttribution.Counts>> segments =
        Map.of(
            "seller_id",
            Map.of(
                "S01", new SpikeAttribution.Counts(14, 5_000, 40, 40_000),
                "S02", new SpikeAttribution.Counts(5, 5_000, 40, 40_000)));
    assertEquals(List.of(), SpikeAttribution.drivers("2026-06-01", TOTAL, segments, 0.01));
  }

  /** A segment with no orders in the baseline is expected at the dimension's rate, not at zero. */
  @Test
  void aNewSegmentIsExpectedAtTheDimensionsRate() {
    Map<String, Map<String, SpikeAttribution.Counts>> segments =
        Map.of(
            "seller_id",
            Map.of(
                "S01", new SpikeAttribution.Counts(10, 2_000, 40, 8_000),
                "S99", new SpikeAttribution.Counts(60, 2_000, 0, 0)));
    List<SpikeAttribution.Driver> drivers =
        SpikeAttribution.drivers(
            "2026-03-09", new SpikeAttribution.Counts(70, 4_000, 40, 8_000), segments, 0.01);
    assertEquals(1, drivers.size());
    assertEquals(10.0, drivers.get(0).expected(), 1e-9);
    assertTrue(drivers.get(0).excessShare() > 0.99);
  }
}
