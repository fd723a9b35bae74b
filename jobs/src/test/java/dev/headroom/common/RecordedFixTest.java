package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedFixTest {

  @Test
  void readsTheFileWithCommentsScopesAndNotesWithCommas() throws Exception {
    List<RecordedFix> fixes =
        RecordedFix.parse(
            "conf/fixes.csv",
            List.of(
                "# fixes",
                "",
                "topic_id, shipped_on, scope, note",
                "25,2026-04-01,seller_id=S07,next-day carrier, for S07",
                "29,2026-03-16,,checkout fix"));
    assertEquals(2, fixes.size());
    RecordedFix carrier = fixes.get(0);
    assertEquals("conf/fixes.csv:4", carrier.source());
    assertEquals(25, carrier.topicId());
    assertEquals(LocalDate.of(2026, 4, 1), carrier.shippedOn());
    assertEquals("seller_id=S07", carrier.scope());
    assertEquals("next-day carrier, for S07", carrier.note());
    assertEquals("all", fixes.get(1).scope());
    // The shipped file has the header and examples only.
    assertEquals(
        List.of(),
        RecordedFix.parse(
            "conf/fixes.csv",
            java.nio.file.Files.readAllLines(
                    dev.headroom.TestSpark.projectRoot().resolve("conf/fixes.csv"))
                .stream()
                .toList()));
  }

  /** Every mistake names the file and line, and what was expected. */
  @Test
  void mistakesNameTheFileAndLine() {
    String header = RecordedFix.HEADER;
    for (var bad :
        List.of(
            List.of("id,day", "x"),
            List.of(header, "twenty-five,2026-04-01,,"),
            List.of(header, "25,April first,,"),
            List.of(header, "25,2026-04-01,S07,"))) {
      InputException e =
          assertThrows(InputException.class, () -> RecordedFix.parse("conf/fixes.csv", bad));
      String line = bad.get(0).equals(header) ? ":2" : ":1";
      assertTrue(e.getMessage().startsWith("conf/fixes.csv" + line + " "), e.getMessage());
    }
  }
}
