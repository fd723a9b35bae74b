package dev.headroom.report;

import dev.headroom.common.Escaping;
import dev.headroom.common.RankSettings;
import dev.headroom.stats.Satisfaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The backlog as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows Korean), one
 * row per topic, RFC 4180 quoting, segments and exemplars in columns of their own.
 */
public final class BacklogCsv {

  /** The byte-order mark Excel needs to read the file as UTF-8. */
  public static final String BOM = "\uFEFF";

  /** Top segments written, one column each. */
  /** Segment columns when a run states none: the default of {@code rank.top-segments}. */
  public static final int SEGMENT_COLUMNS_DEFAULT = RankSettings.TOP_SEGMENTS_DEFAULT;

  /** Exemplars written, one column each. */
  public static final int EXEMPLAR_COLUMNS = 5;

  private BacklogCsv() {}

  /** The header names, in order. */
  public static List<String> header(int segmentColumns) {
    List<String> header =
        new ArrayList<>(
            List.of(
                "rank",
                "topic_id",
                "label",
                "label_terms",
                "contacts",
                "share_pct",
                "contacts_per_1000_orders",
                "repeat_pct",
                "reducible_contacts",
                "headroom_pct",
                "monthly_saving",
                "currency",
                "roi",
                "trend",
                "spike_weeks"));
    for (int i = 1; i <= segmentColumns; i++) {
      header.add("top_segment_" + i);
    }
    header.addAll(
        List.of(
            "csat",
            "csat_impact",
            "nps",
            "nps_impact",
            "dominant_tag",
            "team_tag",
            "not_actionable",
            "earlier_runs"));
    for (int i = 1; i <= EXEMPLAR_COLUMNS; i++) {
      header.add("exemplar_" + i);
    }
    return header;
  }

  /** The whole file, BOM first, lines ending in CRLF as RFC 4180 has it. */
  public static String render(ReportData data) {
    StringBuilder out = new StringBuilder(BOM);
    int segmentColumns = data.method().segmentColumns();
    line(out, header(segmentColumns));
    for (ReportData.Row r : data.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(r.rank()));
      cells.add(Integer.toString(r.topicId()));
      cells.add(r.label());
      cells.add(String.join(" · ", r.labelTerms()));
      cells.add(Long.toString(r.tickets()));
      cells.add(number(100 * r.share(), 1));
      cells.add(r.contactRate() == null ? "" : number(r.contactRate(), 2));
      cells.add(number(100 * r.repeatShare(), 1));
      cells.add(number(r.reducible(), 1));
      cells.add(number(100 * r.headroomShare(), 1));
      cells.add(number(r.monthlySaving(), 0));
      cells.add(data.currency());
      cells.add(r.roi() == null ? "" : number(r.roi(), 0));
      cells.add(r.trend());
      cells.add(r.spikesText());
      for (int i = 0; i < segmentColumns; i++) {
        cells.add(i < r.segments().size() ? r.segments().get(i).describe() : "");
      }
      cells.add(r.csat() == null ? "" : number(r.csat(), 2));
      Satisfaction s = r.satisfaction();
      cells.add(s.csatImpact() == null ? "" : number(s.csatImpact(), 3));
      cells.add(s.nps() == null ? "" : number(s.nps(), 1));
      cells.add(s.npsImpact() == null ? "" : number(s.npsImpact(), 2));
      cells.add(r.dominantTag() == null ? "" : r.dominantTag());
      cells.add(r.teamTag() == null ? "" : r.teamTag());
      cells.add(
          r.notActionable() == null
              ? ""
              : "yes" + (r.notActionable().isEmpty() ? "" : ": " + r.notActionable()));
      cells.add(data.history().describe(r.topicId()));
      for (int i = 0; i < EXEMPLAR_COLUMNS; i++) {
        cells.add(i < r.exemplars().size() ? r.exemplars().get(i).text() : "");
      }
      line(out, cells);
    }
    return out.toString();
  }

  // CRLF: the line ending spreadsheets expect.
  private static void line(StringBuilder out, List<String> cells) {
    out.append(Escaping.csvLine(cells, "\r\n"));
  }

  private static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
