package dev.headroom.backlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.common.RecordedFix;
import dev.headroom.stats.FixVerification;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FixOutcomeTest {

  /**
   * The line a PM reads for a reduction not yet shown (FixVerificationTest's second case): 20%
   * fewer than the 100 expected after four weeks, 22 a month avoided with an interval from -3 to 41
   * (never "-0"), and how long until it would show.
   */
  @Test
  void aReductionNotYetShownSaysSoInWords() {
    FixVerification.Groups groups =
        new FixVerification.Groups(
            new FixVerification.Side(400, 4_000),
            new FixVerification.Side(80, 1_000),
            new FixVerification.Side(4_000, 40_000),
            new FixVerification.Side(1_000, 10_000),
            28);
    FixOutcome outcome =
        new FixOutcome(
            new RecordedFix(
                "conf/fixes.csv:4", 25, LocalDate.of(2026, 4, 1), "seller_id", "S07", "carrier"),
            "배송 · 지연",
            groups,
            FixVerification.verify(groups),
            null,
            "KRW");
    assertEquals(
        "topic 25 (배송 · 지연) at seller_id=S07 from 2026-04-01: 100.0 -> 80.0 per 1,000 orders;"
            + " seller_id other than S07 100.0 -> 100.0; 22 contacts a month avoided (95% CI -3 to"
            + " 41): not significant yet; about 2 more weeks of orders at this pace would show it",
        outcome.describe());
  }

  @Test
  void aFixOutsideTheWindowSaysSo() {
    FixOutcome outcome =
        new FixOutcome(
            new RecordedFix("conf/fixes.csv:5", 29, LocalDate.of(2026, 3, 16), null, null, ""),
            "결제 · 오류",
            null,
            FixVerification.outsideWindow(),
            null,
            "KRW");
    assertEquals(
        "topic 29 (결제 · 오류) everywhere from 2026-03-16: outside this run's window (no orders on"
            + " one side of the day)",
        outcome.describe());
  }
}
