package dev.headroom.backlog;

import dev.headroom.common.MonthWindow;
import dev.headroom.common.TerminalText;
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
    Map<String, Double> stageSeconds) {

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
