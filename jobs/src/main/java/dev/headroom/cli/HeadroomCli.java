package dev.headroom.cli;

import dev.headroom.common.Errors;
import dev.headroom.common.InputException;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code headroom <job> [options]}: the command line over every job.
 *
 * <p>Exit codes: 0 success, 1 the job failed, 2 bad usage or bad input (the message names the file,
 * column or key).
 */
@Command(
    name = "headroom",
    mixinStandardHelpOptions = true,
    versionProvider = HeadroomCli.Version.class,
    description = "Turns a VOC archive and orders into a ranked improvement backlog.",
    subcommands = {
      GenerateCommand.class,
      IngestCommand.class,
      DiscoverCommand.class,
      AssignCommand.class,
      RankCommand.class,
      ReportCommand.class,
      RunCommand.class,
      BenchCommand.class,
      VacuumCommand.class,
      ConfigCommand.class
    })
public final class HeadroomCli implements Runnable {

  /** Exit code of a job that failed while running. */
  public static final int EXIT_FAILED = 1;

  /** Exit code of bad usage or bad input. */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Name a job: generate, ingest, discover, assign, rank, report, run or vacuum");
  }

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(runAndStop(new HeadroomCli(), args));
  }

  /** Runs {@code command} with {@code args} and stops Spark; for the jobs' own main methods. */
  static int runAndStop(Object command, String[] args) {
    try {
      return commandLine(command).execute(args);
    } finally {
      SparkSession.getDefaultSession()
          .foreach(
              session -> {
                session.stop();
                return null;
              });
    }
  }

  /** A command line with Headroom's error handling, for tests and the main methods. */
  public static CommandLine commandLine(Object command) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setExecutionExceptionHandler(HeadroomCli::handle);
    return commandLine;
  }

  private static int handle(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = verbose(parseResult);
    boolean badInput = e instanceof InputException;
    err.println((badInput ? "error: " : "failed: ") + Errors.oneLine(e));
    if (verbose) {
      e.printStackTrace(err);
    } else if (!badInput) {
      err.println("(run again with --verbose for the stack trace)");
    }
    err.flush();
    return badInput ? EXIT_BAD_INPUT : EXIT_FAILED;
  }

  /** Whether --verbose was given to the command or any subcommand (it is a job's option). */
  private static boolean verbose(CommandLine.ParseResult parseResult) {
    for (var result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** The version from the jar manifest (Implementation-Version). */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = HeadroomCli.class.getPackage().getImplementationVersion();
      return new String[] {"headroom " + (version == null ? "(development build)" : version)};
    }
  }
}
