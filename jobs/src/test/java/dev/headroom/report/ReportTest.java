package dev.headroom.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.RankedGeneratedData;
import dev.headroom.TestSpark;
import dev.headroom.backlog.RankJob;
import dev.headroom.backlog.RankResult;
import dev.headroom.generate.CauseCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} on a generated, ranked warehouse: the CSV reads back, the Markdown says what
 * changed, and the HTML page, opened in headless Chromium, draws a mark for every topic.
 */
class ReportTest {

  private static final SparkSession spark = TestSpark.session();
  private static Path reportDir;
  private static ReportResult report;
  private static List<Row> backlog;

  @BeforeAll
  static void rankTwiceAndReport() {
    Path warehouse = RankedGeneratedData.warehouse();
    RankResult full = RankedGeneratedData.result();
    // An earlier window to compare with: before March, when app crashes began.
    RankResult earlier =
        RankJob.of(spark, RankedGeneratedData.config())
            .outputRoot(warehouse.toString())
            .window(YearMonth.of(2026, 1), YearMonth.of(2026, 2))
            .execute();
    reportDir = TestSpark.projectRoot().resolve("jobs/target/report-test");
    report =
        ReportJob.of(spark, RankedGeneratedData.config())
            .outputRoot(warehouse.toString())
            .runId(full.runId())
            .compareWith(earlier.runId())
            .reportDir(reportDir.toString())
            .execute();
    backlog =
        spark
            .read()
            .format("delta")
            .load(warehouse.resolve("backlog").toString())
            .filter(col("run_id").equalTo(full.runId()))
            .orderBy("rank")
            .collectAsList();
  }

  @Test
  void csvReadsBackWithEveryRowAndKoreanIntact() throws Exception {
    byte[] bytes = Files.readAllBytes(reportDir.resolve(ReportJob.CSV));
    assertEquals(0xEF, bytes[0] & 0xFF, "UTF-8 byte-order mark for Excel");
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    List<List<String>> records = parseCsv(text);
    assertEquals(BacklogCsv.header(BacklogCsv.SEGMENT_COLUMNS_DEFAULT), records.get(0));
    assertEquals(backlog.size(), records.size() - 1, "one line per topic");
    int label = records.get(0).indexOf("label");
    int terms = records.get(0).indexOf("label_terms");
    int exemplar = records.get(0).indexOf("exemplar_1");
    for (int i = 0; i < backlog.size(); i++) {
      Row row = backlog.get(i);
      List<String> record = records.get(i + 1);
      assertEquals(Integer.toString(row.getInt(row.fieldIndex("rank"))), record.get(0));
      assertEquals(row.getString(row.fieldIndex("label")), record.get(label));
      assertEquals(
          String.join(" · ", row.<String>getList(row.fieldIndex("label_terms"))),
          record.get(terms));
      List<Row> exemplars = row.getList(row.fieldIndex("exemplars"));
      assertEquals(
          exemplars.get(0).getString(1),
          record.get(exemplar),
          "exemplar text, commas and quotes included");
    }
    assertTrue(text.contains("배송"), "Korean label terms survive");
  }

  @Test
  void comparisonFindsTheTopicThatAppeared() throws Exception {
    ReportData.Comparison comparison = report.data().comparison();
    ReportData.Change crashes =
        comparison.changes().stream()
            .filter(c -> c.label().equals(CauseCatalog.EMERGING))
            .findFirst()
            .orElseThrow();
    assertEquals("appeared", crashes.kind(), "app crashes start in the last month");
    String markdown = Files.readString(reportDir.resolve(ReportJob.MARKDOWN));
    assertTrue(markdown.contains("appeared: " + CauseCatalog.EMERGING), markdown);
    assertTrue(
        markdown.contains("| 1 | " + backlog.get(0).getString(backlog.get(0).fieldIndex("label"))),
        markdown);
  }

