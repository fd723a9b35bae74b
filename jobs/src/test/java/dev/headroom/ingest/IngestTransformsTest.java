package dev.headroom.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.InputSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTransformsTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final Instant RUN = Instant.parse("2026-07-01T00:00:00Z");
  private static final IngestRules RULES =
      IngestRules.of(50, LocalDate.of(2015, 1, 1), 1, SEOUL, RUN);
  private static final StructType RAW =
      new StructType()
          .add("ticket_id", DataTypes.StringType)
          .add("created_at", DataTypes.StringType)
          .add("title", DataTypes.StringType)
          .add("body", DataTypes.StringType)
          .add("channel", DataTypes.StringType);

  private static SparkSession spark;
  private static InputSpec tickets;

  @BeforeAll
  static void session() {
    spark = TestSpark.session().newSession();
    spark.conf().set("spark.sql.session.timeZone", SEOUL.getId());
    tickets =
        HeadroomConfig.fromMap(Map.of("tickets.columns.text", "title,body"), "test").tickets();
  }

  private static Row ticket(String id, String createdAt, String title, String body) {
    return RowFactory.create(id, createdAt, title, body, "chat");
  }

  @Test
  void everyBadRowGetsItsReasonAndNothingIsDropped() {
    List<Row> rows =
        List.of(
            ticket("T01", "2026-01-05 10:00:00", null, "배송이 안 와요 010-1234-5678"),
            ticket(null, "2026-01-05 10:00:00", null, "아이디 없음"),
            ticket("  ", "2026-01-05 10:00:00", null, "공백 아이디"),
            ticket("T03", null, null, "날짜 없음"),
            ticket("T04", "어제 오후", null, "날짜 이상 연락처 010-9999-8888"),
            ticket("T05", "1970-01-01 00:00:00", null, "너무 옛날"),
            ticket("T06", "2026-01-05 10:00:00", null, "  \n "),
            ticket("T07", "2026-01-05 10:00:00", null, "배\uFFFD\uFFFD송"),
            ticket("T08", "2026-01-05 10:00:00", null, "가".repeat(51)),
            ticket("T09", "2026-01-05 10:01:00", null, "두 번째로 내보낸 같은 티켓"),
            ticket("T09", "2026-01-05 10:00:00", null, "처음 내보낸 티켓"),
            ticket("T10", "2026-01-31T15:30:00Z", "배송 문의", "언제 와요"),
            ticket("T11", "2026/01/20 09:15", null, "ㅋㅋㅋㅋㅋ 쿠폰이 안 돼요!!!!"),
            ticket("T12", "2099-01-01 00:00:00", null, "미래에서 온 티켓"));
    Dataset<Row> raw = spark.createDataFrame(rows, RAW);
    Dataset<Row> labelled =
        IngestTransforms.labelRejects(IngestTransforms.canonicalize(raw, tickets), tickets, RULES)
            .cache();
    // The session is shared: a class that checks a job left nothing cached would see these rows.
    try {
      Dataset<Row> expected =
          spark.createDataFrame(
              List.of(
                  RowFactory.create("T01", null),
                  RowFactory.create(null, "missing_id"),
                  RowFactory.create("", "missing_id"),
                  RowFactory.create("T03", "missing_date"),
                  RowFactory.create("T04", "unparseable_date"),
                  RowFactory.create("T05", "date_out_of_range"),
                  RowFactory.create("T06", "empty_text"),
                  RowFactory.create("T07", "invalid_encoding"),
                  RowFactory.create("T08", "text_too_long"),
                  RowFactory.create("T09", "duplicate_id"),
                  RowFactory.create("T09", null),
                  RowFactory.create("T10", null),
                  RowFactory.create("T11", null),
                  RowFactory.create("T12", "date_out_of_range")),
              new StructType()
                  .add("ticket_id", DataTypes.StringType)
                  .add("reject_reason", DataTypes.StringType));
      TestSpark.assertSameRows(expected, labelled.select("ticket_id", IngestTransforms.REASON));

      Dataset<Row> clean = IngestTransforms.cleanRows(labelled, tickets, "run-1");
      Dataset<Row> rejects = IngestTransforms.rejectRows(labelled, tickets, "/in", "run-1");
      assertEquals(rows.size(), clean.count() + rejects.count(), "read = clean + rejected");

      // The earliest copy of a duplicated id is the one kept.
      Row kept = clean.filter(col("ticket_id").equalTo("T09")).first();
      assertEquals("처음 내보낸 티켓", kept.getAs("text"));
      // Months are counted in Asia/Seoul: 15:30 UTC on Jan 31 is already February there.
      assertEquals("2026-02", clean.filter(col("ticket_id").equalTo("T10")).first().getAs("month"));
      assertEquals(
          "배송 문의 언제 와요", clean.filter(col("ticket_id").equalTo("T10")).first().getAs("text"));
      assertEquals(
          "ㅋㅋ 쿠폰이 안 돼요!!", clean.filter(col("ticket_id").equalTo("T11")).first().getAs("text"));
      assertEquals(
          "배송이 안 와요 <PHONE>", clean.filter(col("ticket_id").equalTo("T01")).first().getAs("text"));

      // Rejects keep the raw row, with personal data in the text masked.
      String raw04 = rejects.filter(col("reason").equalTo("unparseable_date")).first().getAs("raw");
      assertTrue(raw04.contains("\"created_at\":\"어제 오후\""), raw04);
      assertTrue(raw04.contains("<PHONE>") && !raw04.contains("9999"), raw04);
      Row tooOld = rejects.filter(col("reason").equalTo("date_out_of_range")).first();
      assertNull(tooOld.getAs("month"), "a date out of range belongs to no month");
      assertEquals("/in", tooOld.getAs("input_path"));
    } finally {
      labelled.unpersist();
    }
  }

  /** An order's time in January 2026, for the orders' tests. */
  private final java.sql.Timestamp jan =
      java.sql.Timestamp.from(Instant.parse("2026-01-10T03:00:00Z"));

  @Test
  void ordersAreCheckedForIdDateAndDuplicates() {
    InputSpec orders = HeadroomConfig.fromMap(Map.of("orders.segments", "seller_id"), "t").orders();
    StructType schema =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("ordered_at", DataTypes.TimestampType)
            .add("seller_id", DataTypes.StringType)
            .add("amount", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create("O1", jan, "S01", "12000"),
            RowFactory.create("O1", jan, "S01", "12000"),
            RowFactory.create(null, jan, "S02", "5000"),
            RowFactory.create("O3", null, "S02", "n/a"));
    Dataset<Row> labelled =
        IngestTransforms.labelRejects(
            IngestTransforms.canonicalize(spark.createDataFrame(rows, schema), orders),
            orders,
            RULES);
    Dataset<Row> clean = IngestTransforms.cleanRows(labelled, orders, "r");
    assertEquals(1, clean.count());
    Row o1 = clean.first();
    assertEquals(12000.0, (Double) o1.getAs("amount"));
    assertEquals("S01", o1.getAs("seller_id"));
    assertEquals("2026-01", o1.getAs("month"));
    List<String> reasons =
        IngestTransforms.rejectRows(labelled, orders, "/o", "r")
            .select("reason")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList()
            .stream()
            .sorted()
            .toList();
    assertEquals(List.of("duplicate_id", "missing_date", "missing_id"), reasons);
  }

  /**
   * Typed columns are checked on their values, not on text written from them: a missing amount is
   * no reason to reject, one that is not a finite number is, and a missing typed date is missing.
   */
  @Test
  void typedAmountsAndDatesAreCheckedOnTheirValues() {
    InputSpec orders = HeadroomConfig.fromMap(Map.of(), "t").orders();
    StructType schema =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("ordered_at", DataTypes.TimestampType)
            .add("amount", DataTypes.DoubleType);
    List<Row> rows =
        List.of(
            RowFactory.create("O1", jan, 12000.0),
            RowFactory.create("O2", jan, null),
            RowFactory.create("O3", jan, Double.NaN),
            RowFactory.create("O4", jan, Double.POSITIVE_INFINITY),
            RowFactory.create("O5", null, 0.0));
    Dataset<Row> labelled =
        IngestTransforms.labelRejects(
            IngestTransforms.canonicalize(spark.createDataFrame(rows, schema), orders),
            orders,
            RULES);
    Dataset<Row> expected =
        spark.createDataFrame(
            List.of(
                RowFactory.create("O1", null),
                RowFactory.create("O2", null),
                RowFactory.create("O3", "invalid_number"),
                RowFactory.create("O4", "invalid_number"),
                RowFactory.create("O5", "missing_date")),
            new StructType()
                .add("order_id", DataTypes.StringType)
                .add("reject_reason", DataTypes.StringType));
    TestSpark.assertSameRows(expected, labelled.select("order_id", IngestTransforms.REASON));
  }

  /**
   * The month from the year and month numbers is the month Spark's pattern formatting gives, in the
   * session's time zone: around month ends in Seoul (UTC+9), in leap years, before 1000 and at
   * 9999.
   */
  @Test
  void monthIsTheFormattedMonthInTheSessionTimeZone() {
    List<Row> times = new java.util.ArrayList<>();
    for (String day :
        List.of(
            "2026-01-31T14:59:59Z",
            "2026-01-31T15:00:00Z",
            "2024-02-29T15:00:00Z",
            "2026-12-31T15:00:00Z",
            "0999-06-15T00:00:00Z",
            "0001-03-01T00:00:00Z",
            "9999-12-01T00:00:00Z")) {
      times.add(RowFactory.create(java.sql.Timestamp.from(Instant.parse(day))));
    }
    times.add(RowFactory.create((Object) null));
    Dataset<Row> rows =
        spark.createDataFrame(times, new StructType().add("at", DataTypes.TimestampType, true));
    List<Row> months =
        rows.select(
                IngestTransforms.monthOf(col("at")),
                org.apache.spark.sql.functions.date_format(col("at"), "yyyy-MM"))
            .collectAsList();
    assertEquals("2026-01", months.get(0).getString(0));
    assertEquals("2026-02", months.get(1).getString(0));
    assertEquals("2024-03", months.get(2).getString(0));
    assertEquals("2027-01", months.get(3).getString(0));
    for (Row month : months) {
      assertEquals(month.getString(1), month.getString(0), months.toString());
    }
  }

  @Test
  void missingColumnsFailNamingTheColumnAndTheInput() {
    Dataset<Row> raw =
        spark.createDataFrame(
            List.of(),
            new StructType().add("id", DataTypes.StringType).add("body", DataTypes.StringType));
    InputException e =
        assertThrows(InputException.class, () -> IngestTransforms.canonicalize(raw, tickets));
    assertTrue(e.getMessage().contains("ticket_id"), e.getMessage());
    assertTrue(e.getMessage().contains("created_at"), e.getMessage());
    assertTrue(e.getMessage().contains("title (mapped to text)"), e.getMessage());
    assertTrue(e.getMessage().contains(tickets.path()), e.getMessage());
  }

  @Test
  void csvWithMultiLineFieldsBrokenLinesAndBadBytes(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.write("ticket_id,created_at,body\n".getBytes(StandardCharsets.UTF_8));
    csv.write("C1,2026-01-05 10:00:00,\"배송이\n안 와요, 언제 와요?\"\n".getBytes(StandardCharsets.UTF_8));
    csv.write("C2,2026-01-05 10:00:00,환불 문의,extra field\n".getBytes(StandardCharsets.UTF_8));
    csv.write("C3,2026-01-05 10:00:00,".getBytes(StandardCharsets.UTF_8));
    // EUC-KR bytes of "배송" in a file read as UTF-8.
    csv.write(new byte[] {(byte) 0xB9, (byte) 0xE8, (byte) 0xBC, (byte) 0xDB});
    csv.write("\n".getBytes(StandardCharsets.UTF_8));
    csv.write(
        "C4,\"2026-01-06 11:00:00\",\"따옴표 \"\"인용\"\" 포함\"\n".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("tickets.csv");
    Files.write(file, csv.toByteArray());

    InputSpec spec =
        HeadroomConfig.fromMap(
                Map.of("tickets.path", file.toString(), "tickets.columns.text", "body"), "t")
            .tickets();
    Dataset<Row> raw = InputReader.read(spark, spec);
    assertTrue(Arrays.asList(raw.columns()).contains(InputReader.CORRUPT_RECORD));
    Dataset<Row> labelled =
        IngestTransforms.labelRejects(IngestTransforms.canonicalize(raw, spec), spec, RULES);
    Map<String, String> reasonById = new java.util.TreeMap<>();
    for (Row r : labelled.select("ticket_id", IngestTransforms.REASON).collectAsList()) {
      reasonById.put(r.getString(0), r.getString(1) == null ? "clean" : r.getString(1));
    }
    assertEquals(
        Map.of("C1", "clean", "C2", "malformed_row", "C3", "invalid_encoding", "C4", "clean"),
        reasonById);
    Dataset<Row> clean = IngestTransforms.cleanRows(labelled, spec, "r");
    assertEquals(
        "배송이 안 와요, 언제 와요?", clean.filter(col("ticket_id").equalTo("C1")).first().getAs("text"));
    assertEquals(
        "따옴표 \"인용\" 포함", clean.filter(col("ticket_id").equalTo("C4")).first().getAs("text"));
    String malformedRaw =
        IngestTransforms.rejectRows(labelled, spec, file.toString(), "r")
            .filter(col("reason").equalTo("malformed_row"))
            .first()
            .getAs("raw");
    assertNotNull(malformedRaw);
    assertTrue(malformedRaw.contains("extra field"), malformedRaw);
  }

  @Test
  void missingInputFailsNamingThePath() {
    InputSpec spec =
        HeadroomConfig.fromMap(Map.of("tickets.path", "/nonexistent/tickets"), "t").tickets();
    InputException e = assertThrows(InputException.class, () -> InputReader.read(spark, spec));
    assertTrue(e.getMessage().contains("/nonexistent/tickets"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }
}
