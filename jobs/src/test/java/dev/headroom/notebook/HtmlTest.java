package dev.headroom.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlTest {

  private static List<Double> barWidths(String svg) {
    List<Double> widths = new ArrayList<>();
    Matcher m =
        Pattern.compile("class=\"bar\" x=\"\\d+\" y=\"\\d+\" width=\"([0-9.]+)\"").matcher(svg);
    while (m.find()) {
      widths.add(Double.parseDouble(m.group(1)));
    }
    return widths;
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  @Test
  void barsAreProportionalToTheirValuesWithATickWhereThereIsABenchmark() {
    String svg =
        Html.bars(
            "Contact rate",
            List.of("S07", "S03", "<S01>"),
            List.of(143.5, 71.75, 0.0),
            Arrays.asList(33.6, null, 30.0),
            "benchmark");

    List<Double> widths = barWidths(svg);
    assertEquals(3, widths.size());
    assertEquals(widths.get(0) / 2, widths.get(1), 0.1);
    assertEquals(0.0, widths.get(2), 0.0);
    assertEquals(2, count(svg, "class=\"marker\""), "one tick per benchmark given");
    assertTrue(svg.contains("&lt;S01&gt;") && !svg.contains("<S01>"), "labels are escaped");
    assertTrue(svg.contains(">benchmark</text>"), "the legend says what the tick is");
  }

  @Test
  void barsWithMoreLabelsThanValuesAreRefusedWithTheCounts() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> Html.bars("x", List.of("a", "b"), List.of(1.0)));
    assertTrue(error.getMessage().contains("2 labels, 1 values"), error.getMessage());
  }

  @Test
  void aLineMarksItsSpikePeriodsAndSkipsMissingValues() {
    String svg =
        Html.line(
            "Weekly rate",
            List.of("2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"),
            Arrays.asList(1.0, 4.0, null, 1.2),
            List.of(false, true, false, false),
            "spike week");

    assertEquals(1, count(svg, "class=\"mark\""));
    assertTrue(svg.contains("<title>2026-03-09</title>"), "the spike dot names its week");
    Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
    assertTrue(points.find());
    assertEquals(3, points.group(1).split(" ").length, "the missing week is not drawn");
  }

  @Test
  void tableCellsReadAsPeopleWriteNumbersAndLists() {
    String html =
        Html.table(
            List.of("topic", "contacts", "rate", "share", "terms"),
            List.of(List.of(25, 8079L, 51.34, 0.2417, List.of("배송", "못_받다"))));

    assertTrue(html.contains("<td style=\"text-align:right\">8,079</td>"), html);
    assertTrue(html.contains(">51.3<"), html);
    assertTrue(html.contains(">0.242<"), html);
    assertTrue(html.contains(">배송 · 못_받다</td>"), html);
  }
}
