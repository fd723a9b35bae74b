package dev.headroom.cli;

import dev.headroom.common.SparkSessions;
import dev.headroom.topics.DiscoverJob;
import dev.headroom.topics.DiscoverResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code headroom discover}: root-cause topics from the clean tickets. */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description =
        "Finds root-cause topics in the clean tickets of a window (Nori + TF-IDF + k-means) and"
            + " writes topics, ticket_topics and the fitted model.")
public final class DiscoverCommand implements Callable<Integer> {

  @Mixin SharedOptions options;

  @Spec CommandSpec spec;

  /** Entry point for {@code spark-submit --class dev.headroom.cli.DiscoverCommand}. */
  public static void main(String[] args) {
    System.exit(HeadroomCli.runAndStop(new DiscoverCommand(), args));
  }

  @Override
  public Integer call() {
    DiscoverResult result =
        DiscoverJob.of(
                SparkSessions.getOrCreate(options.master, "headroom-discover"), options.config())
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    spec.commandLine().getOut().print(result.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
