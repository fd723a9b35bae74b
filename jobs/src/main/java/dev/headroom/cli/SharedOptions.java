package dev.headroom.cli;

import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.LocalFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every job shares: config, output root, master, month window, overrides. */
public final class SharedOptions {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Config file (properties, UTF-8), or the name of one passed to spark-submit --files."
              + " Default: "
              + HeadroomConfig.DEFAULT_FILE
              + " when it exists, else built-in defaults.")
  Path config;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      defaultValue = "warehouse",
      description = "Warehouse root the Delta tables are written under. Default: ${DEFAULT-VALUE}")
  String output;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master. Default: spark-submit's, else local[*].")
  String master;

  @Option(names = "--from", paramLabel = "YYYY-MM", description = "First month to process.")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM", description = "Last month to process.")
  String to;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Override a config key, e.g. --set tickets.path=in/tickets.csv (repeatable);"
              + " `headroom config` lists every key with its default.")
  Map<String, String> overrides = new LinkedHashMap<>();

  boolean verbose;

  /** Stack traces on errors, and Spark's stage progress bars (off otherwise: they garble lines). */
  @Option(
      names = {"-v", "--verbose"},
      description = "Print stack traces on errors and Spark's stage progress bars.")
  void verbose(boolean on) {
    verbose = on;
    if (on) {
      // Read by SparkConf when the job's session is created, after the options are parsed.
      System.setProperty("spark.ui.showConsoleProgress", "true");
    }
  }

  /** The validated configuration: the file (or defaults) with the overrides applied. */
  HeadroomConfig config() {
    return HeadroomConfig.fromMap(values(), source());
  }

  /** The key-value pairs of the file (none when there is no file) with the overrides on top. */
  Map<String, String> values() {
    Path file = file();
    Map<String, String> values = file == null ? new LinkedHashMap<>() : HeadroomConfig.read(file);
    overrides.forEach((key, value) -> values.put(key.trim(), value.trim()));
    return values;
  }

  /** Where the configuration comes from, for messages. */
  String source() {
    Path file = file();
    return file == null ? "built-in defaults" : file.toString();
  }

  private Path file() {
    if (config != null) {
      return LocalFiles.resolve(config.toString());
    }
    Path defaultFile = Path.of(HeadroomConfig.DEFAULT_FILE);
    return Files.isRegularFile(defaultFile) ? defaultFile : null;
  }

  YearMonth fromMonth() {
    return month("--from", from);
  }

  YearMonth toMonth() {
    YearMonth end = month("--to", to);
    YearMonth start = fromMonth();
    if (start != null && end != null && end.isBefore(start)) {
      throw new InputException("--to " + to + " is before --from " + from);
    }
    return end;
  }

  private static YearMonth month(String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      return YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      throw new InputException(option + " expects a month as YYYY-MM, got '" + value + "'");
    }
  }
}
