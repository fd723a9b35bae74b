package dev.headroom.report;

import dev.headroom.common.Escaping;
import java.util.List;
import java.util.Locale;

/** The verified fixes as CSV for spreadsheets: UTF-8 with a byte-order mark, one row per fix. */
public final class FixesCsv {

  /** The header names, in order. */
  public static final List<String> HEADER =
      List.of(
          "topic_id",
          "label",
          "shipped_on",
          "scope",
          "status",
          "contacts_avoided_per_month",
          "saving_per_month",
          "currency",
          "summary",
          "note");

  private FixesCsv() {}

  /** The whole file, BOM first, lines ending in CRLF. */
  public static String render(ReportData data) {
    StringBuilder out = new StringBuilder(BacklogCsv.BOM);
    out.append(Escaping.csvLine(HEADER, "\r\n"));
    for (ReportData.Fix f : data.fixes()) {
      out.append(
          Escaping.csvLine(
              List.of(
                  Integer.toString(f.topicId()),
                  f.label(),
                  f.shippedOn(),
                  f.scope(),
                  f.status(),
                  f.avoidedPerMonth() == null
                      ? ""
                      : String.format(Locale.ROOT, "%.1f", f.avoidedPerMonth()),
                  f.savingPerMonth() == null
                      ? ""
                      : String.format(Locale.ROOT, "%.0f", f.savingPerMonth()),
                  data.currency(),
                  f.summary(),
                  f.note()),
              "\r\n"));
    }
    return out.toString();
  }
}
