package dev.headroom.cli;

import dev.headroom.common.SparkSessions;
import dev.headroom.report.ReportJob;
import dev.headroom.report.ReportResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom report}: the backlog as CSV, Markdown and one self-contained HTML page. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Writes the backlog for people: backlog.csv (UTF-8 with BOM for Excel), backlog.md and"
            + " report.html (charts, no network needed), compared with the previous rank run.")
public final class ReportCommand implements Callable<Integer> {

  @Mixin SharedOptions options;

  @Spec CommandSpec spec;

  @Option(
      names = "--run",
      paramLabel = "RUN_ID",
      description = "The rank run to report. Default: the latest.")
  String runId;

  @Option(
      names = "--compare",
      paramLabel = "RUN_ID",
      description = "The rank run to compare with. Default: the one before the reported run.")
  String compareRunId;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description = "Where the files go. Default: <output>/report")
  String reportDir;

  /** Entry point for {@code spark-submit --class dev.headroom.cli.ReportCommand}. */
  public static void main(String[] args) {
    System.exit(HeadroomCli.runAndStop(new ReportCommand(), args));
  }

  @Override
  public Integer call() {
    ReportResult result =
        ReportJob.of(SparkSessions.getOrCreate(options.master, "headroom-report"), options.config())
            .outputRoot(options.output)
            .reportDir(reportDir)
            .runId(runId)
            .compareWith(compareRunId)
            .execute();
    spec.commandLine().getOut().print(result.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
