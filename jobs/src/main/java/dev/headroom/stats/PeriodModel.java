package dev.headroom.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * Spikes and the trend of one topic's contact rate over time (docs/headroom.md, "Spikes" and
 * "Trend").
 *
 * <p>A week is a spike when its rate is above its trailing baseline's median by more than {@code
 * threshold} robust standard deviations (1.4826 x the median absolute deviation) and its contacts
 * are significantly above what the baseline predicts for its orders. The trend compares the last
 * month of the window with the months before it.
 */
public final class PeriodModel {

  /** Scales a median absolute deviation to a standard deviation for normal data. */
  public static final double MAD_TO_SD = 1.4826;

  /** Trend of a topic with fewer than two months of orders. */
  public static final String TREND_UNKNOWN = "n/a";

  /** Trend of a rate that rose significantly. */
  public static final String TREND_RISING = "rising";

  /** Trend of a rate that fell significantly. */
  public static final String TREND_FALLING = "falling";

  /** Trend of a rate without a significant change. */
  public static final String TREND_FLAT = "flat";

  private PeriodModel() {}

  /**
   * One period of one topic.
   *
   * @param period the period ({@code 2026-03-09} for the week starting that Monday, or a month)
   * @param orders orders in the period
   * @param contacts the topic's contacts in the period
   * @param partial whether the orders do not cover all of the period's days in the window (tickets
   *     run past the last order date, say): its rate is contacts over part of its orders, so it is
   *     neither judged nor part of a baseline or trend
   */
  public record Period(String period, long orders, long contacts, boolean partial)
      implements Serializable {

    /** A period whose orders cover all its days. */
    public Period(String period, long orders, long contacts) {
      this(period, orders, contacts, false);
    }
  }

  /**
   * How spikes and trends are judged.
   *
   * @param baselineWeeks trailing weeks that make a week's baseline
   * @param minBaselineWeeks weeks needed before a week can be judged
   * @param threshold robust standard deviations above the baseline median
   * @param significance the Poisson p-value a spike or trend must be below
   * @param trendChange relative change of the last month that counts as rising or falling
   */
  public record Settings(
      int baselineWeeks,
      int minBaselineWeeks,
      double threshold,
      double significance,
      double trendChange)
      implements Serializable {}

  /**
   * A week with its spike verdict.
   *
   * @param period the week's Monday
   * @param orders orders in the week
   * @param contacts the topic's contacts
   * @param rate contacts per order, null without orders
   * @param baselineRate the trailing baseline's median rate, null when too few weeks precede
   * @param thresholdRate the rate above which the week is a spike, null without a baseline
   * @param spike whether the week is a spike
   * @param partial whether the week's orders are incomplete (never judged)
   */
  public record Week(
      String period,
      long orders,
      long contacts,
      Double rate,
      Double baselineRate,
      Double thresholdRate,
      boolean spike,
      boolean partial)
      implements Serializable {}

  /**
   * The direction of the rate over the window.
   *
   * @param direction {@link #TREND_RISING}, {@link #TREND_FALLING}, {@link #TREND_FLAT} or {@link
   *     #TREND_UNKNOWN}
   * @param change the last month's rate relative to the months before (0.5 = 50% higher), null when
   *     the months before had no contacts or there are not two months
   */
  public record Trend(String direction, Double change) implements Serializable {}

  /**
   * The trailing baseline of week {@code i} (weeks in time order): the {@code baselineWeeks} weeks
   * before it that have orders and are complete.
   */
  public static List<Period> baseline(List<Period> weeks, int i, Settings settings) {
    List<Period> baseline = new ArrayList<>();
    for (int j = Math.max(0, i - settings.baselineWeeks()); j < i; j++) {
      if (weeks.get(j).orders() > 0 && !weeks.get(j).partial()) {
        baseline.add(weeks.get(j));
      }
    }
    return baseline;
  }

