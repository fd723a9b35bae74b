package dev.headroom.reliability;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.CommandRun;
import dev.headroom.TestSpark;
import dev.headroom.cli.HeadroomCli;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.ingest.IngestJob;
import dev.headroom.ingest.IngestResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw exports as data teams get them: every kind of bad row goes to {@code rejects} with its
 * reason, and every input the job cannot trust stops it with exit code 2, naming the file, before
 * anything is written. See docs/reliability.md for the list.
 */
class BadInputTest {

  private static final String HEADER =
      "ticket_id,created_at,title,body,channel,order_id,handle_seconds,csat\n";
  private static final Instant RUN = Instant.parse("2026-07-01T00:00:00Z");

  private final SparkSession spark = TestSpark.session();

  @AfterEach
  void ingestLeavesNothingCachedAlsoWhenItStops() {
    assertTrue(
        spark.sharedState().cacheManager().isEmpty(), "datasets ingest persisted are still cached");
  }

  /** One CSV line of a ticket; the text goes in the body. */
  private static String ticket(
      String id, String createdAt, String body, String handleSeconds, String csat) {
    return String.join(",", id, createdAt, "", body, "chat", "O1", handleSeconds, csat) + "\n";
  }

  @Test
  void everyBadRowIsQuarantinedWithItsReasonAndNothingIsLost(@TempDir Path dir) throws Exception {
    // Each ticket id names what is planted in its row; the expected outcome is the map below.
    Map<String, String> expected = new LinkedHashMap<>();
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
    java.util.function.BiConsumer<String, String> add =
        (line, outcome) -> {
          csv.writeBytes(line.getBytes(StandardCharsets.UTF_8));
          expected.put(line.substring(0, line.indexOf(',')), outcome);
        };
    add.accept(ticket("KST", "2026-01-05 10:00:00", "배송이 안 와요", "\"1,200\"", "4"), "clean");
    // The same instant written four other ways: an offset, UTC, no offset (read in Asia/Seoul).
    add.accept(ticket("OFFSET", "2026-01-05T10:00:00+09:00", "배송이 안 와요", "", ""), "clean");
    add.accept(ticket("UTC", "2026-01-05T01:00:00Z", "배송이 안 와요", "", ""), "clean");
    add.accept(ticket("LOCAL_T", "2026-01-05T10:00:00", "배송이 안 와요", "", ""), "clean");
    add.accept(ticket("SLASHES", "2026/01/05 10:00", "배송이 안 와요", "", ""), "clean");
    // 16:00 UTC on January 31 is February 1 in Seoul: the month is the local one.
    add.accept(ticket("MONTH_EDGE", "2026-01-31T16:00:00Z", "환불 문의", "", ""), "clean");
    add.accept(ticket("DAY_FIRST", "05/01/2026", "날짜 형식이 다른 티켓", "", ""), "unparseable_date");
    add.accept(ticket("FAR_PAST", "1899-12-31 00:00:00", "아주 옛날 티켓", "", ""), "date_out_of_range");
    add.accept(ticket("FAR_FUTURE", "2999-01-01 00:00:00", "미래의 티켓", "", ""), "date_out_of_range");
    add.accept(ticket("NO_DATE", "", "날짜가 없는 티켓", "", ""), "missing_date");
    add.accept(ticket("", "2026-01-05 10:00:00", "아이디가 없는 티켓", "", ""), "missing_id");
    add.accept(ticket("EMPTY", "2026-01-05 10:00:00", "", "", ""), "empty_text");
    add.accept(ticket("BLANK", "2026-01-05 10:00:00", "\"  \n\t \"", "", ""), "empty_text");
    // A million characters (3 MB of UTF-8) in one field.
    add.accept(
        ticket("HUGE", "2026-01-05 10:00:00", "배송 ".repeat(333_334), "", ""), "text_too_long");
    add.accept(
        ticket("CSAT_WORD", "2026-01-05 10:00:00", "쿠폰이 안 돼요", "120", "좋아요"), "invalid_number");
    add.accept(
        ticket("HANDLE_NAN", "2026-01-05 10:00:00", "쿠폰이 안 돼요", "NaN", "3"), "invalid_number");
    add.accept(
        ticket("CSAT_INF", "2026-01-05 10:00:00", "쿠폰이 안 돼요", "60", "Infinity"), "invalid_number");
    add.accept(
        ticket("ONLY_PII", "2026-01-05 10:00:00", "010-1234-5678 hong.gildong@example.com", "", ""),
        "clean");
    add.accept(ticket("ONLY_EMOJI", "2026-01-05 10:00:00", "😡😡😡😡", "", ""), "clean");
    add.accept(
        ticket("UNKNOWN_ORDER", "2026-01-06 09:00:00", "주문한 적 없는 주문", "", "")
            .replace(",O1,", ",NO-SUCH-ORDER,"),
        "clean");
    add.accept(ticket("TWICE", "2026-01-07 09:00:00", "두 번째로 내보낸 줄", "", ""), "duplicate_id");
    add.accept(ticket("TWICE", "2026-01-06 09:00:00", "처음 내보낸 줄", "", ""), "clean");
    add.accept(ticket("EXTRA_FIELD", "2026-01-05 10:00:00", "쉼표가, 하나 더", "", ""), "malformed_row");
    // EUC-KR bytes of "배송" in a file read as UTF-8.
    csv.writeBytes("BAD_BYTES,2026-01-05 10:00:00,,".getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(new byte[] {(byte) 0xB9, (byte) 0xE8, (byte) 0xBC, (byte) 0xDB});
    csv.writeBytes(",chat,O1,,\n".getBytes(StandardCharsets.UTF_8));
    expected.put("BAD_BYTES", "invalid_encoding");
    // A quote opened on the last line and never closed: the line is malformed, not lost.
    add.accept(
        ticket("OPEN_QUOTE", "2026-01-05 10:00:00", "\"닫히지 않은 따옴표", "", ""), "malformed_row");
    Path tickets = dir.resolve("tickets.csv");
    Files.write(tickets, csv.toByteArray());

    // Orders as Parquet with a double amount: NaN and infinity are not amounts.
    StructType orderSchema =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("ordered_at", DataTypes.TimestampType)
            .add("seller_id", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType);
    Timestamp jan = Timestamp.from(Instant.parse("2026-01-04T03:00:00Z"));
    Path orders = dir.resolve("orders");
    spark
        .createDataFrame(
            List.of(
                RowFactory.create("O1", jan, "S1", 12_000.0),
                RowFactory.create("O2", jan, "S1", null),
                RowFactory.create("O_NAN", jan, "S2", Double.NaN),
                RowFactory.create("O_INF", jan, "S2", Double.POSITIVE_INFINITY)),
            orderSchema)
        .coalesce(1)
        .write()
        .parquet(orders.toString());

    Path warehouse = dir.resolve("warehouse");
    IngestResult result =
        IngestJob.of(spark, config(tickets, orders))
            .outputRoot(warehouse.toString())
            .runStart(RUN)
            .execute();

    Dataset<Row> rejects =
        spark.read().format("delta").load(warehouse.resolve("rejects").toString());
    Dataset<Row> clean = spark.read().format("delta").load(warehouse.resolve("tickets").toString());
    Map<String, String> actual = new TreeMap<>();
    for (Row r : clean.select("ticket_id").collectAsList()) {
      actual.merge(r.getString(0), "clean", (a, b) -> a + "+" + b);
    }
    for (Row r :
        rejects
            .filter(col("kind").equalTo("tickets"))
            .select(get_json_object(col("raw"), "$.ticket_id"), col("reason"), col("raw"))
            .collectAsList()) {
      String id = r.getString(0) == null ? "" : r.getString(0);
      // A malformed line may not parse into columns: its raw line names it.
      if (r.getString(1).equals("malformed_row") && id.isEmpty()) {
        id =
            expected.keySet().stream()
                .filter(k -> !k.isEmpty() && r.getString(2).contains(k))
                .findFirst()
                .orElse(id);
      }
      actual.merge(id, r.getString(1), (a, b) -> a + "+" + b);
    }
    Map<String, String> expectedById = new TreeMap<>(expected);
    expectedById.put("TWICE", "clean+duplicate_id");
    Map<String, String> sortedActual = new TreeMap<>();
    actual.forEach(
        (id, outcome) ->
            sortedActual.put(
                id, String.join("+", new java.util.TreeSet<>(List.of(outcome.split("\\+"))))));
    assertEquals(expectedById, sortedActual, "every row's outcome, by id");
    long lines = expected.size() + 1; // TWICE twice
    assertEquals(lines, result.tickets().read(), "every line is read as one row");
    assertEquals(
        lines,
        clean.count() + rejects.filter(col("kind").equalTo("tickets")).count(),
        "nothing lost");

    // One instant however it was written; months in the configured zone.
    List<Object> instants =
        clean
            .filter(col("ticket_id").isin("KST", "OFFSET", "UTC", "LOCAL_T", "SLASHES"))
            .select("created_at")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.get(0))
            .toList();
    assertEquals(List.of(Timestamp.from(Instant.parse("2026-01-05T01:00:00Z"))), instants);
    assertEquals(
        "2026-02", clean.filter(col("ticket_id").equalTo("MONTH_EDGE")).first().getAs("month"));

    // Text that is only personal data is kept, masked; the kept duplicate is the earliest.
    assertEquals(
        "<PHONE> <EMAIL>",
        clean.filter(col("ticket_id").equalTo("ONLY_PII")).first().getAs("text"));
    assertEquals("처음 내보낸 줄", clean.filter(col("ticket_id").equalTo("TWICE")).first().getAs("text"));
    // A thousands separator is not a reason to reject a number.
    assertEquals(
        1200.0,
        (Double) clean.filter(col("ticket_id").equalTo("KST")).first().getAs("handle_seconds"));
    // The rejected raw rows keep the bad values as given, so nothing is lost.
    String csatWord =
        rejects
            .filter(get_json_object(col("raw"), "$.ticket_id").equalTo("CSAT_WORD"))
            .first()
            .getAs("raw");
    assertTrue(csatWord.contains("\"csat\":\"좋아요\""), csatWord);

    Map<String, Long> orderOutcomes = new TreeMap<>(result.orders().rejectedByReason());
    orderOutcomes.put("clean", result.orders().clean());
    assertEquals(Map.of("clean", 2L, "invalid_number", 2L), orderOutcomes);

    OutputScan outputs = new OutputScan(spark, warehouse);
    assertTrue(outputs.numberColumns() > 0, "the clean tables hold number columns to check");
    assertEquals(Map.of(), outputs.rowsWithNonFiniteNumbers(), "no NaN or infinity in any table");
  }

