package dev.headroom.cli;

import dev.headroom.bench.BenchJob;
import dev.headroom.bench.BenchReport;
import dev.headroom.bench.BenchResult;
import dev.headroom.bench.SklearnBaseline;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.LocalFiles;
import dev.headroom.common.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code headroom bench}: for each size, generates tickets and orders, runs the whole pipeline on
 * them, and measures it beside the read+tokenize lower bound and scikit-learn. See BENCHMARKS.md.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks the whole run at given sizes on embedded Spark: seconds, rows/s and peak heap per stage,",
      "the read+tokenize lower bound, and scikit-learn's TF-IDF + k-means on the same texts.",
      "Writes bench.json, stages.csv and summary.csv into --results."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = HeadroomConfig.DEFAULT_FILE,
      description =
          "Config whose topic and rank settings the run uses (its input paths are replaced). Default: ${DEFAULT-VALUE}")
  String config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a config key (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "TICKETS",
      defaultValue = "100000,1000000",
      description = "About how many tickets per size, comma-separated. Default: ${DEFAULT-VALUE}")
  List<Long> sizes;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "bench-work",
      description =
          "Folder for the generated inputs and the run's tables. Default: ${DEFAULT-VALUE}")
  String work;

  @Option(
      names = "--results",
      paramLabel = "DIR",
      defaultValue = "bench-results",
      description = "Folder for bench.json, stages.csv and summary.csv. Default: ${DEFAULT-VALUE}")
  String results;

  @Option(
      names = "--python",
      paramLabel = "PATH",
      defaultValue = SklearnBaseline.PYTHON_DEFAULT,
      description =
          "Python with scikit-learn (Debian's python3-sklearn). Default: ${DEFAULT-VALUE}")
  String python;

  @Option(names = "--no-sklearn", description = "Leave out the scikit-learn baseline.")
  boolean noSklearn;

  @Option(
      names = "--keep",
      description = "Keep each size's generated input and tables under --work.")
  boolean keep;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master. Default: local[*].")
  String master;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print stack traces on errors.")
  boolean verbose;

  @Spec CommandSpec spec;

  /** Entry point for {@code spark-submit --class dev.headroom.cli.BenchCommand}. */
  public static void main(String[] args) {
    System.exit(HeadroomCli.runAndStop(new BenchCommand(), args));
  }

  @Override
  public Integer call() {
    if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
      throw new InputException(
          "--sizes expects ticket counts above 0, e.g. --sizes 100000,1000000");
    }
    Path configFile = LocalFiles.resolve(config);
    Map<String, String> values = HeadroomConfig.read(configFile);
    overrides.forEach((key, value) -> values.put(key.trim(), value.trim()));
    HeadroomConfig settings = HeadroomConfig.fromMap(values, configFile.toString());
    SklearnBaseline baseline = null;
    if (!noSklearn) {
      if (!SklearnBaseline.available(python)) {
        throw new InputException(
            python
                + " cannot import scikit-learn: install Debian's python3-sklearn"
                + " (sudo apt-get install python3-sklearn), pass --python, or --no-sklearn");
      }
      baseline = SklearnBaseline.of(python, Path.of(SklearnBaseline.SCRIPT), settings.topics());
    }
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.getOrCreate(master, "headroom-bench");
    BenchJob job =
        BenchJob.of(spark, values, configFile.toString())
            .work(Path.of(work))
            .sklearn(baseline)
            .keep(keep);
    String machine = machine(spark);
    out.println("Benchmark on " + machine);
    List<BenchResult> figures = new ArrayList<>();
    for (long size : sizes) {
      out.println(
          String.format(
              Locale.ROOT,
              "[%d/%d] %,d tickets: generate, run, read+nori%s",
              figures.size() + 1,
              sizes.size(),
              size,
              baseline == null ? "" : ", scikit-learn"));
      out.flush();
      BenchResult r = job.execute(size);
      figures.add(r);
      out.println(
          String.format(
              Locale.ROOT,
              "      %,d tickets, %,d orders: run %.0f s (%.0f tickets/s), lower bound %.0f s",
              r.tickets(),
              r.orders(),
              r.runSeconds(),
              r.runTicketsPerSecond(),
              r.lowerBound().seconds()));
      // Written after each size, so a long benchmark stopped midway keeps what it measured.
      BenchReport.write(figures, machine, Path.of(results));
    }
    out.print(BenchReport.table(figures));
    out.println(
        "Figures: "
            + results
            + "/"
            + BenchReport.JSON
            + ", "
            + BenchReport.STAGES_CSV
            + ", "
            + BenchReport.SUMMARY_CSV);
    out.flush();
    return 0;
  }

  private static String machine(SparkSession spark) {
    String cpu = "";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse("");
    } catch (IOException e) {
      cpu = "unknown CPU";
    }
    return String.format(
        Locale.ROOT,
        "%s, %d cores for Spark (%s), heap limit %.1f GB, Java %s, %s %s",
        cpu,
        spark.sparkContext().defaultParallelism(),
        spark.sparkContext().master(),
        Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }
}
