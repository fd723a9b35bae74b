package dev.headroom.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which segments carry a spike week's excess (docs/headroom.md, "What drove a spike").
 *
 * <p>Each segment's contacts in the spike week are compared with what its own baseline weeks
 * predict for its orders that week: the excess. A segment drives the spike when it carries at least
 * {@link #MIN_SHARE} of the week's excess (all its contacts over what the baseline predicts, so a
 * segment cannot carry a spike its dimension does not see, such as contacts without an order), at
 * least {@link #MIN_LIFT} times its share of the week's orders (a spike spread evenly over every
 * channel puts 55% of its excess on a channel with 55% of the orders, which says nothing about
 * where it came from), and its contacts are significantly above what its baseline predicts.
 *
 * <p>Pure Java with no Spark types.
 */
public final class SpikeAttribution {

  /** A driver carries at least this share of its dimension's excess in the week. */
  public static final double MIN_SHARE = 0.5;

  /** A driver's share of the excess is at least this many times its share of the week's orders. */
  public static final double MIN_LIFT = 1.5;

  private SpikeAttribution() {}

  /**
   * One segment's figures for a spike week.
   *
   * @param weekContacts the topic's contacts in the segment in the spike week
   * @param weekOrders the segment's orders in the spike week (for the contact channel, which has no
   *     orders of its own: all the week's orders)
   * @param baselineContacts the topic's contacts in the segment over the baseline weeks
   * @param baselineOrders the segment's orders over the baseline weeks (likewise)
   */
  public record Counts(
      long weekContacts, long weekOrders, long baselineContacts, long baselineOrders)
      implements Serializable {}

  /**
   * A segment that drove a spike.
   *
   * @param week the spike week's Monday
   * @param dimension the dimension ({@code channel}, {@code contact_channel})
   * @param segment the value ({@code app})
   * @param excessShare its share of the week's excess (0..1)
   * @param exposureShare its share of the week's expected contacts (what it would carry if the
   *     spike were spread evenly)
   * @param contacts its contacts in the week
   * @param expected the contacts its baseline predicts for the week
   */
  public record Driver(
      String week,
      String dimension,
      String segment,
      double excessShare,
      double exposureShare,
      long contacts,
      double expected)
      implements Serializable {

    /** For one line of text: {@code 86% at channel=app}. */
    public String describe() {
      return String.format(
          java.util.Locale.ROOT, "%.0f%% at %s=%s", 100 * excessShare, dimension, segment);
    }
  }

  /**
   * The drivers of one spike week, strongest first.
   *
   * @param week the spike week's Monday
   * @param total the topic's counts over all its contacts and the week's orders
   * @param segments per dimension, per segment value, its counts
   * @param significance a driver's contacts are this unlikely under its baseline (Poisson)
   */
  public static List<Driver> drivers(
      String week, Counts total, Map<String, Map<String, Counts>> segments, double significance) {
    List<Driver> drivers = new ArrayList<>();
    double weekExcess =
        total.baselineOrders() > 0
            ? total.weekContacts()
                - (double) total.baselineContacts() / total.baselineOrders() * total.weekOrders()
            : 0.0;
    for (var dimension : segments.entrySet()) {
      Map<String, Counts> bySegment = dimension.getValue();
      long baselineContacts = bySegment.values().stream().mapToLong(Counts::baselineContacts).sum();
      long baselineOrders = bySegment.values().stream().mapToLong(Counts::baselineOrders).sum();
      // A segment without baseline orders (new that week) is expected at the dimension's rate.
      double dimensionRate = baselineOrders > 0 ? (double) baselineContacts / baselineOrders : 0.0;
      Map<String, Double> expected = new java.util.LinkedHashMap<>();
      double positiveExcess = 0;
      for (var segment : bySegment.entrySet()) {
        Counts c = segment.getValue();
        double rate =
            c.baselineOrders() > 0
                ? (double) c.baselineContacts() / c.baselineOrders()
                : dimensionRate;
        expected.put(segment.getKey(), rate * c.weekOrders());
        positiveExcess += Math.max(0.0, c.weekContacts() - rate * c.weekOrders());
      }
      double expectedTotal = expected.values().stream().mapToDouble(Double::doubleValue).sum();
      if (positiveExcess <= 0 || expectedTotal <= 0) {
        continue;
      }
      // Shares of the larger of the week's excess and the dimension's: a dimension that sees only
      // part of the contacts cannot claim the rest.
      double excessBase = Math.max(weekExcess, positiveExcess);
      for (var segment : bySegment.entrySet()) {
        long contacts = segment.getValue().weekContacts();
        double segmentExpected = expected.get(segment.getKey());
        double share = Math.max(0.0, contacts - segmentExpected) / excessBase;
        double exposure = segmentExpected / expectedTotal;
        if (share >= MIN_SHARE
            && share >= MIN_LIFT * exposure
            && SegmentModel.upperTail(segmentExpected, contacts) < significance) {
          drivers.add(
              new Driver(
                  week,
                  dimension.getKey(),
                  segment.getKey(),
                  share,
                  exposure,
                  contacts,
                  segmentExpected));
        }
      }
    }
    drivers.sort(
        Comparator.comparingDouble(
                (Driver d) -> d.excessShare() / Math.max(1e-9, d.exposureShare()))
            .reversed()
            .thenComparing(Driver::dimension));
    return drivers;
  }
}
