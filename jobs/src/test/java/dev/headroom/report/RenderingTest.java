package dev.headroom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.common.Escaping;
import dev.headroom.common.Exemplar;
import dev.headroom.stats.Satisfaction;
import dev.headroom.stats.SpikeAttribution;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The renderers on a hand-made backlog with the characters that break naive CSV and HTML. */
class RenderingTest {

  private static final String TRICKY = "배송이 \"아직\" 안 와요, 벌써 5일\n<script>alert(1)</script> & 환불?";

  private static ReportData data() {
    return data(new ReportData.Method(0.25, 7, 8, 3, 0.2));
  }

  private static ReportData data(ReportData.Method method) {
    return data(method, null);
  }

  private static ReportData data(ReportData.Method method, String lastFailure) {
    ReportData.Row row =
        new ReportData.Row(
            1,
            25,
            "배송 · 못 받다",
            List.of("배송", "못 받다"),
            120,
            0.4,
            51.3,
            0.2,
            40.4,
            0.3367,
            12_345,
            null,
            "rising",
            List.of("2026-03-09"),
            List.of(
                new SpikeAttribution.Driver("2026-03-09", "channel", "app", 0.86, 0.55, 61, 9.5)),
            List.of(new ReportData.Segment("seller_id", "S07", 143.5, 33.6, 30.2)),
            2.9,
            new Satisfaction(-0.121, -20.0, 40, -3.46),
            "배송>지연",
            List.of(new Exemplar("T1", TRICKY)),
            "배송>지연",
            null);
    return new ReportData(
        "rank-x",
        "2026-11-23T00:00:00Z",
        "2026-01",
        "2026-06",
        300,
        2340,
        24,
        "KRW",
        List.of(row),
        Map.of(
            25,
            List.of(
                new ReportData.Week("2026-03-02", 40.0, false, false),
                new ReportData.Week("2026-03-09", 90.0, true, false),
                new ReportData.Week("2026-03-16", 160.0, false, true))),
        null,
        method,
        lastFailure,
        new ReportData.History(
            List.of("2026-01..2026-04", "2026-01..2026-05", "2026-01..2026-06"),
            Map.of(
                25,
                List.of(
                    new ReportData.History.Point(2, 812.0),
                    new ReportData.History.Point(null, null),
                    new ReportData.History.Point(1, 6.73)))),
        List.of(
            new ReportData.Fix(
                25,
                "배송 · 못 받다",
                "2026-04-01",
                "seller_id=S07",
                "carrier <next-day>, \"S07\"",
                "verified",
                2180.4,
                1_234_000.0,
                "topic 25 (배송 · 못 받다) at seller_id=S07 from 2026-04-01: 143.5 -> 41.2 per 1,000"
                    + " orders; seller_id other than S07 33.6 -> 33.1; 2,180 contacts a month avoided"
                    + " (95% CI 1,950 to 2,390), worth 1,234,000 KRW a month: verified")));
  }

  /** The verified fixes lead the page and the Markdown, and have a CSV of their own. */
  @Test
  void fixesAreReportedWithTheirVerdict() {
    ReportData data = data();
    String html = HtmlReport.render(data);
    assertTrue(
        html.contains(
            "<li class=\"fix\" data-topic=\"25\" data-status=\"verified\"><b>verified</b> topic 25"),
        html);
    assertTrue(html.contains("(carrier &lt;next-day&gt;, &quot;S07&quot;)"), "the note, escaped");
    assertTrue(html.indexOf("id=\"fixes\"") < html.indexOf("id=\"topics\""), "before the topics");
    String md = BacklogMarkdown.render(data);
    assertTrue(md.contains("## Did the fixes work?\n\n- **verified**: topic 25 (배송 · 못 받다)"), md);
    String csv = FixesCsv.render(data);
    assertTrue(csv.startsWith(BacklogCsv.BOM + String.join(",", FixesCsv.HEADER) + "\r\n"), csv);
    assertTrue(
        csv.contains("25,배송 · 못 받다,2026-04-01,seller_id=S07,verified,2180.4,1234000,KRW,"), csv);
    assertTrue(csv.contains(",\"carrier <next-day>, \"\"S07\"\"\"\r\n"), csv);
  }

  /** The team's own tag (conf/taxonomy.txt) is shown beside the agents' dominant tag. */
  @Test
  void theTeamsTagIsShownBesideTheAgents() {
    String html = HtmlReport.render(data());
    assertTrue(html.contains("the team's tag 배송&gt;지연 · agents tag it 배송&gt;지연"), html);
  }

  /** A topic's place in earlier runs: a line per topic in the page, a table in the Markdown. */
  @Test
  void theBacklogOverTimeIsDrawnAndTabled() {
    String html = HtmlReport.render(data());
    assertTrue(
        html.contains("2026-01..2026-04 #2 812 · 2026-01..2026-05 - · 2026-01..2026-06 #1 7"),
        html);
    // The line breaks where the topic was absent: two moves, one per stretch. 812 is the top
    // (y 2), 6.73 sits 14 x 6.73 / 812 = 0.1 above the bottom (y 16).
    assertTrue(html.contains("<svg class=\"spark\""), html);
    assertTrue(html.contains("<path d=\"M2.0 2.0 M88.0 15.9\"/>"), html);
    String md = BacklogMarkdown.render(data());
    assertTrue(
        md.contains("| topic | 2026-01..2026-04 | 2026-01..2026-05 | 2026-01..2026-06 |"), md);
    assertTrue(md.contains("| 배송 · 못 받다 (25) | #2 812 | - | #1 7 |"), md);
    String csv = BacklogCsv.render(data());
    assertTrue(
        csv.contains(
            // dominant_tag, team_tag, not_actionable (empty: actionable), earlier_runs
            ",배송>지연,배송>지연,,2026-01..2026-04 #2 812 · 2026-01..2026-05 - · 2026-01..2026-06"
                + " #1 7,"),
        "the CSV's earlier_runs column: " + csv);
  }

