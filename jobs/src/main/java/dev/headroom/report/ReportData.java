package dev.headroom.report;

import dev.headroom.backlog.BacklogEntry;
import dev.headroom.common.Exemplar;
import dev.headroom.stats.Satisfaction;
import dev.headroom.stats.SpikeAttribution;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, read from the warehouse once: one rank run's backlog, its weekly
 * rates, and the run it is compared with.
 *
 * @param runId the rank run reported
 * @param createdAt when it ran (ISO text)
 * @param windowFrom first month of its window
 * @param windowTo last month of its window
 * @param tickets contacts in the window (all topics, unclassified included)
 * @param orders orders in the window
 * @param topicsK fine topics of the discover run behind it, or null when unknown
 * @param currency the currency of costs
 * @param rows the backlog, ranked
 * @param weeks per topic id, its weekly figures in time order
 * @param comparison the change against an earlier run, or null when there is none
 * @param method the settings of the method the report states, as the rank run used them
 * @param lastFailure when the latest run of any job failed: which, where and why, in one line; else
 *     null (the tables shown are those of the runs before it)
 * @param history each topic's rank and reducible contacts in the rank runs up to this one
 * @param fixes the recorded fixes as the rank run verified them
 */
public record ReportData(
    String runId,
    String createdAt,
    String windowFrom,
    String windowTo,
    long tickets,
    long orders,
    Integer topicsK,
    String currency,
    List<Row> rows,
    Map<Integer, List<Week>> weeks,
    Comparison comparison,
    Method method,
    String lastFailure,
    History history,
    List<Fix> fixes) {

  /**
   * A recorded fix as the rank run verified it (the {@code fixes} table).
   *
   * @param topicId the topic it was meant to reduce
   * @param label the topic's label
   * @param shippedOn the day it shipped
   * @param scope where it applied ({@code seller_id=S07}, or {@code all})
   * @param note the team's note
   * @param status verified, not significant, worse, no data, or outside the window
   * @param avoidedPerMonth contacts a month avoided, or null
   * @param savingPerMonth what they are worth a month, or null
   * @param summary the verdict in one line, with the rates and the interval
   */
  public record Fix(
      int topicId,
      String label,
      String shippedOn,
      String scope,
      String note,
      String status,
      Double avoidedPerMonth,
      Double savingPerMonth,
      String summary) {}

  /**
   * The backlog over time: the rank runs up to the reported one (oldest first, at most {@link
   * #RUNS}), and per topic its place in each.
   *
   * @param windows each run's window ({@code 2026-01..2026-06}), oldest first; the last is the
   *     reported run
   * @param topics per topic id, one point per run, in the same order
   */
  public record History(List<String> windows, Map<Integer, List<Point>> topics) {

    /** The most runs shown. */
    public static final int RUNS = 8;

    /** No earlier runs. */
    public static final History NONE = new History(List.of(), Map.of());

    /**
     * A topic in one run.
     *
     * @param rank its rank, null when the topic was not in that run
     * @param monthlyReducible its reducible contacts a month, null likewise
     */
    public record Point(Integer rank, Double monthlyReducible) {}

    /** The topic's points, or none when it has no history. */
    public List<Point> of(int topicId) {
      return topics.getOrDefault(topicId, List.of());
    }

    /**
     * The topic over the runs in words: {@code 2026-01..2026-04 #2 812 · 2026-01..2026-05 #1 790}
     * (rank, reducible a month), or empty with fewer than two runs; a run without the topic reads
     * {@code -}.
     */
    public String describe(int topicId) {
      List<Point> points = of(topicId);
      if (windows.size() < 2 || points.isEmpty()) {
        return "";
      }
      List<String> parts = new java.util.ArrayList<>();
      for (int i = 0; i < windows.size(); i++) {
        Point p = points.get(i);
        parts.add(
            windows.get(i)
                + (p.rank() == null
                    ? " -"
                    : String.format(
                        java.util.Locale.ROOT, " #%d %,.0f", p.rank(), p.monthlyReducible())));
      }
      return String.join(" · ", parts);
    }
  }

  /**
   * The figures of the method that the report states, from the rank run's settings.
   *
   * @param benchmarkQuantile the order-weighted quantile of segment rates taken as benchmark
   * @param repeatDays days within which a contact again is a repeat
   * @param spikeBaselineWeeks trailing weeks a week is judged against
   * @param segmentColumns contributing segments listed per topic
   * @param change relative change of monthly reducible contacts that counts as rising or falling
   * @param partialWeeks weeks whose orders did not cover all their days with contacts (not judged)
   * @param partialMonths months whose orders did not cover all their days with contacts
   */
  public record Method(
      double benchmarkQuantile,
      int repeatDays,
      int spikeBaselineWeeks,
      int segmentColumns,
      double change,
      List<String> partialWeeks,
      List<String> partialMonths) {

    /** The method with every period complete. */
    public Method(
        double benchmarkQuantile,
        int repeatDays,
        int spikeBaselineWeeks,
        int segmentColumns,
        double change) {
      this(
          benchmarkQuantile,
          repeatDays,
          spikeBaselineWeeks,
          segmentColumns,
          change,
          List.of(),
          List.of());
    }

    /**
     * "Partial periods, not judged: ..." when the orders did not cover every day with contacts;
     * else null.
     */
    public String partialNotice() {
      if (partialWeeks.isEmpty() && partialMonths.isEmpty()) {
        return null;
      }
      return "Orders do not cover every day with contacts (tickets exported past the last order,"
          + " say). Partial, so neither judged as spikes nor used in baselines, the trend or the"
          + " benchmark week: "
          + (partialWeeks.isEmpty() ? "" : "weeks of " + String.join(", ", partialWeeks))
          + (partialWeeks.isEmpty() || partialMonths.isEmpty() ? "" : "; ")
          + (partialMonths.isEmpty() ? "" : "months " + String.join(", ", partialMonths))
          + ".";
    }

    /** The benchmark in words: "best quartile", "median", "best 10% quantile". */
    public String benchmarkWords() {
      if (benchmarkQuantile == 0.25) {
        return "best quartile";
      }
      if (benchmarkQuantile == 0.5) {
        return "median";
      }
      return String.format(
          java.util.Locale.ROOT,
          "best %s%% quantile",
          new java.math.BigDecimal(Double.toString(100 * benchmarkQuantile))
              .stripTrailingZeros()
              .toPlainString());
    }
  }

  /**
   * One backlog row as reported.
   *
   * @param rank 1 first
   * @param topicId stable topic id
   * @param label short label
   * @param labelTerms distinctive terms
   * @param tickets contacts
   * @param share share of all contacts
   * @param contactRate per 1,000 orders, or null
   * @param repeatShare repeats / contacts
   * @param reducible reducible contacts
   * @param headroomShare reducible / contacts
   * @param monthlySaving cost saving a month
   * @param roi saving per person-day, or null
   * @param trend rising, falling, flat or n/a
   * @param spikeWeeks Mondays of spike weeks
   * @param spikeDrivers the segments that carry each spike's excess
   * @param segments top contributing segments
   * @param csat mean CSAT, or null
   * @param satisfaction the topic's CSAT and NPS impact
   * @param dominantTag most common agent tag, or null
   * @param exemplars example tickets (id, masked text)
   * @param teamTag the team's own tag (conf/taxonomy.txt), or null
   * @param notActionable why the team marked the topic not actionable, or null
   */
  public record Row(
      int rank,
      int topicId,
      String label,
      List<String> labelTerms,
      long tickets,
      double share,
      Double contactRate,
      double repeatShare,
      double reducible,
      double headroomShare,
      double monthlySaving,
      Double roi,
      String trend,
      List<String> spikeWeeks,
      List<SpikeAttribution.Driver> spikeDrivers,
      List<Segment> segments,
      Double csat,
      Satisfaction satisfaction,
      String dominantTag,
      List<Exemplar> exemplars,
      String teamTag,
      String notActionable) {

    /**
     * Contacts per 1,000 orders to one decimal, or {@code n/a} without orders, as people read it.
     */
    public String contactRateText() {
      return contactRate == null
          ? "n/a"
          : String.format(java.util.Locale.ROOT, "%.1f", contactRate);
    }

    /** One line on why the topic ranks where it does, as the terminal table says it. */
    public String why() {
      return BacklogEntry.why(
          segments.isEmpty() ? null : segments.get(0).describe(),
          repeatShare,
          spikeWeeks,
          spikeDrivers,
          trend,
          notActionable);
    }

    /** The tag a person sees: the team's own when it set one, else the agents' dominant tag. */
    public String tag() {
      return teamTag != null ? teamTag : dominantTag;
    }

    /** The spike weeks with what drove each, for one line of text. */
    public String spikesText() {
      return BacklogEntry.spikes(spikeWeeks, spikeDrivers);
    }

    /**
     * What the topic costs in satisfaction, for one line of text ({@code CSAT 2.81, impact -0.09;
     * NPS -12 (340 answers), impact -3.1}), or empty without scores.
     */
    public String satisfactionText() {
      List<String> parts = new java.util.ArrayList<>();
      if (csat != null) {
        parts.add(
            String.format(java.util.Locale.ROOT, "CSAT %.2f", csat)
                + (satisfaction.csatImpact() == null
                    ? ""
                    : String.format(
                        java.util.Locale.ROOT, ", impact %+.2f", satisfaction.csatImpact())));
      }
      if (satisfaction.nps() != null) {
        parts.add(
            String.format(
                    java.util.Locale.ROOT,
                    "NPS %.0f (%,d answers)",
                    satisfaction.nps(),
                    satisfaction.npsResponses())
                + (satisfaction.npsImpact() == null
                    ? ""
                    : String.format(
                        java.util.Locale.ROOT, ", impact %+.1f", satisfaction.npsImpact())));
      }
      return String.join("; ", parts);
    }
  }

  /**
   * A segment's part in a topic's excess.
   *
   * @param dimension e.g. seller_id
   * @param segment e.g. S07
   * @param contactRate its first-contact rate per 1,000 orders
   * @param benchmarkRate the benchmark for its mix, per 1,000 orders
   * @param excess contacts above the benchmark
   */
  public record Segment(
      String dimension, String segment, double contactRate, double benchmarkRate, double excess) {

    /** For one line of text: {@code seller_id=S07 143.5 vs 33.6}. */
    public String describe() {
      return BacklogEntry.SegmentContribution.describe(
          dimension, segment, contactRate, benchmarkRate);
    }
  }

  /**
   * A topic's week.
   *
   * @param week the Monday
   * @param contactRate contacts per 1,000 orders, or null without orders
   * @param spike whether the week was flagged
   * @param partial whether the week's orders were incomplete (its rate is not judged)
   */
  public record Week(String week, Double contactRate, boolean spike, boolean partial) {}

  /**
   * How this run's topics changed against an earlier run, by reducible contacts.
   *
   * @param previousRunId the earlier run
   * @param previousWindow its window, for display
   * @param changes one entry per topic in either run, largest change first
   */
  public record Comparison(String previousRunId, String previousWindow, List<Change> changes) {

    /** What the report says when no topic changed. */
    public static final String NOTHING_CHANGED = "No topic rose, fell, appeared or disappeared.";

    /** The changes a reader is shown: every topic that rose, fell, appeared or disappeared. */
    public List<Change> shown() {
      return changes.stream().filter(c -> !c.kind().equals("same")).toList();
    }
  }

  /**
   * One topic's change.
   *
   * @param topicId the topic
   * @param label its label (from whichever run has it)
   * @param kind {@code rose}, {@code fell}, {@code appeared}, {@code disappeared} or {@code same}
   * @param before reducible contacts a month in the earlier run, null when it was not there
   * @param after reducible contacts a month in this run, null when it is gone
   * @param rankBefore its earlier rank, or null
   * @param rankAfter its rank now, or null
   */
  public record Change(
      int topicId,
      String label,
      String kind,
      Double before,
      Double after,
      Integer rankBefore,
      Integer rankAfter) {

    /** The numbers of the change, for one line of text. */
    public String describe() {
      if (before == null) {
        return String.format(
            java.util.Locale.ROOT, ": %,.0f reducible a month, rank %d", after, rankAfter);
      }
      if (after == null) {
        return String.format(
            java.util.Locale.ROOT, ": was %,.0f reducible a month, rank %d", before, rankBefore);
      }
      return String.format(
          java.util.Locale.ROOT,
          ": %,.0f -> %,.0f reducible a month, rank %d -> %d",
          before,
          after,
          rankBefore,
          rankAfter);
    }
  }
}
