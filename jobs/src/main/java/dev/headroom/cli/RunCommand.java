package dev.headroom.cli;

import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.SparkSessions;
import dev.headroom.ingest.IngestJob;
import dev.headroom.ingest.IngestResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code headroom run}: every job in order on one config, the one-command path.
 *
 * <p>Today the chain is {@code ingest}; topic discovery, ranking and the report join it as they
 * are built.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs the whole pipeline on the configured inputs (currently: ingest).")
public final class RunCommand implements Callable<Integer> {

  @Mixin SharedOptions options;

  @Spec CommandSpec spec;

  /** Entry point for {@code spark-submit --class dev.headroom.cli.RunCommand}. */
  public static void main(String[] args) {
    System.exit(HeadroomCli.runAndStop(new RunCommand(), args));
  }

  @Override
  public Integer call() {
    HeadroomConfig config = options.config();
    PrintWriter out = spec.commandLine().getOut();
    out.println("[1/1] ingest " + config.tickets().path() + " + " + config.orders().path());
    out.flush();
    IngestResult ingest =
        IngestJob.of(SparkSessions.getOrCreate(options.master, "headroom-run"), config)
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    out.print(ingest.summary());
    out.println("Outputs under " + options.output + "/: tickets, orders, rejects, runs (Delta tables)");
    out.flush();
    return 0;
  }
}
