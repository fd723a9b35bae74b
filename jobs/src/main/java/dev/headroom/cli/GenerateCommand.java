package dev.headroom.cli;

import dev.headroom.common.InputException;
import dev.headroom.common.SparkSessions;
import dev.headroom.generate.GenerateJob;
import dev.headroom.generate.GenerateResult;
import dev.headroom.generate.SyntheticVoc;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom generate}: synthetic tickets and orders with a planted truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Generates realistic synthetic orders and Korean/English tickets with a planted truth"
            + " (root causes, offending segments, a spike, repeats, personal data, dirty rows).")
public final class GenerateCommand implements Callable<Integer> {

  @Mixin SharedOptions options;

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "generated",
      description =
          "Folder to write orders/, tickets/, truth/ and truth.json into. Default: ${DEFAULT-VALUE}")
  String out;

  @Option(names = "--seed", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(
      names = "--start",
      paramLabel = "YYYY-MM",
      defaultValue = "2026-01",
      description = "First month. Default: ${DEFAULT-VALUE}")
  String start;

  @Option(names = "--months", defaultValue = "6", description = "Months. Default: ${DEFAULT-VALUE}")
  int months;

  @Option(
      names = "--tickets",
      defaultValue = "20000",
      description =
          "About how many tickets (orders are scaled to match). Default: ${DEFAULT-VALUE}")
  long tickets;

  @Option(names = "--orders", description = "Exactly this many orders (overrides --tickets).")
  Long orders;

  @Option(
      names = "--dirty-share",
      defaultValue = "0.006",
      description = "Share of tickets made dirty. Default: ${DEFAULT-VALUE}")
  double dirtyShare;

  @Option(
      names = "--pii-share",
      defaultValue = "0.08",
      description = "Share of tickets with personal data in the text. Default: ${DEFAULT-VALUE}")
  double piiShare;

  @Option(
      names = "--fix",
      paramLabel = "CAUSE=DAY",
      description =
          "Plant a fix: from this day (yyyy-MM-dd) the cause's offender has the base rate, e.g."
              + " delivery_delay=2026-03-01. Repeatable.")
  java.util.Map<String, String> fixes = new java.util.LinkedHashMap<>();

  /** Entry point for {@code spark-submit --class dev.headroom.cli.GenerateCommand}. */
  public static void main(String[] args) {
    System.exit(HeadroomCli.runAndStop(new GenerateCommand(), args));
  }

  @Override
  public Integer call() {
    YearMonth startMonth;
    try {
      startMonth = YearMonth.parse(start);
    } catch (DateTimeParseException e) {
      throw new InputException("--start expects a month as YYYY-MM, got '" + start + "'");
    }
    if (months < 1 || tickets < 1 || (orders != null && orders < 1)) {
      throw new InputException("--months, --tickets and --orders must be above 0");
    }
    if (dirtyShare < 0 || dirtyShare > 1 || piiShare < 0 || piiShare > 1) {
      throw new InputException("--dirty-share and --pii-share must be between 0 and 1");
    }
    long orderCount = orders != null ? orders : GenerateJob.ordersForTickets(tickets);
    java.util.List<SyntheticVoc.PlantedFix> planted = new java.util.ArrayList<>();
    for (var fix : fixes.entrySet()) {
      try {
        planted.add(
            new SyntheticVoc.PlantedFix(fix.getKey(), java.time.LocalDate.parse(fix.getValue())));
      } catch (DateTimeParseException e) {
        throw new InputException(
            "--fix " + fix.getKey() + " expects a day as yyyy-MM-dd, got '" + fix.getValue() + "'");
      }
    }
    SyntheticVoc.Params params;
    try {
      params =
          new SyntheticVoc.Params(
              seed,
              startMonth,
              months,
              orderCount,
              dirtyShare,
              piiShare,
              options.config().timeZone().getId(),
              planted);
    } catch (IllegalArgumentException e) {
      throw new InputException("--fix: " + e.getMessage());
    }
    GenerateResult result =
        GenerateJob.of(SparkSessions.getOrCreate(options.master, "headroom-generate"), params)
            .output(out)
            .execute();
    spec.commandLine().getOut().println(result.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
