package dev.headroom.report;

import java.util.List;
import java.util.Locale;

/** The backlog as a Markdown summary, for a wiki page or an issue tracker. */
public final class BacklogMarkdown {

  /** Topics listed in the table. */
  public static final int ROWS = 15;

  private BacklogMarkdown() {}

  /** The summary: what was measured, the top of the backlog, and what changed. */
  public static String render(ReportData data) {
    StringBuilder out = new StringBuilder();
    double reducible = data.rows().stream().mapToDouble(ReportData.Row::reducible).sum();
    double saving = data.rows().stream().mapToDouble(ReportData.Row::monthlySaving).sum();
    out.append("# Headroom backlog ")
        .append(data.windowFrom())
        .append(" to ")
        .append(data.windowTo())
        .append("\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%,d contacts on %,d orders; %,.0f of them (%.0f%%) reducible, worth %,.0f %s a month.%n%n",
            data.tickets(),
            data.orders(),
            reducible,
            data.tickets() == 0 ? 0.0 : 100 * reducible / data.tickets(),
            saving,
            data.currency()));
    if (data.method().partialNotice() != null) {
      out.append("> ").append(data.method().partialNotice()).append("\n\n");
    }
    if (data.lastFailure() != null) {
      out.append("> ").append(data.lastFailure()).append("\n\n");
    }
    out.append(
        "| rank | topic | contacts | per 1,000 orders | reducible | headroom | saving/month | why |\n");
    out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (ReportData.Row r : data.rows().subList(0, Math.min(ROWS, data.rows().size()))) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %s (%d) | %,d | %s | %,.0f | %.0f%% | %,.0f | %s |%n",
              r.rank(),
              cell(r.label()),
              r.topicId(),
              r.tickets(),
              r.contactRateText(),
              r.reducible(),
              100 * r.headroomShare(),
              r.monthlySaving(),
              cell(r.why())));
    }
    if (!data.fixes().isEmpty()) {
      out.append("\n## Did the fixes work?\n\n");
      for (ReportData.Fix f : data.fixes()) {
        out.append("- **")
            .append(f.status())
            .append("**: ")
            .append(cell(f.summary()))
            .append(f.note().isEmpty() ? "" : " (" + cell(f.note()) + ")")
            .append('\n');
      }
    }
    List<String> windows = data.history().windows();
    if (windows.size() > 1) {
      out.append(
          "\n## The backlog over time\n\nRank and reducible contacts a month in each run.\n\n");
      out.append("| topic |");
      windows.forEach(w -> out.append(' ').append(w).append(" |"));
      out.append("\n| --- |").append(" ---: |".repeat(windows.size())).append('\n');
      for (ReportData.Row r : data.rows().subList(0, Math.min(ROWS, data.rows().size()))) {
        out.append("| ").append(cell(r.label())).append(" (").append(r.topicId()).append(") |");
        for (ReportData.History.Point p : data.history().of(r.topicId())) {
          out.append(
              p.rank() == null
                  ? " - |"
                  : String.format(Locale.ROOT, " #%d %,.0f |", p.rank(), p.monthlyReducible()));
        }
        out.append('\n');
      }
    }
    if (data.comparison() != null) {
      out.append("\n## Since ").append(data.comparison().previousWindow()).append("\n\n");
      for (ReportData.Change c : data.comparison().shown()) {
        out.append(
            String.format(
                Locale.ROOT,
                "- %s: %s (%d)%s%n",
                c.kind(),
                cell(c.label()),
                c.topicId(),
                c.describe()));
      }
      if (data.comparison().shown().isEmpty()) {
        out.append(ReportData.Comparison.NOTHING_CHANGED).append('\n');
      }
    }
    out.append("\n")
        .append("Reducible contacts are repeats plus contacts above the ")
        .append(data.method().benchmarkWords())
        .append(" of comparable segments or")
        .append(" weeks (docs/headroom.md). Run ")
        .append(data.runId())
        .append(".\n");
    return out.toString();
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
