package dev.headroom.cli;

import dev.headroom.backlog.RankJob;
import dev.headroom.backlog.RankResult;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.SparkSessions;
import dev.headroom.ingest.IngestJob;
import dev.headroom.ingest.IngestResult;
import dev.headroom.topics.DiscoverJob;
import dev.headroom.topics.DiscoverResult;
import org.apache.spark.sql.SparkSession;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code headroom run}: every job in order on one config, the one-command path.
 *
 * <p>Today the chain is {@code ingest -> discover -> rank}; the report joins it as it is built.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs the whole pipeline on the configured inputs: ingest, discover, rank.")
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
    SparkSession spark = SparkSessions.getOrCreate(options.master, "headroom-run");
    out.println("[1/3] ingest " + config.tickets().path() + " + " + config.orders().path());
    out.flush();
    IngestResult ingest =
        IngestJob.of(spark, config)
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    out.print(ingest.summary());
    out.println("[2/3] discover topics");
    out.flush();
    DiscoverResult topics =
        DiscoverJob.of(spark, config)
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    out.print(topics.summary());
    out.println("[3/3] rank topics into the backlog");
    out.flush();
    RankResult backlog =
        RankJob.of(spark, config)
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    out.print(backlog.summary());
    out.println(
        "Outputs under "
            + options.output
            + "/: backlog, topic_metrics, topics, ticket_topics, tickets, orders, rejects, runs"
            + " (Delta tables), models/");
    out.flush();
    return 0;
  }
}
