package dev.headroom.cli;

import dev.headroom.common.SparkSessions;
import dev.headroom.topics.AssignJob;
import dev.headroom.topics.AssignResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code headroom assign}: scores new tickets with the latest saved topic model. */
@Command(
    name = "assign",
    mixinStandardHelpOptions = true,
    description =
        "Scores the clean tickets of a window (usually the latest month) with the latest saved"
            + " topic model; tickets far from every topic are flagged as emerging.")
public final class AssignCommand implements Callable<Integer> {

  @Mixin SharedOptions options;

  @Spec CommandSpec spec;

  /** Entry point for {@code spark-submit --class dev.headroom.cli.AssignCommand}. */
  public static void main(String[] args) {
    System.exit(HeadroomCli.runAndStop(new AssignCommand(), args));
  }

  @Override
  public Integer call() {
    AssignResult result =
        AssignJob.of(SparkSessions.getOrCreate(options.master, "headroom-assign"), options.config())
            .outputRoot(options.output)
            .window(options.fromMonth(), options.toMonth())
            .execute();
    spec.commandLine().getOut().print(result.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
