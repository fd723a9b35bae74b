package dev.headroom.backlog;

import dev.headroom.common.RecordedFix;
import dev.headroom.stats.FixVerification;
import java.io.Serializable;
import java.util.Locale;

/**
 * One recorded fix as this rank run verified it.
 *
 * @param fix the fix as written in the fixes file
 * @param label the topic's label
 * @param groups the four groups' contacts and orders
 * @param verdict what the comparison says
 * @param savingPerMonth contacts avoided a month x the topic's cost per contact, null without data
 * @param currency the currency of the saving
 */
public record FixOutcome(
    RecordedFix fix,
    String label,
    FixVerification.Groups groups,
    FixVerification.Verdict verdict,
    Double savingPerMonth,
    String currency)
    implements Serializable {

  /** Where the fix did not apply, in words: {@code seller_id other than S07}, or other topics. */
  public String controlWords() {
    return fix.scopeDimension() == null
        ? "other topics"
        : fix.scopeDimension() + " other than " + fix.scopeValue();
  }

  /**
   * The outcome in one line: {@code topic 25 at seller_id=S07: 143.5 -> 41.2 per 1,000 orders from
   * 2026-04-01; seller_id other than S07 33.6 -> 33.1; 2,180 contacts a month avoided (95% CI 1,950
   * to 2,390), worth 1,234,000 KRW a month: verified}.
   */
  public String describe() {
    String where =
        String.format(
            Locale.ROOT,
            "topic %d (%s) %s from %s",
            fix.topicId(),
            label,
            fix.scopeDimension() == null ? "everywhere" : "at " + fix.scope(),
            fix.shippedOn());
    FixVerification.Verdict v = verdict;
    if (v.status().equals(FixVerification.OUTSIDE_WINDOW)) {
      return where + ": outside this run's window (no orders on one side of the day)";
    }
    if (v.status().equals(FixVerification.NO_DATA)) {
      return where
          + ": no data (a group has no orders or no contacts on one side of the day"
          + (fix.scopeDimension() == null ? "" : "; is " + fix.scope() + " in the orders?")
          + ")";
    }
    String rates =
        String.format(
            Locale.ROOT,
            ": %.1f -> %.1f per 1,000 orders; %s %.1f -> %.1f",
            groups.treatedBefore().ratePer1000(),
            groups.treatedAfter().ratePer1000(),
            controlWords(),
            groups.controlBefore().ratePer1000(),
            groups.controlAfter().ratePer1000());
    String avoided =
        String.format(
            Locale.ROOT,
            "; %s contacts a month avoided (95%% CI %s to %s)%s",
            whole(v.avoidedPerMonth()),
            whole(v.avoidedLow()),
            whole(v.avoidedHigh()),
            savingPerMonth == null
                ? ""
                : String.format(Locale.ROOT, ", worth %,.0f %s a month", savingPerMonth, currency));
    String status =
        switch (v.status()) {
          case FixVerification.VERIFIED -> ": verified";
          case FixVerification.WORSE -> ": worse, contacts rose against " + controlWords();
          default ->
              v.rateRatio() >= 1
                  ? ": not significant, no reduction seen"
                  : v.weeksNeeded() == null
                      ? ": not significant; more weeks alone will not show it (too few contacts"
                          + " before the fix)"
                      : String.format(
                          Locale.ROOT,
                          ": not significant yet; about %d more week%s of orders at this pace"
                              + " would show it",
                          v.weeksNeeded(),
                          v.weeksNeeded() == 1 ? "" : "s");
        };
    return where + rates + avoided + status;
  }

  /** A count to the nearest whole, with thousands separators; never "-0". */
  private static String whole(double value) {
    long rounded = Math.round(value);
    return String.format(Locale.ROOT, "%,d", rounded);
  }
}