  /**
   * The report of the latest run follows each topic back through the runs before it: its rank and
   * reducible contacts a month in each, as the backlog table has them, in every output.
   */
  @Test
  void backlogOverTimeFollowsEachTopicThroughTheRuns(@TempDir Path dir) throws Exception {
    ReportResult latest =
        ReportJob.of(spark, RankedGeneratedData.config())
            .outputRoot(RankedGeneratedData.warehouse().toString())
            .reportDir(dir.toString())
            .execute();
    ReportData.History history = latest.data().history();
    assertEquals(List.of("2026-01..2026-03", "2026-01..2026-02"), history.windows());
    Dataset<Row> table =
        spark
            .read()
            .format("delta")
            .load(RankedGeneratedData.warehouse().resolve("backlog").toString());
    List<String> runs = List.of(report.data().runId(), latest.data().runId());
    for (ReportData.Row row : latest.data().rows()) {
      List<ReportData.History.Point> points = history.of(row.topicId());
      for (int i = 0; i < runs.size(); i++) {
        Row r =
            table
                .filter(
                    col("run_id").equalTo(runs.get(i)).and(col("topic_id").equalTo(row.topicId())))
                .first();
        assertEquals(r.getInt(r.fieldIndex("rank")), points.get(i).rank(), row.label());
        assertEquals(
            r.getDouble(r.fieldIndex("reducible_contacts")) / r.getInt(r.fieldIndex("months")),
            points.get(i).monthlyReducible(),
            1e-9,
            row.label());
      }
    }
    ReportData.Row top = latest.data().rows().get(0);
    ReportData.History.Point before = history.of(top.topicId()).get(0);
    String markdown = Files.readString(dir.resolve(ReportJob.MARKDOWN));
    assertTrue(markdown.contains("| topic | 2026-01..2026-03 | 2026-01..2026-02 |"), markdown);
    assertTrue(
        markdown.contains(
            String.format(
                java.util.Locale.ROOT,
                "(%d) | #%d %,.0f |",
                top.topicId(),
                before.rank(),
                before.monthlyReducible())),
        markdown);
    String html = Files.readString(dir.resolve(ReportJob.HTML));
    assertTrue(html.contains("<p class=\"history\" data-topic=\"" + top.topicId() + "\""), html);
    assertTrue(html.contains(history.describe(top.topicId())), html);
  }

  @Test
  void htmlOpensInABrowserWithAChartMarkForEveryTopic() throws Exception {
    Path html = reportDir.resolve(ReportJob.HTML);
    String source = Files.readString(html);
    assertFalse(
        source.matches("(?s).*(src|href)=\"https?:.*"),
        "no network resources: the page is self-contained");
    HeadlessChromium chromium = HeadlessChromium.findOrInstall(reportDir.getParent());
    HeadlessChromium.Page page = chromium.load(html);
    int topics = backlog.size();
    assertTrue(
        page.dom().contains("data-ready=\"ok\""),
        "the page's own check found every mark: " + readyAttribute(page.dom()));
    assertTrue(
        page.dom().contains("data-topics=\"" + topics + "\""),
        "its script ran over every backlog row");
    assertEquals(List.of(), page.consoleMessages(), "no console errors or messages");
    assertEquals(topics, count(page.dom(), "<rect class=\"bar\""), "a Pareto bar per topic");
    assertEquals(
        topics, count(page.dom(), "<circle class=\"cum\""), "a cumulative point per topic");
    assertEquals(
        topics, count(page.dom(), "<polyline class=\"trend-line\""), "a weekly line per topic");
    assertTrue(count(page.dom(), "<circle class=\"spike\"") >= 1, "the planted spike is marked");
    assertEquals(topics, count(page.dom(), "class=\"backlog-row\""), "a table row per topic");
    // The two recorded fixes of the generated data, with the verdicts of the fixes table.
    assertEquals(2, count(page.dom(), "<li class=\"fix\""), "a line per recorded fix");
    assertTrue(page.dom().contains("data-status=\"verified\"><b>verified</b>"), "the planted fix");
    assertTrue(
        page.dom().contains("data-status=\"not significant\"><b>not significant</b>"),
        "the fix that changed nothing");
    assertTrue(Files.exists(reportDir.resolve(ReportJob.FIXES_CSV)), "fixes.csv");
    for (Row row : backlog) {
      assertTrue(
          page.dom().contains(row.getString(row.fieldIndex("label"))),
          "row of " + row.getString(row.fieldIndex("label")));
    }
    String korean =
        backlog.stream()
            .flatMap(r -> r.<Row>getList(r.fieldIndex("exemplars")).stream())
            .map(e -> e.getString(1))
            .filter(t -> t.matches(".*[가-힣].*") && !t.matches(".*[&<>].*"))
            .findFirst()
            .orElseThrow();
    assertTrue(page.dom().contains(korean), "Korean exemplar text as written: " + korean);
    Path png = reportDir.resolve("report.png");
    chromium.screenshot(html, png, 1100, 2400);
    assertTrue(Files.size(png) > 20_000, "a screenshot with content at " + png);
  }

  private static String readyAttribute(String dom) {
    Matcher m = Pattern.compile("data-ready=\"([^\"]*)\"").matcher(dom);
    return m.find() ? m.group(1) : "(no data-ready: the script did not run)";
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
  private static List<List<String>> parseCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    return records;
  }
}
