package dev.headroom.notebook;

import dev.headroom.common.Escaping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * Tables and charts for notebooks, as self-contained HTML (inline SVG, no scripts, no external
 * resources), shown with {@code display(html, "text/html")} in any Java kernel.
 */
public final class Html {

  private static final int BAR_AREA_WIDTH = 420;
  private static final int LABEL_WIDTH = 230;
  private static final int ROW_HEIGHT = 22;

  private Html() {}

  /** The first {@code limit} rows of {@code rows} as a table, the columns as the header. */
  public static String table(Dataset<Row> rows, int limit) {
    List<String> header = List.of(rows.columns());
    List<List<?>> values = new ArrayList<>();
    for (Row r : rows.limit(limit).collectAsList()) {
      List<Object> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        cells.add(r.get(i));
      }
      values.add(cells);
    }
    return table(header, values);
  }

  /** A table of already collected values: numbers right-aligned and grouped, lists joined. */
  public static String table(List<String> header, List<? extends List<?>> rows) {
    StringBuilder html = new StringBuilder("<table class=\"headroom\">\n<thead><tr>");
    for (String name : header) {
      html.append("<th style=\"text-align:left\">").append(escape(name)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (List<?> row : rows) {
      html.append("<tr>");
      for (Object value : row) {
        boolean number = value instanceof Number;
        html.append(number ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
            .append(escape(format(value)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    return html.append("</tbody></table>\n").toString();
  }

  /**
   * A horizontal bar per label, its value written beside it; where {@code markers} has a value a
   * dark tick marks it on the same scale (a benchmark, an earlier run).
   *
   * @param markers null for none, else one value (or null) per label
   * @param markerMeaning what the tick is, for the legend (ignored without markers)
   */
  public static String bars(
      String title,
      List<String> labels,
      List<? extends Number> values,
      List<? extends Number> markers,
      String markerMeaning) {
    if (labels.size() != values.size() || (markers != null && markers.size() != labels.size())) {
      throw new IllegalArgumentException(
          "bars needs one value"
              + (markers != null ? " and one marker" : "")
              + " per label: "
              + labels.size()
              + " labels, "
              + values.size()
              + " values"
              + (markers != null ? ", " + markers.size() + " markers" : ""));
    }
    double max = 0;
    for (int i = 0; i < values.size(); i++) {
      max = Math.max(max, value(values.get(i)));
      if (markers != null) {
        max = Math.max(max, value(markers.get(i)));
      }
    }
    double scale = max > 0 ? BAR_AREA_WIDTH / max : 0;
    int width = LABEL_WIDTH + BAR_AREA_WIDTH + 90;
    int height = 30 + ROW_HEIGHT * labels.size() + (markers != null ? 22 : 0);
    StringBuilder svg = svgStart(title, width, height);
    for (int i = 0; i < labels.size(); i++) {
      int y = 28 + ROW_HEIGHT * i;
      double v = value(values.get(i));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"12\">%s</text>%n",
              LABEL_WIDTH - 6,
              y + 14,
              escape(labels.get(i))));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4c78a8\"/>%n",
              LABEL_WIDTH,
              y + 3,
              v * scale,
              ROW_HEIGHT - 6));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#333\">%s</text>%n",
              LABEL_WIDTH + v * scale + 4,
              y + 14,
              escape(format(values.get(i)))));
      if (markers != null && markers.get(i) != null) {
        double m = value(markers.get(i)) * scale + LABEL_WIDTH;
        svg.append(
            String.format(
                Locale.ROOT,
                "<line class=\"marker\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#222\" stroke-width=\"3\"/>%n",
                m,
                m,
                y,
                y + ROW_HEIGHT));
      }
    }
    if (markers != null) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#222\" stroke-width=\"3\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n",
              LABEL_WIDTH,
              LABEL_WIDTH,
              height - 18,
              height - 4,
              LABEL_WIDTH + 8,
              height - 6,
              escape(markerMeaning)));
    }
    return svg.append("</svg>\n").toString();
  }

  /** Bars without markers. */
  public static String bars(String title, List<String> labels, List<? extends Number> values) {
    return bars(title, labels, values, null, "");
  }

  /**
   * A line over ordered periods (weeks, months); the points where {@code marked} is true are drawn
   * as large red dots (spike weeks). Missing values (null) break nothing: they are skipped.
   */
  public static String line(
      String title,
      List<String> periods,
      List<? extends Number> values,
      List<Boolean> marked,
      String markedMeaning) {
    if (periods.size() != values.size() || (marked != null && marked.size() != periods.size())) {
      throw new IllegalArgumentException(
          "line needs one value (and one mark) per period: "
              + periods.size()
              + " periods, "
              + values.size()
              + " values");
    }
    int plotWidth = Math.max(300, Math.min(760, 16 * periods.size()));
    int left = 50;
    int plotHeight = 160;
    int width = left + plotWidth + 20;
    int height = 30 + plotHeight + 46;
    double max = values.stream().mapToDouble(Html::value).max().orElse(0);
    double yScale = max > 0 ? plotHeight / max : 0;
    double xStep = periods.size() > 1 ? (double) plotWidth / (periods.size() - 1) : 0;
    StringBuilder svg = svgStart(title, width, height);
    int base = 30 + plotHeight;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
            left,
            left + plotWidth,
            base,
            base));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\">%s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\">0</text>%n",
            left - 4,
            34,
            escape(format(max)),
            left - 4,
            base));
    StringBuilder points = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < periods.size(); i++) {
      double x = left + xStep * i;
      if (values.get(i) != null) {
        double y = base - value(values.get(i)) * yScale;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        if (marked != null && Boolean.TRUE.equals(marked.get(i))) {
          dots.append(
              String.format(
                  Locale.ROOT,
                  "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#d62728\"><title>%s</title></circle>%n",
                  x,
                  y,
                  escape(periods.get(i))));
        }
      }
      int step = Math.max(1, periods.size() / 6);
      boolean clearOfLast = periods.size() - 1 - i >= step / 2 + 1;
      if (i == 0 || i == periods.size() - 1 || (i % step == 0 && clearOfLast)) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>%n",
                x,
                base + 14,
                escape(periods.get(i))));
      }
    }
    svg.append("<polyline fill=\"none\" stroke=\"#4c78a8\" stroke-width=\"2\" points=\"")
        .append(points.toString().strip())
        .append("\"/>\n")
        .append(dots);
    if (marked != null) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"#d62728\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n",
              left + 5,
              height - 10,
              left + 14,
              height - 6,
              escape(markedMeaning)));
    }
    return svg.append("</svg>\n").toString();
  }

  /** Text made safe to put inside HTML or SVG. */
  public static String escape(String text) {
    return Escaping.html(text);
  }

  /** How a value reads in a table: grouped whole numbers, 3 significant decimals, lists joined. */
  static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return String.valueOf(d);
      }
      return Math.abs(d) >= 100
          ? String.format(Locale.ROOT, "%,.0f", d)
          : Math.abs(d) >= 1
              ? String.format(Locale.ROOT, "%.1f", d)
              : String.format(Locale.ROOT, "%.3f", d);
    }
    if (value instanceof Long || value instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      return format(JavaConverters.seqAsJavaList(seq));
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      return format(JavaConverters.mapAsJavaMap(map));
    }
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(v -> parts.add(format(v)));
      return String.join(" · ", parts);
    }
    if (value instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      map.forEach((k, v) -> parts.add(format(k) + "=" + format(v)));
      return String.join(", ", parts);
    }
    if (value instanceof Row row) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        parts.add(format(row.get(i)));
      }
      return "(" + String.join(", ", parts) + ")";
    }
    return value.toString();
  }

  private static double value(Number n) {
    return n == null ? 0 : n.doubleValue();
  }

  private static StringBuilder svgStart(String title, int width, int height) {
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\">%n",
            width,
            height,
            width,
            height,
            escape(title)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
            escape(title)));
    return svg;
  }
}
