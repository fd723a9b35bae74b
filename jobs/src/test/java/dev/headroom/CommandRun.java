package dev.headroom;

import dev.headroom.cli.HeadroomCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * One job of the command line run in this JVM as {@code ./headroom} would run it, with the
 * project's shipped config and its output captured.
 *
 * @param exitCode what the command returned (0, 1 or 2)
 * @param out what it printed
 * @param err its error messages
 */
public record CommandRun(int exitCode, String out, String err) {

  /** Runs {@code job --config conf/headroom.properties args...}. */
  public static CommandRun of(String job, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = HeadroomCli.commandLine(new HeadroomCli());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>();
    all.add(job);
    all.add("--config");
    all.add(TestSpark.projectRoot().resolve("conf/headroom.properties").toString());
    all.addAll(List.of(args));
    int code = commandLine.execute(all.toArray(String[]::new));
    return new CommandRun(code, out.toString(), err.toString());
  }

  /**
   * Runs {@code job --output warehouse --set tickets.path=... --set orders.path=... more...}: the
   * shipped config on other inputs.
   */
  public static CommandRun on(
      String job, Path warehouse, Path tickets, Path orders, String... more) {
    List<String> args = new ArrayList<>(List.of("--output", warehouse.toString()));
    args.addAll(inputs(tickets, orders));
    args.addAll(List.of(more));
    return of(job, args.toArray(String[]::new));
  }

  /** The options that point the shipped config at other inputs, for this JVM or a child's. */
  public static List<String> inputs(Path tickets, Path orders) {
    return List.of("--set", "tickets.path=" + tickets, "--set", "orders.path=" + orders);
  }
}
