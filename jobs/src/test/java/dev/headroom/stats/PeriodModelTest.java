package dev.headroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeriodModelTest {

  private static final PeriodModel.Settings DEFAULTS =
      new PeriodModel.Settings(8, 4, 3.0, 0.01, 0.25);

  @Test
  void flagsThePlantedWeekAndNoOther() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 20; trial++) {
      List<PeriodModel.Period> weeks = new ArrayList<>();
      for (int w = 0; w < 26; w++) {
        long orders = 6000 + random.nextInt(600);
        double rate = w == 10 ? 0.03 : 0.005;
        weeks.add(
            new PeriodModel.Period(
                "w" + w, orders, SegmentModelTest.poisson(rate * orders, random)));
      }
      List<PeriodModel.Week> judged = PeriodModel.spikes(weeks, DEFAULTS);
      List<String> spikes =
          judged.stream().filter(PeriodModel.Week::spike).map(PeriodModel.Week::period).toList();
      assertEquals(List.of("w10"), spikes, "trial " + trial);
      assertNull(judged.get(3).baselineRate(), "fewer than 4 weeks before: not judged");
    }
  }

  @Test
  void worksByHand() {
    // Baseline rates 0.010, 0.012, 0.008, 0.010: median 0.010, MAD 0.001.
    List<PeriodModel.Period> weeks =
        List.of(
            new PeriodModel.Period("w0", 1000, 10),
            new PeriodModel.Period("w1", 1000, 12),
            new PeriodModel.Period("w2", 1000, 8),
            new PeriodModel.Period("w3", 1000, 10),
            new PeriodModel.Period("w4", 1000, 30));
    PeriodModel.Week last = PeriodModel.spikes(weeks, DEFAULTS).get(4);
    assertEquals(0.010, last.baselineRate(), 1e-12);
    assertEquals(0.010 + 3 * 1.4826 * 0.001, last.thresholdRate(), 1e-12);
    assertTrue(last.spike(), "30 where 10 are expected: P < 1e-6");
  }

  @Test
  void smallCountsNeedSignificanceNotJustAboveTheMedian() {
    // Rates of zero have a MAD of zero; a single contact is above the threshold but not a spike.
    List<PeriodModel.Period> weeks = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      weeks.add(new PeriodModel.Period("w" + w, 1000, 0));
    }
    weeks.add(new PeriodModel.Period("w6", 1000, 1));
    assertFalse(PeriodModel.spikes(weeks, DEFAULTS).get(6).spike());
    weeks.add(new PeriodModel.Period("w7", 0, 3));
    PeriodModel.Week noOrders = PeriodModel.spikes(weeks, DEFAULTS).get(7);
    assertNull(noOrders.rate());
    assertFalse(noOrders.spike());
  }

  @Test
  void trendComparesTheLastMonthWithTheOnesBefore() {
    assertEquals(
        PeriodModel.TREND_RISING, PeriodModel.trend(months(100, 100, 150), DEFAULTS).direction());
    PeriodModel.Trend falling = PeriodModel.trend(months(100, 100, 60), DEFAULTS);
    assertEquals(PeriodModel.TREND_FALLING, falling.direction());
    assertEquals(-0.4, falling.change(), 1e-12);
    assertEquals(
        PeriodModel.TREND_FLAT, PeriodModel.trend(months(100, 100, 110), DEFAULTS).direction());
    // Not significant: 3 where 2 are expected is 50% more, but nothing to go by.
    assertEquals(PeriodModel.TREND_FLAT, PeriodModel.trend(months(2, 2, 3), DEFAULTS).direction());
    assertEquals(
        PeriodModel.TREND_RISING, PeriodModel.trend(months(0, 0, 40), DEFAULTS).direction());
    assertNull(PeriodModel.trend(months(0, 0, 40), DEFAULTS).change());
    assertEquals(PeriodModel.TREND_UNKNOWN, PeriodModel.trend(months(40), DEFAULTS).direction());
  }

  @Test
  void aPartialWeekIsNeverJudgedNorPartOfABaseline() {
    // Ten steady weeks of 1,000 orders and 10 contacts, then a week whose orders end on its
    // Wednesday while the contacts go on: 10 contacts over 430 orders reads as a spike.
    List<PeriodModel.Period> weeks = new ArrayList<>();
    for (int w = 0; w < 10; w++) {
      weeks.add(new PeriodModel.Period("w" + w, 1000, 10));
    }
    weeks.add(new PeriodModel.Period("w10", 430, 30));
    assertTrue(PeriodModel.spikes(weeks, DEFAULTS).get(10).spike(), "unmarked, it is a spike");

    weeks.set(10, new PeriodModel.Period("w10", 430, 30, true));
    PeriodModel.Week last = PeriodModel.spikes(weeks, DEFAULTS).get(10);
    assertFalse(last.spike());
    assertTrue(last.partial());
    assertNull(last.baselineRate(), "not judged at all");

    // A partial week inside the window (a gap in the orders) stays out of the baselines after it:
    // its 30 contacts over 430 orders would otherwise raise the median and hide a real spike.
    List<PeriodModel.Period> gap = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      gap.add(new PeriodModel.Period("w" + w, 1000, w % 2 == 0 ? 10 : 70, w % 2 == 1));
    }
    gap.add(new PeriodModel.Period("w8", 1000, 30));
    PeriodModel.Week judged = PeriodModel.spikes(gap, DEFAULTS).get(8);
    assertEquals(0.010, judged.baselineRate(), 1e-12, "the median of the complete weeks only");
    assertTrue(judged.spike());
  }

  @Test
  void theTrendLeavesOutAPartialLastMonth() {
    List<PeriodModel.Period> months = new ArrayList<>(months(100, 100, 100));
    // Orders stop on the 10th of the fourth month; its contacts run to the 30th.
    months.add(new PeriodModel.Period("2026-04", 3_300, 100, false));
    assertEquals(PeriodModel.TREND_RISING, PeriodModel.trend(months, DEFAULTS).direction());
    months.set(3, new PeriodModel.Period("2026-04", 3_300, 100, true));
    PeriodModel.Trend trend = PeriodModel.trend(months, DEFAULTS);
    assertEquals(PeriodModel.TREND_FLAT, trend.direction());
    assertEquals(0.0, trend.change(), 1e-12, "the third month against the two before");
  }

  private static List<PeriodModel.Period> months(long... contacts) {
    List<PeriodModel.Period> months = new ArrayList<>();
    for (int m = 0; m < contacts.length; m++) {
      months.add(new PeriodModel.Period("2026-0" + (m + 1), 10_000, contacts[m]));
    }
    return months;
  }
}
