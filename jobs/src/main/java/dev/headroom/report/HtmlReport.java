package dev.headroom.report;

import dev.headroom.common.Escaping;
import dev.headroom.common.Exemplar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The backlog as one self-contained HTML file: inline CSS and SVG charts, no network access needed
 * to view it. Charts: a Pareto of reducible contacts, each topic's weekly contact rate with its
 * spike weeks, and its top segments against the benchmark.
 *
 * <p>Every chart mark carries {@code data-topic}, and a small inline script checks on load that
 * each backlog topic has its marks ({@code body[data-ready=ok]}), so a browser test can tell a
 * drawn report from a broken one.
 */
public final class HtmlReport {

  private static final int PARETO_WIDTH = 960;
  private static final int PARETO_HEIGHT = 340;
  private static final int TREND_WIDTH = 440;
  private static final int TREND_HEIGHT = 130;
  private static final int SEGMENT_WIDTH = 440;

  private HtmlReport() {}

  /** The whole page. */
  public static String render(ReportData data) {
    StringBuilder out = new StringBuilder();
    double reducible = data.rows().stream().mapToDouble(ReportData.Row::reducible).sum();
    double saving = data.rows().stream().mapToDouble(ReportData.Row::monthlySaving).sum();
    out.append("<!doctype html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Headroom backlog ")
        .append(esc(data.windowFrom()))
        .append(" to ")
        .append(esc(data.windowTo()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    out.append("<header>\n<h1>Headroom backlog</h1>\n<p class=\"meta\">")
        .append(esc(data.windowFrom()))
        .append(" to ")
        .append(esc(data.windowTo()))
        .append(
            String.format(
                Locale.ROOT, " · %,d contacts · %,d orders", data.tickets(), data.orders()))
        .append(data.topicsK() == null ? "" : " · k = " + data.topicsK())
        .append(" · ")
        .append(data.rows().size())
        .append(" topics ranked · run ")
        .append(esc(data.runId()))
        .append(" · ")
        .append(esc(data.createdAt()))
        .append("</p>\n");
    if (data.method().partialNotice() != null) {
      out.append("<p class=\"notice partial-periods\">")
          .append(esc(data.method().partialNotice()))
          .append("</p>\n");
    }
    if (data.lastFailure() != null) {
      out.append("<p class=\"failure\">").append(esc(data.lastFailure())).append("</p>\n");
    }
    out.append(
        String.format(
            Locale.ROOT,
            "<p class=\"summary\"><b>%,.0f</b> contacts (%.0f%%) could go away, worth <b>%,.0f %s</b> a month."
                + " Work the topics in the order below.</p>%n</header>%n",
            reducible,
            data.tickets() == 0 ? 0.0 : 100 * reducible / data.tickets(),
            saving,
            esc(data.currency())));
    out.append("<section id=\"pareto\">\n<h2>Where the reducible contacts are</h2>\n")
        .append(pareto(data.rows()))
        .append(
            "<p class=\"note\">Bars: reducible contacts per topic, largest first. Line: their running share of all reducible contacts.</p>\n</section>\n");
    if (!data.fixes().isEmpty()) {
      out.append(fixes(data.fixes()));
    }
    if (data.comparison() != null) {
      out.append(comparison(data.comparison()));
    }
    out.append(table(data));
    out.append("<section id=\"topics\">\n<h2>Each topic</h2>\n");
    for (ReportData.Row r : data.rows()) {
      out.append(topic(r, data.weeks().getOrDefault(r.topicId(), List.of()), data.history()));
    }
    out.append("</section>\n");
    out.append(method(data.method()));
    out.append("<script>\n").append(CHECK).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  /** Did the recorded fixes work: one line each, the status first. */
  static String fixes(List<ReportData.Fix> fixes) {
    StringBuilder out = new StringBuilder("<section id=\"fixes\">\n<h2>Did the fixes work?</h2>\n");
    out.append(
        "<p class=\"note\">Each fix recorded in the fixes file: the topic's contacts per 1,000 orders"
            + " before and after its day, against where it did not apply; contacts avoided a month"
            + " with a 95% interval (docs/headroom.md).</p>\n<ul class=\"fixes\">\n");
    for (ReportData.Fix f : fixes) {
      out.append(
              String.format(
                  Locale.ROOT,
                  "<li class=\"fix\" data-topic=\"%d\" data-status=\"%s\"><b>%s</b> ",
                  f.topicId(),
                  esc(f.status()),
                  esc(f.status())))
          .append(esc(f.summary()));
      if (!f.note().isEmpty()) {
        out.append(" <span class=\"id\">(").append(esc(f.note())).append(")</span>");
      }
      out.append("</li>\n");
    }
    return out.append("</ul>\n</section>\n").toString();
  }

  /** Bars of reducible contacts, largest first, with the cumulative share as a line. */
  static String pareto(List<ReportData.Row> rows) {
    List<ReportData.Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingDouble(ReportData.Row::reducible).reversed());
    // Room on the left for the first bar's slanted label.
    int left = 110;
    int right = 50;
    int top = 20;
    int bottom = 90;
    double plotW = PARETO_WIDTH - left - right;
    double plotH = PARETO_HEIGHT - top - bottom;
    double max = sorted.stream().mapToDouble(ReportData.Row::reducible).max().orElse(0);
    double total = sorted.stream().mapToDouble(ReportData.Row::reducible).sum();
    double scaleMax = niceCeiling(max);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart pareto\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"Pareto of reducible contacts\">%n",
            PARETO_WIDTH,
            PARETO_HEIGHT,
            PARETO_WIDTH,
            PARETO_HEIGHT));
    for (int i = 0; i <= 4; i++) {
      double y = top + plotH - plotH * i / 4;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/><text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,.0f</text><text class=\"axis\" x=\"%.1f\" y=\"%.1f\">%d%%</text>%n",
              left,
              left + plotW,
              y,
              y,
              left - 6,
              y + 4,
              scaleMax * i / 4,
              left + plotW + 6,
              y + 4,
              25 * i));
    }
    int n = Math.max(1, sorted.size());
    double band = plotW / n;
    double running = 0;
    StringBuilder line = new StringBuilder();
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < sorted.size(); i++) {
      ReportData.Row r = sorted.get(i);
      double h = scaleMax == 0 ? 0 : plotH * r.reducible() / scaleMax;
      double x = left + band * i + band * 0.15;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bar\" data-topic=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>#%d %s: %,.0f reducible contacts</title></rect>%n",
              r.topicId(),
              x,
              top + plotH - h,
              band * 0.7,
              Math.max(h, 0.5),
              r.rank(),
              esc(r.label()),
              r.reducible()));
      double cx = left + band * i + band / 2;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"tick\" transform=\"translate(%.1f,%.1f) rotate(-35)\" text-anchor=\"end\">#%d %s</text>%n",
              cx,
              top + plotH + 14,
              r.rank(),
              esc(shorten(r.label(), 14))));
      running += r.reducible();
      double cy = top + plotH - (total == 0 ? 0 : plotH * running / total);
      line.append(String.format(Locale.ROOT, "%.1f,%.1f ", cx, cy));
      points.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"cum\" data-topic=\"%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"><title>%.0f%% of reducible contacts</title></circle>%n",
              r.topicId(),
              cx,
              cy,
              total == 0 ? 0.0 : 100 * running / total));
    }
    if (!sorted.isEmpty()) {
      svg.append("<polyline class=\"cumline\" points=\"")
          .append(line.toString().strip())
          .append("\"/>\n");
    }
    svg.append(points);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String comparison(ReportData.Comparison c) {
    StringBuilder out = new StringBuilder();
    out.append("<section id=\"compare\">\n<h2>Since ")
        .append(esc(c.previousWindow()))
        .append(" <span class=\"meta\">(run ")
        .append(esc(c.previousRunId()))
        .append(")</span></h2>\n");
    out.append(
        "<table class=\"compare\">\n<thead><tr><th>change</th><th>topic</th><th class=\"num\">reducible a month, before</th><th class=\"num\">now</th><th class=\"num\">rank before</th><th class=\"num\">now</th></tr></thead>\n<tbody>\n");
    for (ReportData.Change ch : c.shown()) {
      out.append("<tr class=\"change ")
          .append(ch.kind())
          .append("\"><td>")
          .append(ch.kind())
          .append("</td><td>")
          .append(esc(ch.label()))
          .append(" (")
          .append(ch.topicId())
          .append(")</td><td class=\"num\">")
          .append(ch.before() == null ? "" : String.format(Locale.ROOT, "%,.0f", ch.before()))
          .append("</td><td class=\"num\">")
          .append(ch.after() == null ? "" : String.format(Locale.ROOT, "%,.0f", ch.after()))
          .append("</td><td class=\"num\">")
          .append(ch.rankBefore() == null ? "" : ch.rankBefore())
          .append("</td><td class=\"num\">")
          .append(ch.rankAfter() == null ? "" : ch.rankAfter())
          .append("</td></tr>\n");
    }
    if (c.shown().isEmpty()) {
      out.append("<tr><td colspan=\"6\">")
          .append(ReportData.Comparison.NOTHING_CHANGED)
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
    return out.toString();
  }

  private static String table(ReportData data) {
    StringBuilder out = new StringBuilder();
    out.append(
            "<section id=\"backlog\">\n<h2>Backlog</h2>\n<table id=\"backlog-table\">\n<thead><tr>")
        .append(
            "<th class=\"num\">rank</th><th>topic</th><th class=\"num\">contacts</th><th class=\"num\">per 1,000 orders</th>")
        .append(
            "<th class=\"num\">reducible</th><th class=\"num\">headroom</th><th class=\"num\">saving a month (")
        .append(esc(data.currency()))
        .append(")</th><th>why</th></tr></thead>\n<tbody>\n");
    for (ReportData.Row r : data.rows()) {
      out.append(
          String.format(
              Locale.ROOT,
              "<tr class=\"backlog-row\" data-topic=\"%d\"><td class=\"num\">%d</td><td><a href=\"#topic-%d\">%s</a> <span class=\"id\">%d</span></td><td class=\"num\">%,d</td><td class=\"num\">%s</td><td class=\"num\">%,.0f</td><td class=\"num\">%.0f%%</td><td class=\"num\">%,.0f</td><td>%s</td></tr>%n",
              r.topicId(),
              r.rank(),
              r.topicId(),
              esc(r.label()),
              r.topicId(),
              r.tickets(),
              r.contactRateText(),
              r.reducible(),
              100 * r.headroomShare(),
              r.monthlySaving(),
              esc(r.why())));
    }
    out.append("</tbody>\n</table>\n</section>\n");
    return out.toString();
  }

  private static String topic(
      ReportData.Row r, List<ReportData.Week> weeks, ReportData.History runs) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "<article class=\"topic\" id=\"topic-%d\" data-topic=\"%d\">%n",
            r.topicId(),
            r.topicId()));
    out.append(
        String.format(
            Locale.ROOT,
            "<h3>#%d %s <span class=\"id\">topic %d</span></h3>%n",
            r.rank(),
            esc(r.label()),
            r.topicId()));
    out.append("<p class=\"terms\">")
        .append(esc(String.join(" · ", r.labelTerms())))
        .append("</p>\n");
    out.append(
        String.format(
            Locale.ROOT,
            "<p class=\"figures\">%,d contacts (%.1f%% of all) · %s per 1,000 orders · %,.0f reducible (%.0f%%) · repeats %.0f%% · trend %s%s%s%s</p>%n",
            r.tickets(),
            100 * r.share(),
            r.contactRateText(),
            r.reducible(),
            100 * r.headroomShare(),
            100 * r.repeatShare(),
            esc(r.trend()),
            r.spikeWeeks().isEmpty() ? "" : " · spikes " + esc(r.spikesText()),
            r.satisfactionText().isEmpty() ? "" : " · " + esc(r.satisfactionText()),
            (r.teamTag() == null ? "" : " · the team's tag " + esc(r.teamTag()))
                + (r.dominantTag() == null ? "" : " · agents tag it " + esc(r.dominantTag()))));
    String history = runs.describe(r.topicId());
    if (!history.isEmpty()) {
      out.append(
              String.format(
                  Locale.ROOT,
                  "<p class=\"history\" data-topic=\"%d\">Over the last runs (rank, reducible a"
                      + " month): ",
                  r.topicId()))
          .append(sparkline(runs.of(r.topicId())))
          .append(' ')
          .append(esc(history))
          .append("</p>\n");
    }
    out.append(
            "<div class=\"charts\">\n<figure>\n<figcaption>Contacts per 1,000 orders by week (red: spike; hollow: partial week, not judged)</figcaption>\n")
        .append(trend(r.topicId(), weeks))
        .append(
            "</figure>\n<figure>\n<figcaption>Top segments against their benchmark</figcaption>\n")
        .append(segments(r.topicId(), r.segments()))
        .append("</figure>\n</div>\n");
    if (!r.exemplars().isEmpty()) {
      out.append(
          "<details open><summary>Example tickets (personal data masked)</summary>\n<ul class=\"exemplars\">\n");
      for (Exemplar e : r.exemplars()) {
        out.append("<li><span class=\"id\">")
            .append(esc(e.ticketId()))
            .append("</span> ")
            .append(esc(e.text()))
            .append("</li>\n");
      }
      out.append("</ul>\n</details>\n");
    }
    out.append("</article>\n");
    return out.toString();
  }

  /** One marked week on the weekly chart: a circle of {@code cssClass} with its title, escaped. */
  private static String dot(String cssClass, int topicId, double x, double y, String title) {
    return String.format(
        Locale.ROOT,
        "<circle class=\"%s\" data-topic=\"%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"><title>%s</title></circle>%n",
        cssClass,
        topicId,
        x,
        y,
        esc(title));
  }

  /**
   * A topic's reducible contacts a month over the runs as a small line; a run without the topic
   * breaks the line.
   */
  static String sparkline(List<ReportData.History.Point> points) {
    int width = 90;
    int height = 18;
    double max =
        points.stream()
            .filter(p -> p.monthlyReducible() != null)
            .mapToDouble(ReportData.History.Point::monthlyReducible)
            .max()
            .orElse(0);
    StringBuilder path = new StringBuilder();
    boolean drawing = false;
    for (int i = 0; i < points.size(); i++) {
      Double value = points.get(i).monthlyReducible();
      if (value == null) {
        drawing = false;
        continue;
      }
      double x = points.size() == 1 ? width / 2.0 : 2 + (width - 4.0) * i / (points.size() - 1);
      double y = height - 2 - (max > 0 ? (height - 4.0) * value / max : 0);
      path.append(String.format(Locale.ROOT, "%s%.1f %.1f ", drawing ? "L" : "M", x, y));
      drawing = true;
    }
    return String.format(
        Locale.ROOT,
        "<svg class=\"spark\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\"><path d=\"%s\"/></svg>",
        width,
        height,
        width,
        height,
        path.toString().trim());
  }

  /**
   * The weekly rate as a line, spike weeks as red dots, partial weeks (orders incomplete, not
   * judged) as hollow grey dots.
   */
  static String trend(int topicId, List<ReportData.Week> weeks) {
    int left = 40;
    int right = 10;
    int top = 10;
    int bottom = 24;
    double plotW = TREND_WIDTH - left - right;
    double plotH = TREND_HEIGHT - top - bottom;
    double max =
        weeks.stream()
            .filter(w -> w.contactRate() != null)
            .mapToDouble(ReportData.Week::contactRate)
            .max()
            .orElse(0);
    double scaleMax = niceCeiling(max);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart trend\" data-topic=\"%d\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">%n",
            topicId,
            TREND_WIDTH,
            TREND_HEIGHT,
            TREND_WIDTH,
            TREND_HEIGHT));
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"grid\" x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/><text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text><text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>%n",
            left,
            left + plotW,
            (double) top,
            (double) top,
            left - 4,
            top + 4.0,
            compact(scaleMax),
            left - 4,
            top + plotH + 4));
    int n = weeks.size();
    StringBuilder line = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < n; i++) {
      ReportData.Week w = weeks.get(i);
      if (w.contactRate() == null) {
        continue;
      }
      double x = left + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
      double y = top + plotH - (scaleMax == 0 ? 0 : plotH * w.contactRate() / scaleMax);
      line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      if (w.partial()) {
        String title =
            String.format(
                Locale.ROOT,
                "partial week of %s: orders do not cover all its days with contacts, so %.1f per"
                    + " 1,000 orders is not judged",
                w.week(),
                w.contactRate());
        dots.append(dot("partial", topicId, x, y, title));
      } else if (w.spike()) {
        String title =
            String.format(
                Locale.ROOT, "spike: week of %s, %.1f per 1,000 orders", w.week(), w.contactRate());
        dots.append(dot("spike", topicId, x, y, title));
      }
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<polyline class=\"trend-line\" data-topic=\"%d\" points=\"%s\"/>%n",
            topicId,
            line.toString().strip()));
    svg.append(dots);
    if (n > 0) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"axis\" x=\"%d\" y=\"%d\">%s</text><text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
              left,
              TREND_HEIGHT - 6,
              esc(weeks.get(0).week()),
              left + plotW,
              TREND_HEIGHT - 6,
              esc(weeks.get(n - 1).week())));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** Each top segment's rate as a bar, its benchmark as a dark tick. */
  static String segments(int topicId, List<ReportData.Segment> segments) {
    if (segments.isEmpty()) {
      return String.format(
          Locale.ROOT,
          "<p class=\"none\" data-topic=\"%d\">No segment is significantly above its benchmark: the topic is spread evenly.</p>%n",
          topicId);
    }
    int rowH = 30;
    int left = 150;
    int right = 110;
    int height = rowH * segments.size() + 10;
    double plotW = SEGMENT_WIDTH - left - right;
    double max =
        segments.stream()
            .mapToDouble(s -> Math.max(s.contactRate(), s.benchmarkRate()))
            .max()
            .orElse(0);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart segments\" data-topic=\"%d\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">%n",
            topicId,
            SEGMENT_WIDTH,
            height,
            SEGMENT_WIDTH,
            height));
    for (int i = 0; i < segments.size(); i++) {
      ReportData.Segment s = segments.get(i);
      double y = 5 + rowH * i;
      double w = max == 0 ? 0 : plotW * s.contactRate() / max;
      double b = max == 0 ? 0 : plotW * s.benchmarkRate() / max;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s=%s</text>%n",
              left - 6,
              y + 17,
              esc(s.dimension()),
              esc(s.segment())));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"segbar\" data-topic=\"%d\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\"><title>%s: %.1f per 1,000 orders, %,.0f contacts above the benchmark</title></rect>%n",
              topicId,
              left,
              y + 4,
              Math.max(w, 0.5),
              esc(s.describe()),
              s.contactRate(),
              s.excess()));
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"benchmark\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"><title>benchmark %.1f</title></line>%n",
              left + b,
              left + b,
              y,
              y + 26,
              s.benchmarkRate()));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\">%.1f vs %.1f</text>%n",
              left + Math.max(w, b) + 6,
              y + 17,
              s.contactRate(),
              s.benchmarkRate()));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String esc(String text) {
    return Escaping.html(text);
  }

  private static String shorten(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.codePointCount(0, text.length()) <= max
        ? text
        : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  private static String compact(double value) {
    return value >= 10
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * A round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or above the value.
   */
  static double niceCeiling(double value) {
    if (value <= 0) {
      return 0;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static final String CSS =
      """
      body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif;
             margin: 24px auto; max-width: 1000px; color: #1d2330; line-height: 1.45; padding: 0 16px; }
      h1 { margin-bottom: 4px; } h2 { margin-top: 32px; border-bottom: 1px solid #d8dce4; padding-bottom: 4px; }
      .spark { vertical-align: middle; } .spark path { fill: none; stroke: #2f6fde; stroke-width: 1.5; }
      .history { color: #5b6475; font-size: 0.9em; }
      h3 { margin-bottom: 2px; } .meta, .note, .terms, .id { color: #5b6475; font-size: 0.9em; }
      .failure { border-left: 4px solid #d7263d; padding: 4px 10px; background: #fdecee; }
      .notice { border-left: 4px solid #8a8f98; padding: 4px 10px; background: #f4f6fa; }
      .summary { font-size: 1.15em; }
      table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
      th, td { border-bottom: 1px solid #e4e7ee; padding: 5px 8px; text-align: left; vertical-align: top; }
      th { background: #f4f6fa; } td.num, th.num { text-align: right; white-space: nowrap; }
      .chart text { font-size: 11px; fill: #3b4456; } .axis { fill: #6b7385; }
      .grid { stroke: #e4e7ee; } .bar { fill: #3f6fd8; } .cumline { fill: none; stroke: #e0762d; stroke-width: 2; }
      .cum { fill: #e0762d; } .trend-line { fill: none; stroke: #3f6fd8; stroke-width: 1.8; }
      .spike { fill: #d7263d; } .partial { fill: #fff; stroke: #8a8f98; stroke-width: 1.5; } .segbar { fill: #9db5ee; } .benchmark { stroke: #1d2330; stroke-width: 2.5; }
      .charts { display: flex; flex-wrap: wrap; gap: 24px; } figure { margin: 8px 0; }
      figcaption { font-size: 0.85em; color: #5b6475; }
      article.topic { border-top: 1px solid #d8dce4; padding-top: 8px; margin-top: 16px; }
      .exemplars li { margin-bottom: 4px; } .change.rose td:first-child, .change.appeared td:first-child { color: #d7263d; }
      .change.fell td:first-child, .change.disappeared td:first-child { color: #1f8a4c; }
      footer { margin-top: 40px; font-size: 0.85em; color: #5b6475; border-top: 1px solid #d8dce4; padding-top: 8px; }
      """;

  private static final String METHOD =
      """
      <footer class="method">
      <p><b>Method.</b> Contact rate = contacts per 1,000 orders in the window. For each segment dimension
      (seller, category, order channel), a segment's first contacts are compared with what its mix of the
      other dimensions predicts; ratios are shrunk toward the typical rate by their evidence, and the
      order-weighted %s of segments is the benchmark. Excess = contacts above the benchmark,
      counted only where significant. The same is done over weeks. Reducible contacts = repeat contacts
      (same customer or order, same topic, within %d days) + the largest excess; headroom = reducible /
      contacts. A spike is a week far above the median of the %d weeks before it; a week or month whose
      orders do not cover all its days with contacts is partial (hollow dot) and never judged. Saving = reducible
      contacts x handle time x cost per minute, per month. Details and a worked example:
      docs/headroom.md in the Headroom project.</p>
      </footer>
      """;

  /** The method footnote with the figures the run used. */
  private static String method(ReportData.Method method) {
    return String.format(
        java.util.Locale.ROOT,
        METHOD,
        esc(method.benchmarkWords()),
        method.repeatDays(),
        method.spikeBaselineWeeks());
  }

  // Runs in the browser: every backlog row must have its bar, its line and its segment figure.
  private static final String CHECK =
      """
      (function () {
        var rows = document.querySelectorAll('tr.backlog-row');
        var missing = [];
        rows.forEach(function (row) {
          var id = row.getAttribute('data-topic');
          ['rect.bar', 'circle.cum', 'polyline.trend-line'].forEach(function (mark) {
            if (!document.querySelector(mark + '[data-topic="' + id + '"]')) { missing.push(mark + ' ' + id); }
          });
        });
        document.body.setAttribute('data-topics', String(rows.length));
        document.body.setAttribute('data-ready', missing.length === 0 ? 'ok' : 'missing ' + missing.join(', '));
      })();
      """;
}
