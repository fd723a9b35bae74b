package dev.headroom.cli;

import dev.headroom.common.SparkSessions;
import dev.headroom.vacuum.VacuumJob;
import dev.headroom.vacuum.VacuumResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code headroom vacuum}: removes files no current version needs (old versions, killed writes).
 */
@Command(
    name = "vacuum",
    mixinStandardHelpOptions = true,
    description =
        "Removes the files of old table versions and of killed writes older than"
            + " vacuum.retention-hours, and saved models older than it but the newest; never the"
            + " current version.")
public final class VacuumCommand implements Callable<Integer> {

  @Mixin SharedOptions options;

  @Spec CommandSpec spec;

  /** Entry point for {@code spark-submit --class dev.headroom.cli.VacuumCommand}. */
  public static void main(String[] args) {
    System.exit(HeadroomCli.runAndStop(new VacuumCommand(), args));
  }

  @Override
  public Integer call() {
    VacuumResult result =
        VacuumJob.of(SparkSessions.getOrCreate(options.master, "headroom-vacuum"), options.config())
            .outputRoot(options.output)
            .execute();
    spec.commandLine().getOut().print(result.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
