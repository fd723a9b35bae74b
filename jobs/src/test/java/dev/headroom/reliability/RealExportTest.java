package dev.headroom.reliability;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.CommandRun;
import dev.headroom.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A complaints export as public agencies and CX tools publish them, mapped with {@code --set}
 * alone: column names with spaces and a question mark, dates as {@code 2019/3/29}, many empty
 * narratives, narratives in quotes over several lines with doubled quotes inside. It used to stop
 * ingest with an empty {@code failed: } (a masking step parsed a column name with spaces as SQL).
 */
class RealExportTest {

  private static final String HEADER =
      "Date received,Product,Issue,Consumer complaint narrative,Company,ZIP code,"
          + "Consumer consent provided?,Submitted via,Complaint ID\n";

  private static final String[] NARRATIVES = {
    "\"I have disputed this account with the credit bureau three times\n"
        + "and the wrong balance is still on my credit report.\"",
    "\"The collector keeps calling me about a debt that is not mine,\n"
        + "every day and even at work. I asked them to stop calling.\"",
    "\"My payment was applied late although I paid on time, and now they charge \"\"late fees\"\"\n"
        + "on my statement every month.\"",
  };

  private final SparkSession spark = TestSpark.session();

  @Test
  void anExportWithSpacedColumnsEmptyTextsAndMultiLineQuotesRunsThrough(@TempDir Path dir)
      throws Exception {
    StringBuilder complaints = new StringBuilder(HEADER);
    StringBuilder orders = new StringBuilder("order_id,ordered_at\n");
    int empty = 0;
    for (int i = 0; i < 120; i++) {
      int month = 1 + i % 3;
      String date = "2019/" + month + "/" + (1 + i % 27);
      // Every fourth narrative is empty, as in public exports where consent was not given.
      String narrative = i % 4 == 3 ? "" : NARRATIVES[i % 3];
      empty += narrative.isEmpty() ? 1 : 0;
      complaints.append(
          String.join(
                  ",",
                  date,
                  "Debt collection",
                  "\"Attempts to collect debt, not owed\"",
                  narrative,
                  "ACME",
                  "90210",
                  narrative.isEmpty() ? "Consent not provided" : "Consent provided",
                  "Web",
                  Integer.toString(3_200_000 + i))
              + "\n");
    }
    for (int i = 0; i < 900; i++) {
      orders.append("O" + i + ",2019-0" + (1 + i % 3) + "-" + (10 + i % 15) + "\n");
    }
    Path input = Files.createDirectories(dir.resolve("input"));
    Files.writeString(input.resolve("complaints.csv"), complaints);
    Files.writeString(input.resolve("orders.csv"), orders);
    Path warehouse = dir.resolve("warehouse");

    CommandRun run =
        CommandRun.on(
            "run",
            warehouse,
            input.resolve("complaints.csv"),
            input.resolve("orders.csv"),
            "--set",
            "tickets.columns.ticket_id=Complaint ID",
            "--set",
            "tickets.columns.created_at=Date received",
            "--set",
            "tickets.columns.text=Consumer complaint narrative",
            "--set",
            "tickets.timestamp-formats=yyyy/M/d",
            "--set",
            "orders.segments=");
    assertEquals(0, run.exitCode(), run.err());

    Dataset<Row> tickets = table(warehouse, "tickets");
    assertEquals(120 - empty, tickets.count(), "every complaint with a narrative is clean");
    assertEquals(
        List.of("2019-01", "2019-02", "2019-03"),
        tickets
            .select("month")
            .distinct()
            .orderBy("month")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList(),
        "2019/3/29-style dates are read");
    String multiLine = tickets.filter(col("ticket_id").equalTo("3200000")).first().getAs("text");
    assertTrue(
        multiLine.contains("disputed") && multiLine.contains("credit report"),
        "a quoted narrative over two lines is one text: " + multiLine);
    String quoted = tickets.filter(col("ticket_id").equalTo("3200002")).first().getAs("text");
    assertTrue(quoted.contains("\"late fees\""), "doubled quotes are one quote: " + quoted);

    Dataset<Row> rejects = table(warehouse, "rejects");
    assertEquals(empty, rejects.filter(col("reason").equalTo("empty_text")).count());
    assertEquals(empty, rejects.count(), "nothing else is rejected");
    assertTrue(
        rejects.filter(col("raw").contains("3200003")).count() == 1,
        "a rejected complaint keeps its raw content, id included");

    assertTrue(table(warehouse, "backlog").count() >= 1, run.out());
    assertTrue(Files.isRegularFile(warehouse.resolve("report/report.html")));
  }

  private Dataset<Row> table(Path warehouse, String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }
}
