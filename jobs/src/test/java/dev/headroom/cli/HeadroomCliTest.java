package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.GeneratedData;
import dev.headroom.GeneratedRun;
import dev.headroom.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HeadroomCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void sharedSession() {
    TestSpark.session();
  }

  /** Runs the command line the way ./headroom does, with the project's shipped config. */
  private int run(String... args) {
    CommandLine commandLine = HeadroomCli.commandLine(new HeadroomCli());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    String[] withConfig = args;
    if (args.length > 1 && !args[1].equals("--help")) {
      withConfig = new String[args.length + 2];
      withConfig[0] = args[0];
      withConfig[1] = "--config";
      withConfig[2] = TestSpark.projectRoot().resolve("conf/headroom.properties").toString();
      System.arraycopy(args, 1, withConfig, 3, args.length - 1);
    }
    return commandLine.execute(withConfig);
  }

  @Test
  void helpListsTheJobs() {
    assertEquals(0, run("--help"));
    assertTrue(
        out.toString().contains("generate") && out.toString().contains("ingest"), out.toString());
    assertEquals(0, run("ingest", "--help"));
    assertTrue(out.toString().contains("--config"));
  }

  @Test
  void badUsageExitsWithTwo() {
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, run("ingest", "--no-such-option"));
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, run("nonsense"));
  }

  @Test
  void configListsEveryKeyWithItsDefaultAndTheValueInEffect() {
    assertEquals(0, run("config", "--set", "rank.repeat-days=14", "--set", "rank.effort.3=2"));
    String listing = out.toString();
    for (var key : dev.headroom.common.ConfigKeys.ALL) {
      assertTrue(listing.contains(key.name()), "lists " + key.name());
    }
    assertTrue(listing.contains("rank.repeat-days=14    # default: 7"), listing);
    assertTrue(listing.contains("rank.effort.3=2"), listing);
    assertTrue(listing.contains("report.change=0.2\n"), "a default shows as is: " + listing);
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, run("config", "--set", "rank.repeat-days=soon"));
    assertTrue(err.toString().contains("rank.repeat-days"), err.toString());
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, run("config", "--set", "no-equals-sign"));
  }

  @Test
  void verboseAfterTheJobNamePrintsTheStackTrace(@TempDir Path dir) {
    int code =
        run(
            "ingest",
            "--output",
            dir.resolve("w").toString(),
            "--set",
            "tickets.pth=x",
            "--verbose");
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, code);
    assertTrue(err.toString().contains("\tat dev.headroom."), "a stack trace: " + err);
  }

  @Test
  void unknownConfigKeyExitsWithTwoNamingTheKey(@TempDir Path dir) {
    int code = run("ingest", "--output", dir.resolve("w").toString(), "--set", "tickets.pth=x");
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, code);
    assertTrue(err.toString().contains("tickets.pth"), err.toString());
    assertEquals(1, err.toString().strip().lines().count(), "one clear line: " + err);
  }

  @Test
  void missingColumnExitsWithTwoNamingItAndWritesNothing(@TempDir Path dir) {
    Path data = GeneratedData.folder();
    Path warehouse = dir.resolve("warehouse");
    int code =
        run(
            "ingest",
            "--output",
            warehouse.toString(),
            "--set",
            "tickets.path=" + data.resolve("tickets"),
            "--set",
            "orders.path=" + data.resolve("orders"),
            "--set",
            "tickets.columns.text=subject,body");
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, code, err.toString());
    assertTrue(err.toString().contains("subject (mapped to text)"), err.toString());
    assertFalse(Files.exists(warehouse), "nothing may be written before the input is checked");
  }

  @Test
  void missingInputExitsWithTwoNamingThePath(@TempDir Path dir) {
    int code =
        run(
            "ingest",
            "--output",
            dir.toString(),
            "--set",
            "tickets.path=" + GeneratedData.folder().resolve("tickets"),
            "--set",
            "orders.path=" + dir.resolve("no-orders"));
    assertEquals(HeadroomCli.EXIT_BAD_INPUT, code);
    assertTrue(err.toString().contains("no-orders"), err.toString());
  }

  @Test
  void runGoesFromRawInputsToTheBacklog() {
    GeneratedRun.Result run = GeneratedRun.shared();
    Path dir = run.warehouse();
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("rejected"), run.out());
    assertTrue(run.out().contains("reducible:"), "the top of the backlog is printed: " + run.out());
    for (String table :
        List.of("tickets", "topics", "ticket_topics", "topic_metrics", "backlog", "runs")) {
      assertTrue(Files.isDirectory(dir.resolve(table + "/_delta_log")), table);
    }
    for (String file : List.of("report.html", "backlog.csv", "backlog.md")) {
      assertTrue(Files.isRegularFile(dir.resolve("report").resolve(file)), "report file " + file);
    }
    assertTrue(
        run.out().contains("report.html in a browser"), "says where the report is: " + run.out());
  }
}