  @Test
  void csvQuotesCommasQuotesAndLineBreaks() {
    String csv = BacklogCsv.render(data());
    assertTrue(csv.startsWith(BacklogCsv.BOM + "rank,topic_id,label,"));
    assertTrue(csv.contains("\"" + TRICKY.replace("\"", "\"\"") + "\""), csv);
    assertTrue(csv.contains(",seller_id=S07 143.5 vs 33.6,"), csv);
  }

  /** What drove a spike and what a topic costs in satisfaction reach every output a PM reads. */
  @Test
  void spikeDriversAndSatisfactionImpactAreInEveryOutput() {
    ReportData data = data();
    String spike = "2026-03-09 (86% at channel=app)";
    String csv = BacklogCsv.render(data);
    assertTrue(csv.contains("," + spike + ","), csv);
    assertTrue(csv.contains(",csat,csat_impact,nps,nps_impact,"), csv);
    assertTrue(csv.contains(",2.90,-0.121,-20.0,-3.46,"), csv);
    String html = HtmlReport.render(data);
    assertTrue(html.contains("spikes " + spike), html);
    assertTrue(html.contains("CSAT 2.90, impact -0.12; NPS -20 (40 answers), impact -3.5"), html);
    assertTrue(BacklogMarkdown.render(data).contains("spike " + spike));
  }

  @Test
  void aFailedLatestRunIsSaidAtTheTopOfEveryReport() {
    String failure =
        "The latest run, rank-y at 2026-12-01T00:00:00Z, failed in write: <disk full>.";
    ReportData data = data(new ReportData.Method(0.25, 7, 8, 3, 0.2), failure);
    assertTrue(
        HtmlReport.render(data).contains("<p class=\"failure\">" + Escaping.html(failure)),
        "HTML says it, escaped");
    assertTrue(BacklogMarkdown.render(data).contains("> " + failure), "Markdown says it");
    assertFalse(HtmlReport.render(data()).contains("class=\"failure\""), "nothing when none");
  }

  @Test
  void partialPeriodsAreDrawnHollowAndNamedAtTheTop() {
    ReportData data =
        data(
            new ReportData.Method(
                0.25, 7, 8, 3, 0.2, List.of("2026-03-16", "2026-03-23"), List.of("2026-03")));
    String html = HtmlReport.render(data);
    assertTrue(html.contains("<circle class=\"partial\" data-topic=\"25\""), "hollow dot");
    assertTrue(
        html.contains("<p class=\"notice partial-periods\">")
            && html.contains("weeks of 2026-03-16, 2026-03-23; months 2026-03."),
        html);
    assertTrue(BacklogMarkdown.render(data).contains("> " + data.method().partialNotice()));
    assertFalse(HtmlReport.render(data()).contains("partial-periods"), "no notice when none");
  }

  @Test
  void htmlEscapesTextAndDrawsEveryMark() {
    String html = HtmlReport.render(data());
    assertFalse(html.contains("<script>alert(1)"), "ticket text is escaped, never markup");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 환불?"));
    assertTrue(html.contains("<rect class=\"bar\" data-topic=\"25\""));
    assertTrue(html.contains("<circle class=\"spike\" data-topic=\"25\""));
    assertTrue(html.contains("<rect class=\"segbar\" data-topic=\"25\""));
    assertTrue(html.contains("<meta charset=\"utf-8\">"));
  }

  @Test
  void markdownEscapesPipes() {
    String md = BacklogMarkdown.render(data());
    assertTrue(md.contains("| 1 | 배송 · 못 받다 (25) | 120 | 51.3 | 40 |"), md);
    assertTrue(
        md.contains(
            "seller_id=S07 143.5 vs 33.6; repeats 20%; spike 2026-03-09 (86% at channel=app);"
                + " rising"),
        md);
  }

  @Test
  void theMethodIsStatedWithTheRunsOwnSettings() {
    ReportData data = data(new ReportData.Method(0.5, 14, 6, 2, 0.2));
    String html = HtmlReport.render(data);
    assertTrue(html.contains("order-weighted median of segments"), html);
    assertTrue(html.contains("within 14 days"), html);
    assertTrue(html.contains("the median of the 6 weeks before it"), html);
    assertFalse(html.contains("within 7 days") || html.contains("8 weeks"), "no built-in figure");
    assertTrue(BacklogMarkdown.render(data).contains("contacts above the median of comparable"));
    String header = BacklogCsv.render(data).lines().findFirst().orElseThrow();
    assertTrue(header.contains("top_segment_2,csat"), header);
    assertFalse(header.contains("top_segment_3"), header);
    assertEquals("best 10% quantile", new ReportData.Method(0.1, 7, 8, 3, 0.2).benchmarkWords());
  }

  @Test
  void axesEndOnRoundNumbers() {
    assertEquals(2500, HtmlReport.niceCeiling(2375));
    assertEquals(150, HtmlReport.niceCeiling(143.5));
    assertEquals(0, HtmlReport.niceCeiling(0));
  }
}
