package dev.headroom.backlog;

import dev.headroom.common.MonthWindow;
import dev.headroom.common.TerminalText;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@code rank} run produced.
 *
 * @param runId the run id
 * @param window the months measured
 * @param orders orders in the window
 * @param tickets contacts in the window with a topic
 * @param unclassified contacts in the unclassified topic (not ranked)
 * @param currency the currency of costs
 * @param backlog the ranked topics
 * @param partial the weeks and months whose orders are incomplete
 * @param fixes the recorded fixes as this run verified them
 * @param stageSeconds wall time per stage
 */
public record RankResult(
    String runId,
    MonthWindow window,
    long orders,
    long tickets,
    long unclassified,
    String currency,
    List<BacklogEntry> backlog,
    PartialPeriods partial,
    List<FixOutcome> fixes,
    Map<String, Double> stageSeconds) {

  /**
   * Weeks and months with contacts on days the orders do not cover: marked partial in {@code
   * topic_metrics} and never judged (docs/headroom.md, "Partial weeks and months").
   *
   * @param firstOrder the first day with an order, null without orders
   * @param lastOrder the last day with an order, null without orders
   * @param firstContact the first day with a contact, null without contacts
   * @param lastContact the last day with a contact, null without contacts
   * @param weeks the partial weeks (their Mondays)
   * @param months the partial months
   */
  public record PartialPeriods(
      LocalDate firstOrder,
      LocalDate lastOrder,
      LocalDate firstContact,
      LocalDate lastContact,
      List<String> weeks,
      List<String> months) {

    /** Whether any period is partial. */
    public boolean any() {
      return !weeks.isEmpty() || !months.isEmpty();
    }

    /** One line for a reader: where the orders and contacts end, and what is not judged. */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "orders cover %s to %s, contacts %s to %s: partial (not judged) weeks %s; months %s",
          firstOrder,
          lastOrder,
          firstContact,
          lastContact,
          weeks.isEmpty() ? "none" : String.join(", ", weeks),
          months.isEmpty() ? "none" : String.join(", ", months));
    }
  }

  /** Rows of the terminal table. */
  public static final int SUMMARY_ROWS = 10;

  /** The contacts the backlog could remove, summed over topics. */
  public double reducibleContacts() {
    return backlog.stream().mapToDouble(BacklogEntry::reducibleContacts).sum();
  }

  /** For the terminal: what was measured, then the top of the backlog. */
  public String summary() {
    return headline() + table();
  }

  /** The run in three lines: window, volume, reducible total, seconds per stage. */
  public String headline() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "rank %s: %s..%s, %,d contacts on %,d orders (%s per 1,000), %d topics ranked, %,d unclassified%n",
            runId,
            window.from(),
            window.to(),
            tickets,
            orders,
            orders == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", 1000.0 * tickets / orders),
            backlog.size(),
            unclassified));
    out.append(
        String.format(
            Locale.ROOT,
            "  reducible: %,.0f contacts (%.1f%% of all)%n",
            reducibleContacts(),
            tickets == 0 ? 0.0 : 100.0 * reducibleContacts() / tickets));
    if (partial.any()) {
      out.append("  ").append(partial.describe()).append('\n');
    }
    for (FixOutcome fix : fixes) {
      out.append("  fix ").append(fix.describe()).append('\n');
    }
    out.append("  seconds:");
    stageSeconds.forEach(
        (stage, s) -> out.append(String.format(Locale.ROOT, " %s %.1f", stage, s)));
    out.append('\n');
    return out.toString();
  }

  /** The top of the backlog as a table. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "  %4s %5s %-28s %8s %7s %9s %8s %14s  %s%n",
            "rank",
            "topic",
            "label",
            "contacts",
            "per1k",
            "reducible",
            "headroom",
            "saving/month",
            "why"));
    for (BacklogEntry e : backlog.subList(0, Math.min(SUMMARY_ROWS, backlog.size()))) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %4d %5d %s %,8d %7s %,9.0f %7.0f%% %,14.0f  %s%n",
              e.rank(),
              e.topicId(),
              TerminalText.fit(e.label(), 28),
              e.tickets(),
              e.contactRate() == null ? "n/a" : String.format(Locale.ROOT, "%.1f", e.contactRate()),
              e.reducibleContacts(),
              100.0 * e.headroomShare(),
              e.monthlySaving(),
              e.why()));
    }
    return out.toString();
  }
}
