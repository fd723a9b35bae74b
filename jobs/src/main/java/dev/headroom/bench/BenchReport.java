package dev.headroom.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.common.Escaping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's figures for people and for files: a text table for the terminal, {@code
 * bench.json} (everything), {@code stages.csv} (one row per size and stage) and {@code summary.csv}
 * (one row per size, with the ratios).
 */
public final class BenchReport {

  /** All figures. */
  public static final String JSON = "bench.json";

  /** One row per size and stage. */
  public static final String STAGES_CSV = "stages.csv";

  /** One row per size. */
  public static final String SUMMARY_CSV = "summary.csv";

  private static final double MB = 1024.0 * 1024.0;

  private BenchReport() {}

  /** The table printed at the end of {@code bench}. */
  public static String table(List<BenchResult> results) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%n%-9s %-13s %9s %12s %14s  %s%n",
            "tickets",
            "stage",
            "seconds",
            "rows/s",
            "peak heap MB",
            "steps (s)"));
    for (BenchResult r : results) {
      for (BenchResult.Stage s : r.stages()) {
        StringBuilder parts = new StringBuilder();
        s.parts()
            .forEach(
                (part, sec) -> parts.append(String.format(Locale.ROOT, " %s %.1f", part, sec)));
        out.append(
            String.format(
                Locale.ROOT,
                "%-9d %-13s %9.1f %12.0f %14.0f %s%n",
                r.tickets(),
                s.name(),
                s.seconds(),
                s.rowsPerSecond(),
                s.peakHeapBytes() / MB,
                parts));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%-9d %-13s %9.1f %12.0f %14.0f%n",
              r.tickets(),
              "run",
              r.runSeconds(),
              r.runTicketsPerSecond(),
              r.runPeakHeapBytes() / MB));
      out.append(
          String.format(
              Locale.ROOT,
              "%-9d %-13s %9.1f %12.0f %14.0f%n",
              r.tickets(),
              "read+nori",
              r.lowerBound().seconds(),
              r.lowerBound().tickets() / Math.max(1e-9, r.lowerBound().seconds()),
              r.lowerBound().peakHeapBytes() / MB));
      for (BaselineRow b : baselineRows(r)) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-9d %-13s %9.1f %12.0f %14s%n",
                r.tickets(),
                b.name(),
                b.seconds(),
                b.rowsPerSecond(),
                "-"));
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n%-9s %9s %9s %9s %10s %10s %10s %9s %9s %9s%n",
            "tickets",
            "run s",
            "bound s",
            "run/bound",
            "vs sklearn",
            "discover",
            "from terms",
            "NMI ours",
            "NMI par.",
            "NMI skl."));
    for (BenchResult r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-9d %9.1f %9.1f %9.2f %10s %10s %10s %9.3f %9.3f %9s%n",
              r.tickets(),
              r.runSeconds(),
              r.lowerBound().seconds(),
              r.runOverLowerBound(),
              r.sklearn() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%.3gx", r.runThroughputOverSklearn()),
              r.sklearn() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%.3gx", r.discoverThroughputOverSklearn()),
              r.sklearn() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%.3gx", r.discoverFromTermsOverSklearn()),
              r.ours().nmi(),
              r.ours().parentNmi(),
              r.sklearn() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.sklearn().nmi())));
    }
    return out.toString();
  }

  /** Writes {@link #JSON}, {@link #STAGES_CSV} and {@link #SUMMARY_CSV} into {@code folder}. */
  public static void write(List<BenchResult> results, String machine, Path folder) {
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(JSON), json(results, machine), StandardCharsets.UTF_8);
      Files.writeString(folder.resolve(STAGES_CSV), stagesCsv(results), StandardCharsets.UTF_8);
      Files.writeString(folder.resolve(SUMMARY_CSV), summaryCsv(results), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the benchmark figures to " + folder, e);
    }
  }

  static String json(List<BenchResult> results, String machine) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("machine", machine);
    ArrayNode sizes = root.putArray("sizes");
    for (BenchResult r : results) {
      ObjectNode size = mapper.valueToTree(r);
      size.put("runSeconds", r.runSeconds());
      size.put("runTicketsPerSecond", r.runTicketsPerSecond());
      size.put("runPeakHeapBytes", r.runPeakHeapBytes());
      size.put("runOverLowerBound", r.runOverLowerBound());
      size.put("discoverFromTermsSeconds", r.discoverFromTermsSeconds());
      if (r.sklearn() != null) {
        ObjectNode sk = (ObjectNode) size.get("sklearn");
        sk.put("seconds", r.sklearn().seconds());
        sk.put("rowsPerSecond", r.sklearn().rowsPerSecond());
        sk.put("termsSeconds", r.sklearn().termsSeconds());
        sk.put("termsRowsPerSecond", r.sklearn().termsRowsPerSecond());
        size.put("runThroughputOverSklearn", r.runThroughputOverSklearn());
        size.put("discoverThroughputOverSklearn", r.discoverThroughputOverSklearn());
        size.put("discoverFromTermsOverSklearn", r.discoverFromTermsOverSklearn());
      }
      ArrayNode stages = (ArrayNode) size.get("stages");
      for (int i = 0; i < r.stages().size(); i++) {
        ((ObjectNode) stages.get(i)).put("rowsPerSecond", r.stages().get(i).rowsPerSecond());
      }
      sizes.add(size);
    }
    return mapper.writeValueAsString(root) + "\n";
  }

  static String stagesCsv(List<BenchResult> results) {
    StringBuilder csv =
        new StringBuilder(
            csvLine("tickets", "stage", "seconds", "rows", "rows_per_second", "peak_heap_mb"));
    for (BenchResult r : results) {
      String tickets = Long.toString(r.tickets());
      for (BenchResult.Stage s : r.stages()) {
        csv.append(
            csvLine(
                tickets,
                s.name(),
                fixed(s.seconds(), 2),
                Long.toString(s.rows()),
                fixed(s.rowsPerSecond(), 0),
                fixed(s.peakHeapBytes() / MB, 0)));
        s.parts()
            .forEach(
                (part, sec) ->
                    csv.append(csvLine(tickets, s.name() + "." + part, fixed(sec, 2), "", "", "")));
      }
      BenchResult.LowerBound lb = r.lowerBound();
      csv.append(
          csvLine(
              tickets,
              "read+nori",
              fixed(lb.seconds(), 2),
              Long.toString(lb.tickets()),
              fixed(lb.tickets() / Math.max(1e-9, lb.seconds()), 0),
              fixed(lb.peakHeapBytes() / MB, 0)));
      for (BaselineRow b : baselineRows(r)) {
        csv.append(
            csvLine(
                tickets,
                b.name(),
                fixed(b.seconds(), 2),
                Long.toString(b.rows()),
                fixed(b.rowsPerSecond(), 0),
                ""));
      }
    }
    return csv.toString();
  }

  static String summaryCsv(List<BenchResult> results) {
    StringBuilder csv =
        new StringBuilder(
            csvLine(
                "tickets",
                "orders",
                "cores",
                "run_seconds",
                "tickets_per_second",
                "peak_heap_mb",
                "lower_bound_seconds",
                "run_over_lower_bound",
                "sklearn_seconds",
                "run_throughput_over_sklearn",
                "discover_throughput_over_sklearn",
                "discover_from_terms_seconds",
                "sklearn_terms_seconds",
                "discover_from_terms_over_sklearn",
                "k",
                "nmi_ours",
                "nmi_ours_parent",
                "nmi_sklearn",
                "nmi_sklearn_terms",
                "vocabulary",
                "vocabulary_sklearn_terms",
                "output_mb"));
    for (BenchResult r : results) {
      long output = r.outputBytes().values().stream().mapToLong(Long::longValue).sum();
      boolean sklearn = r.sklearn() != null;
      csv.append(
          csvLine(
              Long.toString(r.tickets()),
              Long.toString(r.orders()),
              Integer.toString(r.cores()),
              fixed(r.runSeconds(), 2),
              fixed(r.runTicketsPerSecond(), 0),
              fixed(r.runPeakHeapBytes() / MB, 0),
              fixed(r.lowerBound().seconds(), 2),
              fixed(r.runOverLowerBound(), 3),
              sklearn ? fixed(r.sklearn().seconds(), 2) : "",
              sklearn ? fixed(r.runThroughputOverSklearn(), 3) : "",
              sklearn ? fixed(r.discoverThroughputOverSklearn(), 3) : "",
              fixed(r.discoverFromTermsSeconds(), 2),
              sklearn ? fixed(r.sklearn().termsSeconds(), 2) : "",
              sklearn ? fixed(r.discoverFromTermsOverSklearn(), 3) : "",
              Integer.toString(r.ours().k()),
              fixed(r.ours().nmi(), 4),
              fixed(r.ours().parentNmi(), 4),
              sklearn ? fixed(r.sklearn().nmi(), 4) : "",
              sklearn ? fixed(r.sklearn().termsNmi(), 4) : "",
              Integer.toString(r.ours().vocabulary()),
              sklearn ? Long.toString(r.sklearn().termsVocabulary()) : "",
              fixed(output / MB, 1)));
    }
    return csv.toString();
  }

  /** One scikit-learn row of the tables: on the texts, and given discover's terms. */
  private record BaselineRow(String name, double seconds, long rows, double rowsPerSecond) {}

  /** The baseline's rows of a size; none when it was not run. */
  private static List<BaselineRow> baselineRows(BenchResult r) {
    BenchResult.Baseline b = r.sklearn();
    return b == null
        ? List.of()
        : List.of(
            new BaselineRow("sklearn", b.seconds(), b.rows(), b.rowsPerSecond()),
            new BaselineRow("sklearn.terms", b.termsSeconds(), b.rows(), b.termsRowsPerSecond()));
  }

  private static String csvLine(String... cells) {
    return Escaping.csvLine(List.of(cells), "\n");
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
