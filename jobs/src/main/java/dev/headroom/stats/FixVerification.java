package dev.headroom.stats;

import java.io.Serializable;

/**
 * Did a fix work: a difference-in-differences on contacts per order (docs/headroom.md, "Did the fix
 * work?").
 *
 * <p>The treated group (the topic where the change applied) is compared before and after the day it
 * shipped with a control group the change did not touch, so a season, a campaign or a slow month
 * that moves both is not taken for the fix. On rates, the difference is a ratio: the rate ratio
 * {@code RR = (treated after / treated before) / (control after / control before)}, 1 when the fix
 * changed nothing. Contacts are Poisson, so {@code log RR} has the standard error {@code sqrt(1/a +
 * 1/b + 1/c + 1/d)} over the four contact counts, which gives the interval.
 *
 * <p>Pure Java with no Spark types.
 */
public final class FixVerification {

  /** The fix reduced contacts: the whole interval of the rate ratio is below 1. */
  public static final String VERIFIED = "verified";

  /** The interval holds 1: no change shown yet. */
  public static final String NOT_SIGNIFICANT = "not significant";

  /** The whole interval is above 1: contacts rose against the control. */
  public static final String WORSE = "worse";

  /** A group has no orders or no contacts on one side of the day: nothing to compare. */
  public static final String NO_DATA = "no data";

  /** The fix's day is not inside this run's window (it has no orders on one side of it). */
  public static final String OUTSIDE_WINDOW = "outside the window";

  /** The normal quantile of a two-sided 95% interval. */
  public static final double Z95 = 1.959963984540054;

  private static final double DAYS_PER_MONTH = 365.25 / 12;

  private FixVerification() {}

  /**
   * Contacts and orders of one group on one side of the day.
   *
   * @param contacts the topic's contacts
   * @param orders the orders they are counted against
   */
  public record Side(long contacts, long orders) implements Serializable {

    /** Contacts per 1,000 orders, null without orders. */
    public Double ratePer1000() {
      return orders == 0 ? null : 1000.0 * contacts / orders;
    }
  }

  /**
   * The four groups of a fix.
   *
   * @param treatedBefore the topic where the change applied, before the day
   * @param treatedAfter the same, from the day on
   * @param controlBefore where the change did not apply, before the day
   * @param controlAfter the same, from the day on
   * @param afterDays days from the day the fix shipped to the last day with orders
   */
  public record Groups(
      Side treatedBefore, Side treatedAfter, Side controlBefore, Side controlAfter, int afterDays)
      implements Serializable {}

  /**
   * What the comparison says.
   *
   * @param status {@link #VERIFIED}, {@link #NOT_SIGNIFICANT}, {@link #WORSE} or {@link #NO_DATA}
   * @param rateRatio the rate ratio (below 1: fewer contacts than the control predicts), null
   *     without data
   * @param low the lower end of its 95% interval
   * @param high the upper end
   * @param expectedAfter contacts the treated group would have had from the day on without the fix
   *     (its rate before, moved as the control moved, times its orders after)
   * @param avoidedPerMonth contacts a month the fix avoided (negative: added)
   * @param avoidedLow the lower end of that, from the interval's upper rate ratio
   * @param avoidedHigh the upper end
   * @param weeksNeeded when a reduction is seen but not yet significant: more weeks of orders at
   *     the same pace that would make it so; null otherwise, or when more weeks alone will not (the
   *     before period is too small)
   */
  public record Verdict(
      String status,
      Double rateRatio,
      Double low,
      Double high,
      Double expectedAfter,
      Double avoidedPerMonth,
      Double avoidedLow,
      Double avoidedHigh,
      Integer weeksNeeded)
      implements Serializable {}

  /** The verdict on a fix whose day this run's window does not straddle. */
  public static Verdict outsideWindow() {
    return new Verdict(OUTSIDE_WINDOW, null, null, null, null, null, null, null, null);
  }

  /** Compares the groups. */
  public static Verdict verify(Groups g) {
    if (g.treatedBefore().orders() == 0
        || g.treatedAfter().orders() == 0
        || g.controlBefore().orders() == 0
        || g.controlAfter().orders() == 0
        || g.treatedBefore().contacts() == 0
        || g.controlBefore().contacts() == 0
        || g.controlAfter().contacts() == 0
        || g.afterDays() <= 0) {
      return new Verdict(NO_DATA, null, null, null, null, null, null, null, null);
    }
    double treatedBefore = rate(g.treatedBefore());
    double controlChange = rate(g.controlAfter()) / rate(g.controlBefore());
    double expectedAfter = treatedBefore * controlChange * g.treatedAfter().orders();
    // No contacts after is the best a fix can do; half a contact keeps the logarithm finite.
    double treatedAfterContacts = Math.max(0.5, g.treatedAfter().contacts());
    double rateRatio = treatedAfterContacts / expectedAfter;
    double before = 1.0 / g.treatedBefore().contacts() + 1.0 / g.controlBefore().contacts();
    double after = 1.0 / treatedAfterContacts + 1.0 / g.controlAfter().contacts();
    double se = Math.sqrt(before + after);
    double low = rateRatio * Math.exp(-Z95 * se);
    double high = rateRatio * Math.exp(Z95 * se);
    String status = high < 1 ? VERIFIED : low > 1 ? WORSE : NOT_SIGNIFICANT;
    double perMonth = DAYS_PER_MONTH / g.afterDays();
    double observedRatio = g.treatedAfter().contacts() / expectedAfter;
    Integer weeksNeeded = null;
    if (status.equals(NOT_SIGNIFICANT) && rateRatio < 1) {
      // The after terms shrink as weeks of orders accumulate (f times as many); the before terms do
      // not. Significant once (log RR / z)^2 >= before + after / f.
      double margin = Math.pow(Math.log(rateRatio) / Z95, 2) - before;
      if (margin > 0) {
        double factor = after / margin;
        weeksNeeded = (int) Math.ceil(Math.max(0.0, factor - 1) * g.afterDays() / 7.0);
      }
    }
    return new Verdict(
        status,
        observedRatio,
        low,
        high,
        expectedAfter,
        expectedAfter * (1 - observedRatio) * perMonth,
        expectedAfter * (1 - high) * perMonth,
        expectedAfter * (1 - low) * perMonth,
        weeksNeeded);
  }

  private static double rate(Side side) {
    return (double) side.contacts() / side.orders();
  }
}
