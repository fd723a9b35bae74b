package dev.headroom.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.CapturedLog;
import dev.headroom.CommandRun;
import dev.headroom.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal data outside the text, through the whole {@code run}: customers identified by e-mail
 * address or phone number in tickets and orders, sellers who are people (a name in a segment column
 * listed in {@code privacy.pseudonymize}), agents' e-mail addresses in a segment column nobody
 * listed, names in the text behind a cue, a rejected row with its raw content, and the pseudonyms'
 * secret in a key file. None of those values reaches any column of any table, the saved model, the
 * report files or anything the run printed or logged (at the shipped log levels); the pseudonyms
 * still join tickets to orders and still find the repeat contacts.
 *
 * <p>The run is in the test JVM: a child JVM's cold start cost some 50 s of a 66 s test and checked
 * nothing more: what the job prints and every log line at the shipped levels are captured here (its
 * progress lines, counts only, go to the test output; BENCHMARKS.md, issue 20). The secret from the
 * environment instead of the file is {@code PseudonymizerTest}'s.
 */
class PersonalDataTest {

  private static final String SECRET = "pseudonym-secret-7c41e2";
  private static final String CAPTURE_CHECK = "a line at INFO, as Headroom's would be";

  private final SparkSession spark = TestSpark.session();

  @Test
  void identifiersBecomePseudonymsAndNothingPersonalReachesAnOutputOrTheLog(@TempDir Path dir)
      throws Exception {
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      customers.add(
          i % 2 == 0
              ? String.format(Locale.ROOT, "buyer%02d.kim@example.com", i)
              : String.format(Locale.ROOT, "010-55%02d-%04d", i, 1000 + i * 37));
    }
    List<String> sellers = List.of("홍길동", "김영희", "Park Jisoo");
    List<String> agents =
        List.of("agent.lee@headroom-support.example", "agent.choi@headroom-support.example");
    List<String> namesInText = List.of("이서연", "박지훈", "최유진", "John Smith", "Emily Clark");
    String[] causes = {"배송이 아직 안 와요 택배 언제 오나요", "사이즈가 커서 교환 신청합니다", "결제 오류가 떠서 카드 결제가 안 돼요"};

    StringBuilder orders =
        new StringBuilder(
            "order_id,ordered_at,customer_id,seller_id,product_category,channel,amount\n");
    StringBuilder tickets =
        new StringBuilder("ticket_id,created_at,title,body,channel,customer_id,order_id,agent\n");
    int ticket = 0;
    for (int i = 0; i < 60; i++) {
      String customer = customers.get(i % customers.size());
      orders.append(
          String.format(
              Locale.ROOT,
              "O%d,2026-03-%02d 10:00:00,%s,%s,패션,app,20000%n",
              i,
              1 + i % 20,
              customer,
              sellers.get(i % sellers.size())));
      String name = namesInText.get(i % namesInText.size());
      String cue =
          name.matches(".*[A-Za-z].*") ? "My name is " + name + "." : "고객명 " + name + " 입니다.";
      tickets.append(
          String.format(
              Locale.ROOT,
              "T%d,2026-03-%02d 12:00:00,,%s %s,chat,%s,O%d,%s%n",
              ticket++,
              2 + i % 20,
              causes[i % 3],
              cue,
              customer,
              i,
              agents.get(i % agents.size())));
    }
    // The same customers write again about the same thing two days later: repeats.
    for (int i = 0; i < 6; i++) {
      tickets.append(
          String.format(
              Locale.ROOT,
              "T%d,2026-03-%02d 15:00:00,,%s 또 문의합니다,chat,%s,O%d,%s%n",
              ticket++,
              4 + i % 20,
              causes[i % 3],
              customers.get(i % customers.size()),
              i,
              agents.get(0)));
    }
    // A row without a date: rejected with its raw content, which holds the customer's e-mail.
    tickets.append("T_BAD,,,배송 문의,chat," + customers.get(0) + ",O0," + agents.get(1) + "\n");
    Path input = dir.resolve("input");
    Files.createDirectories(input);
    Files.writeString(input.resolve("tickets.csv"), tickets);
    Files.writeString(input.resolve("orders.csv"), orders);
    Path warehouse = dir.resolve("warehouse");
    Path keyFile = Files.writeString(dir.resolve("pseudonym.key"), SECRET + "\n");

    CommandRun run;
    String logged;
    try (CapturedLog log = CapturedLog.start()) {
      LogManager.getLogger(PersonalDataTest.class).info(CAPTURE_CHECK);
      run =
          CommandRun.on(
              "run",
              warehouse,
              input.resolve("tickets.csv"),
              input.resolve("orders.csv"),
              "--set",
              "tickets.segments=agent",
              "--set",
              "privacy.pseudonymize=customer_id,seller_id",
              "--set",
              "privacy.pseudonym-key-file=" + keyFile,
              "--set",
              "topics.k=3");
      logged = log.text();
    }
    String printed = run.out() + run.err() + logged;
    assertEquals(0, run.exitCode(), printed);

    // Pseudonyms, the same in tickets and orders: every ticket's customer has orders.
    Set<String> ticketCustomers = values(warehouse, "tickets", "customer_id");
    Set<String> orderCustomers = values(warehouse, "orders", "customer_id");
    assertEquals(customers.size(), ticketCustomers.size(), ticketCustomers.toString());
    assertTrue(orderCustomers.containsAll(ticketCustomers), "tickets join orders by pseudonym");
    for (String column : List.of("customer_id")) {
      assertTrue(ticketCustomers.stream().allMatch(v -> v.matches("p_[0-9a-f]{16}")), column);
    }
    assertTrue(values(warehouse, "orders", "seller_id").stream().allMatch(v -> v.startsWith("p_")));
    assertTrue(values(warehouse, "tickets", "agent").stream().allMatch(v -> v.startsWith("p_")));
    long repeats =
        table(warehouse, "backlog").selectExpr("sum(repeat_contacts)").first().getLong(0);
    assertTrue(repeats >= 6, "the repeats are still found by pseudonym: " + repeats);
    assertEquals(1, table(warehouse, "rejects").count(), "the dateless row is kept in rejects");

    // Nothing personal anywhere: tables (rejects' raw rows included), the model, the report, the
    // log.
    List<String> planted = new ArrayList<>(customers);
    planted.addAll(sellers);
    planted.addAll(agents);
    planted.addAll(namesInText);
    planted.add(SECRET);
    OutputScan outputs = new OutputScan(spark, warehouse);
    assertTrue(outputs.deltaTables().size() >= 8, outputs.deltaTables().keySet().toString());
    assertEquals(Map.of(), outputs.find(planted, List.of()), "personal data in the outputs");
    assertTrue(logged.contains(CAPTURE_CHECK), "the log was captured:\n" + logged);
    List<String> inLog = planted.stream().filter(printed::contains).toList();
    assertEquals(List.of(), inLog, "personal data in what the run printed:\n" + printed);
    assertTrue(printed.contains("p_"), "the backlog's segments print as pseudonyms:\n" + printed);
  }

  private Set<String> values(Path warehouse, String table, String column) {
    return new HashSet<>(
        table(warehouse, table).select(column).distinct().as(Encoders.STRING()).collectAsList());
  }

  private Dataset<Row> table(Path warehouse, String name) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString());
  }
}