  @Test
  void aQuoteLeftOpenBeforeOtherRowsStopsTheJobNamingTheFileAndLine(@TempDir Path dir)
      throws Exception {
    // Without the check the open quote would run to the next quote, three lines down, and the
    // rows in between would become part of one ticket's text.
    Path tickets = dir.resolve("tickets.csv");
    Files.writeString(
        tickets,
        HEADER
            + ticket("A1", "2026-01-05 10:00:00", "보통 티켓", "", "")
            + ticket("A2", "2026-01-05 10:00:00", "\"닫히지 않은 따옴표", "", "")
            + ticket("A3", "2026-01-05 10:00:00", "다음 티켓", "", "")
            + ticket("A4", "2026-01-05 10:00:00", "\"따옴표로 감싼 티켓\"", "", "")
            + ticket("A5", "2026-01-05 10:00:00", "마지막 티켓", "", ""));
    Path warehouse = dir.resolve("warehouse");
    CommandRun cli = ingest(warehouse, tickets, ordersCsv(dir));
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, cli.exitCode(), cli.err());
    String message = cli.err();
    assertTrue(message.contains(tickets.toString()), "names the file: " + message);
    // The parser stops at the next quote (line 5, the body of A4); the open one is on line 3.
    assertTrue(
        message.contains("field 4 of the row that ends near line 5"),
        "names the place: " + message);
    assertFalse(Files.exists(warehouse), "nothing is written");
  }

  @Test
  void anEmptyInputStopsTheJobNamingIt(@TempDir Path dir) throws Exception {
    Path tickets = dir.resolve("tickets.csv");
    Files.writeString(tickets, HEADER);
    Path warehouse = dir.resolve("warehouse");
    CommandRun cli = ingest(warehouse, tickets, ordersCsv(dir));
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, cli.exitCode(), cli.err());
    assertTrue(cli.err().contains(tickets + " has no rows"), cli.err());
    assertFalse(Files.exists(warehouse), "nothing is written");
  }

  @Test
  void aDateColumnOfAnotherTypeStopsTheJobNamingTheColumn(@TempDir Path dir) throws Exception {
    Path tickets = dir.resolve("tickets.jsonl");
    Files.writeString(
        tickets, "{\"ticket_id\":\"J1\",\"created_at\":true,\"title\":\"\",\"body\":\"배송 문의\"}\n");
    Path warehouse = dir.resolve("warehouse");
    CommandRun cli = ingest(warehouse, tickets, ordersCsv(dir));
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, cli.exitCode(), cli.err());
    assertTrue(cli.err().contains("column created_at"), cli.err());
    assertTrue(cli.err().contains(tickets.toString()), cli.err());
    assertFalse(Files.exists(warehouse), "nothing is written");
  }

  private static Path ordersCsv(Path dir) throws Exception {
    Path orders = dir.resolve("orders.csv");
    Files.writeString(
        orders, "order_id,ordered_at,seller_id,amount\nO1,2026-01-04 12:00:00,S1,12000\n");
    return orders;
  }

  private static HeadroomConfig config(Path tickets, Path orders) {
    return HeadroomConfig.fromMap(
        Map.of(
            "tickets.path", tickets.toString(),
            "tickets.columns.text", "title,body",
            "orders.path", orders.toString(),
            "orders.segments", "seller_id",
            "ingest.max-text-chars", "5000"),
        "test");
  }

  /** {@code ingest} from the command line, as a user would start it. */
  private static CommandRun ingest(Path warehouse, Path tickets, Path orders) {
    return CommandRun.of(
        "ingest",
        "--output",
        warehouse.toString(),
        "--set",
        "tickets.path=" + tickets,
        "--set",
        "orders.path=" + orders,
        "--set",
        "orders.segments=seller_id");
  }
}
