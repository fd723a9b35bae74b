package dev.headroom.cli;

import dev.headroom.backlog.RankJob;
import dev.headroom.backlog.RankResult;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.RunRecord;
import dev.headroom.common.SparkSessions;
import dev.headroom.common.WarehouseLock;
import dev.headroom.ingest.IngestJob;
import dev.headroom.ingest.IngestResult;
import dev.headroom.report.ReportJob;
import dev.headroom.report.ReportResult;
import dev.headroom.topics.DiscoverJob;
import dev.headroom.topics.DiscoverResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code headroom run}: every job in order on one config, the one-command path from raw tickets and
 * orders to the report: {@code ingest -> discover -> rank -> report}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Runs the whole pipeline on the configured inputs: ingest, discover, rank, report.")
public final class RunCommand implements Callable<Integer> {

  private static final int STAGES = 4;

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
    Instant started = Instant.now();
    SparkSession spark = SparkSessions.getOrCreate(options.master, "headroom-run");

    // One lock across the four jobs: no other run can write between them.
    try (WarehouseLock lock =
        WarehouseLock.acquire(
            spark.sparkContext().hadoopConfiguration(), options.output, "run", "")) {
      return stages(config, out, started, spark);
    }
  }

  private int stages(HeadroomConfig config, PrintWriter out, Instant started, SparkSession spark) {
    Instant t0 =
        stage(out, 1, "ingest " + config.tickets().path() + " + " + config.orders().path());
    IngestResult ingest =
        IngestJob.of(spark, config)
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    out.print(ingest.summary());
    done(out, "ingest", t0);

    t0 = stage(out, 2, "discover topics");
    DiscoverResult topics =
        DiscoverJob.of(spark, config)
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    out.print(topics.summary());
    done(out, "discover", t0);

    t0 = stage(out, 3, "rank topics into the backlog");
    RankResult backlog =
        RankJob.of(spark, config)
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    out.print(backlog.headline());
    done(out, "rank", t0);

    t0 = stage(out, 4, "report");
    ReportResult report = ReportJob.of(spark, config).outputRoot(options.output).execute();
    out.print(report.summary());
    done(out, "report", t0);

    out.println(
        String.format(
            Locale.ROOT,
            "%nDone in %.0f s. The backlog (top %d):",
            RunRecord.secondsSince(started),
            RankResult.SUMMARY_ROWS));
    out.print(backlog.table());
    out.println(
        "Tables under "
            + options.output
            + "/: backlog, fixes, topic_metrics, topics, ticket_topics, tickets, orders, rejects,"
            + " runs (Delta); models/");
    out.println(
        "Report: "
            + report.dir()
            + "/"
            + ReportJob.HTML
            + " (open it in a browser), backlog.csv, backlog.md");
    out.flush();
    return 0;
  }

  private static Instant stage(PrintWriter out, int number, String what) {
    out.println("[" + number + "/" + STAGES + "] " + what);
    out.flush();
    return Instant.now();
  }

  private static void done(PrintWriter out, String stage, Instant started) {
    out.println(
        String.format(
            Locale.ROOT, "      %s done in %.0f s", stage, RunRecord.secondsSince(started)));
    out.flush();
  }
}
