package dev.headroom.cli;

import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.SparkSessions;
import dev.headroom.ingest.IngestJob;
import dev.headroom.ingest.IngestResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code headroom ingest}: raw tickets and orders to clean Delta tables and rejects. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Reads raw tickets and orders (Parquet, Delta, CSV, JSON Lines), writes clean Delta tables"
            + " partitioned by month and a rejects table with the reason for every row not taken.")
public final class IngestCommand implements Callable<Integer> {

  @Mixin SharedOptions options;

  @Spec CommandSpec spec;

  /** Entry point for {@code spark-submit --class dev.headroom.cli.IngestCommand}. */
  public static void main(String[] args) {
    System.exit(HeadroomCli.runAndStop(new IngestCommand(), args));
  }

  @Override
  public Integer call() {
    HeadroomConfig config = options.config();
    IngestResult result =
        IngestJob.of(SparkSessions.getOrCreate(options.master, "headroom-ingest"), config)
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    spec.commandLine().getOut().print(result.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
