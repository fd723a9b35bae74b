package dev.headroom.cli;

import dev.headroom.backlog.RankJob;
import dev.headroom.backlog.RankResult;
import dev.headroom.common.SparkSessions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code headroom rank}: per-topic metrics and the ranked backlog. */
@Command(
    name = "rank",
    mixinStandardHelpOptions = true,
    description =
        "Measures each topic against the orders (contact rates, benchmark-gap excess, repeats,"
            + " spikes, cost) and writes topic_metrics and the ranked backlog.")
public final class RankCommand implements Callable<Integer> {

  @Mixin SharedOptions options;

  @Spec CommandSpec spec;

  /** Entry point for {@code spark-submit --class dev.headroom.cli.RankCommand}. */
  public static void main(String[] args) {
    System.exit(HeadroomCli.runAndStop(new RankCommand(), args));
  }

  @Override
  public Integer call() {
    RankResult result =
        RankJob.of(SparkSessions.getOrCreate(options.master, "headroom-rank"), options.config())
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    spec.commandLine().getOut().print(result.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