  /**
   * Judges every week, given in time order. The significance is shared among the weeks judged
   * (Bonferroni), so a flat topic over half a year of weeks rarely gets a false spike. A partial
   * week is not judged and is left out of the baselines of the weeks after it.
   */
  public static List<Week> spikes(List<Period> weeks, Settings settings) {
    List<List<Period>> baselines = new ArrayList<>();
    int judged = 0;
    for (int i = 0; i < weeks.size(); i++) {
      List<Period> baseline = baseline(weeks, i, settings);
      baselines.add(baseline);
      if (judgeable(weeks.get(i)) && baseline.size() >= settings.minBaselineWeeks()) {
        judged++;
      }
    }
    double significance = settings.significance() / Math.max(1, judged);
    List<Week> result = new ArrayList<>();
    for (int i = 0; i < weeks.size(); i++) {
      Period week = weeks.get(i);
      List<Period> baseline = baselines.get(i);
      Double rate = week.orders() > 0 ? (double) week.contacts() / week.orders() : null;
      if (!judgeable(week) || baseline.size() < settings.minBaselineWeeks()) {
        result.add(
            new Week(
                week.period(),
                week.orders(),
                week.contacts(),
                rate,
                null,
                null,
                false,
                week.partial()));
        continue;
      }
      List<Double> rates = baseline.stream().map(p -> (double) p.contacts() / p.orders()).toList();
      double median = median(rates);
      double mad = median(rates.stream().map(r -> Math.abs(r - median)).toList());
      double threshold = median + settings.threshold() * MAD_TO_SD * mad;
      // Tested against the larger of the median and the baseline's mean rate with one more
      // contact, so a baseline of zeros does not make a single contact significant.
      long baselineContacts = baseline.stream().mapToLong(Period::contacts).sum();
      long baselineOrders = baseline.stream().mapToLong(Period::orders).sum();
      double expectedRate = Math.max(median, (baselineContacts + 1.0) / baselineOrders);
      boolean spike =
          rate > threshold
              && SegmentModel.upperTail(expectedRate * week.orders(), week.contacts())
                  < significance;
      result.add(
          new Week(
              week.period(),
              week.orders(),
              week.contacts(),
              rate,
              median,
              threshold,
              spike,
              false));
    }
    return result;
  }

  private static boolean judgeable(Period period) {
    return period.orders() > 0 && !period.partial();
  }

  /**
   * The trend of months given in time order: the last complete month against the complete ones
   * before it (a partial month's rate is contacts over part of its orders).
   */
  public static Trend trend(List<Period> months, Settings settings) {
    List<Period> withOrders = months.stream().filter(PeriodModel::judgeable).toList();
    if (withOrders.size() < 2) {
      return new Trend(TREND_UNKNOWN, null);
    }
    Period last = withOrders.get(withOrders.size() - 1);
    long priorOrders = 0;
    long priorContacts = 0;
    for (Period m : withOrders.subList(0, withOrders.size() - 1)) {
      priorOrders += m.orders();
      priorContacts += m.contacts();
    }
    double expected = (double) priorContacts / priorOrders * last.orders();
    if (expected == 0) {
      // A topic that had no contacts before the last month and has some now is new: rising.
      return new Trend(last.contacts() > 0 ? TREND_RISING : TREND_FLAT, null);
    }
    double change = last.contacts() / expected - 1.0;
    if (change >= settings.trendChange()
        && SegmentModel.upperTail(expected, last.contacts()) < settings.significance()) {
      return new Trend(TREND_RISING, change);
    }
    if (change <= -settings.trendChange()
        && lowerTail(expected, last.contacts()) < settings.significance()) {
      return new Trend(TREND_FALLING, change);
    }
    return new Trend(TREND_FLAT, change);
  }

  /** P(X <= k) for X ~ Poisson(mean). */
  static double lowerTail(double mean, long k) {
    return mean <= 0 ? 1.0 : Gamma.regularizedGammaQ(k + 1.0, mean);
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
