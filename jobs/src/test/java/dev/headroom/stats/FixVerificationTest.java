package dev.headroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FixVerificationTest {

  /**
   * The worked example of docs/headroom.md, by hand. Seller S07: 150 contacts on 1,000 orders
   * before, 40 on 1,000 after. Other sellers: 300 on 10,000 before, 330 on 10,000 after (up 10%).
   * Without the fix S07 would have had 150 x 1.1 = 165 after; it had 40: RR = 40 / 165 = 0.2424. se
   * = sqrt(1/150 + 1/300 + 1/40 + 1/330) = 0.1950; 95% CI 0.2424 x exp(-/+1.96 x 0.1950) = 0.1654
   * to 0.3553. After is 61 days: 125 contacts avoided, 62.4 a month (53.1 to 68.7).
   */
  @Test
  void aFixIsVerifiedWithItsInterval() {
    FixVerification.Verdict v =
        FixVerification.verify(
            new FixVerification.Groups(
                new FixVerification.Side(150, 1_000),
                new FixVerification.Side(40, 1_000),
                new FixVerification.Side(300, 10_000),
                new FixVerification.Side(330, 10_000),
                61));
    assertEquals(FixVerification.VERIFIED, v.status());
    assertEquals(165.0, v.expectedAfter(), 1e-9);
    assertEquals(40.0 / 165, v.rateRatio(), 1e-12);
    double se = Math.sqrt(1.0 / 150 + 1.0 / 300 + 1.0 / 40 + 1.0 / 330);
    assertEquals(0.19501, se, 1e-5);
    assertEquals(40.0 / 165 * Math.exp(-FixVerification.Z95 * se), v.low(), 1e-12);
    assertEquals(0.1654, v.low(), 1e-4);
    assertEquals(0.3553, v.high(), 1e-4);
    double perMonth = 365.25 / 12 / 61;
    assertEquals(125 * perMonth, v.avoidedPerMonth(), 1e-9);
    assertEquals(62.4, v.avoidedPerMonth(), 0.05);
    assertEquals(165 * (1 - v.high()) * perMonth, v.avoidedLow(), 1e-9);
    assertEquals(165 * (1 - v.low()) * perMonth, v.avoidedHigh(), 1e-9);
    assertNull(v.weeksNeeded());
  }

  /**
   * A fix that changed nothing: the interval holds 1. A small real reduction not yet shown says how
   * many more weeks would show it, and more weeks only help when the before period is big enough.
   */
  @Test
  void aChangeNotYetShownSaysHowLongItWouldTake() {
    FixVerification.Verdict nothing =
        FixVerification.verify(
            new FixVerification.Groups(
                new FixVerification.Side(50, 1_000),
                new FixVerification.Side(51, 1_000),
                new FixVerification.Side(500, 10_000),
                new FixVerification.Side(500, 10_000),
                28));
    assertEquals(FixVerification.NOT_SIGNIFICANT, nothing.status());
    assertTrue(nothing.low() < 1 && nothing.high() > 1);
    assertNull(nothing.weeksNeeded(), "no reduction seen: no weeks will show one");

    // 20% fewer after four weeks: not yet significant. Before: 1/400 + 1/4000 = 0.00275; after:
    // 1/80 + 1/1000 = 0.0135. (ln 0.8 / 1.96)^2 = 0.01296, so the after terms must shrink to
    // 0.01021, 1.322 times as many weeks: 2 more (ceil of 0.322 x 28 / 7 = 1.29).
    FixVerification.Verdict early =
        FixVerification.verify(
            new FixVerification.Groups(
                new FixVerification.Side(400, 4_000),
                new FixVerification.Side(80, 1_000),
                new FixVerification.Side(4_000, 40_000),
                new FixVerification.Side(1_000, 10_000),
                28));
    assertEquals(FixVerification.NOT_SIGNIFICANT, early.status());
    assertEquals(0.8, early.rateRatio(), 1e-12);
    assertEquals(2, early.weeksNeeded());
  }

  @Test
  void groupsWithoutOrdersOrContactsHaveNoVerdict() {
    FixVerification.Verdict v =
        FixVerification.verify(
            new FixVerification.Groups(
                new FixVerification.Side(0, 0),
                new FixVerification.Side(3, 100),
                new FixVerification.Side(300, 10_000),
                new FixVerification.Side(330, 10_000),
                30));
    assertEquals(FixVerification.NO_DATA, v.status());
    assertNull(v.rateRatio());
  }
}
