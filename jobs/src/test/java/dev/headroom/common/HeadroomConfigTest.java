package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadroomConfigTest {

  @Test
  void defaultsApplyWhenNothingIsSet() {
    HeadroomConfig config = HeadroomConfig.fromMap(Map.of(), "test");
    assertEquals("Asia/Seoul", config.timeZone().getId());
    assertEquals(ConfigKeys.MAX_TEXT_CHARS_DEFAULT, config.maxTextChars());
    assertEquals(List.of("ticket_id"), config.tickets().sourceColumns("ticket_id"));
  }

  @Test
  void unknownKeysAreRejectedByName() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                HeadroomConfig.fromMap(
                    Map.of("tickets.colums.text", "body", "time-zone", "UTC"), "my.properties"));
    assertTrue(e.getMessage().contains("tickets.colums.text"), e.getMessage());
    assertTrue(e.getMessage().contains("my.properties"), e.getMessage());
  }

  @Test
  void badValuesNameTheKeyAndTheValue() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> HeadroomConfig.fromMap(Map.of("ingest.max-text-chars", "lots"), "test"));
    assertTrue(e.getMessage().contains("ingest.max-text-chars") && e.getMessage().contains("lots"));
    e =
        assertThrows(
            InputException.class,
            () -> HeadroomConfig.fromMap(Map.of("time-zone", "Mars/Base"), "test"));
    assertTrue(e.getMessage().contains("time-zone"));
    e =
        assertThrows(
            InputException.class,
            () -> HeadroomConfig.fromMap(Map.of("orders.columns.order_id", "a,b"), "t"));
    assertTrue(e.getMessage().contains("orders.columns.order_id"));
  }

  @Test
  void rankKeysTakeChannelsAndTopicIds() {
    HeadroomConfig config =
        HeadroomConfig.fromMap(
            Map.of(
                "rank.cost-per-minute", "400",
                "rank.cost-per-minute.phone", "650",
                "rank.handle-minutes.email", "12",
                "rank.effort.25", "20"),
            "test");
    assertEquals(650.0, config.rank().costPerMinute("phone"));
    assertEquals(400.0, config.rank().costPerMinute("chat"));
    assertEquals(12.0, config.rank().handleMinutes("email"));
    assertEquals(20.0, config.rank().effortByTopic().get(25));
    assertTrue(config.rank().ranksByRoi());
    InputException e =
        assertThrows(
            InputException.class,
            () -> HeadroomConfig.fromMap(Map.of("rank.effort.delivery", "5"), "t"));
    assertTrue(e.getMessage().contains("rank.effort.delivery"), e.getMessage());
    e =
        assertThrows(
            InputException.class, () -> HeadroomConfig.fromMap(Map.of("rank.level", "cause"), "t"));
    assertTrue(
        e.getMessage().contains("rank.level") && e.getMessage().contains("cause"), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () -> HeadroomConfig.fromMap(Map.of("rank.cost-per-minute.chat", "-1"), "t"));
    assertTrue(e.getMessage().contains("rank.cost-per-minute.chat"), e.getMessage());
  }

  @Test
  void textMayJoinSeveralColumnsAndOverridesWin(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.properties");
    Files.writeString(
        file, "tickets.columns.text=subject, body\ntickets.path=a\n", StandardCharsets.UTF_8);
    HeadroomConfig config =
        HeadroomConfig.load(file, HeadroomConfig.parseOverrides(List.of("tickets.path=b")));
    assertEquals(List.of("subject", "body"), config.tickets().sourceColumns("text"));
    assertEquals("b", config.tickets().path());
  }

  @Test
  void theShippedConfigIsValid() {
    HeadroomConfig config =
        HeadroomConfig.load(TestSpark.projectRoot().resolve(HeadroomConfig.DEFAULT_FILE), Map.of());
    assertEquals(List.of("title", "body"), config.tickets().sourceColumns("text"));
    assertEquals(List.of("seller_id", "product_category", "channel"), config.orders().segments());
  }

  @Test
  void malformedOverridesAreRejected() {
    assertThrows(
        InputException.class, () -> HeadroomConfig.parseOverrides(List.of("no-equals-sign")));
  }
}
