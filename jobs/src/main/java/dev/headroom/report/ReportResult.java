package dev.headroom.report;

import java.util.List;
import java.util.Locale;

/**
 * What one {@code report} run wrote.
 *
 * @param rankRunId the rank run reported
 * @param comparedWith the rank run it was compared with, or null
 * @param dir the report folder
 * @param files the files written
 * @param data what the report shows
 */
public record ReportResult(
    String rankRunId, String comparedWith, String dir, List<String> files, ReportData data) {

  /** For the terminal: where the files are and how to open the page. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "report of %s (%s to %s, %d topics)%s%n",
            rankRunId,
            data.windowFrom(),
            data.windowTo(),
            data.rows().size(),
            comparedWith == null ? "" : ", compared with " + comparedWith));
    if (data.method().partialNotice() != null) {
      out.append("  note: ").append(data.method().partialNotice()).append('\n');
    }
    if (data.lastFailure() != null) {
      out.append("  warning: ").append(data.lastFailure()).append('\n');
    }
    for (String file : files) {
      out.append("  ").append(file).append('\n');
    }
    out.append("  open ").append(dir).append("/").append(ReportJob.HTML).append(" in a browser\n");
    return out.toString();
  }
}
