package dev.headroom.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
            "%n%-9s %-10s %9s %12s %14s  %s%n",
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
                "%-9d %-10s %9.1f %12.0f %14.0f %s%n",
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
              "%-9d %-10s %9.1f %12.0f %14.0f%n",
              r.tickets(),
              "run",
              r.runSeconds(),
              r.runTicketsPerSecond(),
              r.runPeakHeapBytes() / MB));
      out.append(
          String.format(
              Locale.ROOT,
              "%-9d %-10s %9.1f %12.0f %14.0f%n",
              r.tickets(),
              "read+nori",
              r.lowerBound().seconds(),
              r.lowerBound().tickets() / Math.max(1e-9, r.lowerBound().seconds()),
              r.lowerBound().peakHeapBytes() / MB));
      if (r.sklearn() != null) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-9d %-10s %9.1f %12.0f %14s%n",
                r.tickets(),
                "sklearn",
                r.sklearn().seconds(),
                r.sklearn().rowsPerSecond(),
                "-"));
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n%-9s %9s %9s %9s %10s %10s %9s %9s %9s%n",
            "tickets",
            "run s",
            "bound s",
            "run/bound",
            "vs sklearn",
            "discover",
            "NMI ours",
            "NMI par.",
            "NMI skl."));
    for (BenchResult r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-9d %9.1f %9.1f %9.2f %10s %10s %9.3f %9.3f %9s%n",
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
      if (r.sklearn() != null) {
        ObjectNode sk = (ObjectNode) size.get("sklearn");
        sk.put("seconds", r.sklearn().seconds());
        sk.put("rowsPerSecond", r.sklearn().rowsPerSecond());
        size.put("runThroughputOverSklearn", r.runThroughputOverSklearn());
        size.put("discoverThroughputOverSklearn", r.discoverThroughputOverSklearn());
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
        new StringBuilder("tickets,stage,seconds,rows,rows_per_second,peak_heap_mb\n");
    for (BenchResult r : results) {
      for (BenchResult.Stage s : r.stages()) {
        csv.append(
            String.format(
                Locale.ROOT,
                "%d,%s,%.2f,%d,%.0f,%.0f%n",
                r.tickets(),
                s.name(),
                s.seconds(),
                s.rows(),
                s.rowsPerSecond(),
                s.peakHeapBytes() / MB));
        s.parts()
            .forEach(
                (part, sec) ->
                    csv.append(
                        String.format(
                            Locale.ROOT, "%d,%s.%s,%.2f,,,%n", r.tickets(), s.name(), part, sec)));
      }
      BenchResult.LowerBound lb = r.lowerBound();
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,read+nori,%.2f,%d,%.0f,%.0f%n",
              r.tickets(),
              lb.seconds(),
              lb.tickets(),
              lb.tickets() / Math.max(1e-9, lb.seconds()),
              lb.peakHeapBytes() / MB));
      if (r.sklearn() != null) {
        csv.append(
            String.format(
                Locale.ROOT,
                "%d,sklearn,%.2f,%d,%.0f,%n",
                r.tickets(),
                r.sklearn().seconds(),
                r.sklearn().rows(),
                r.sklearn().rowsPerSecond()));
      }
    }
    return csv.toString();
  }

  static String summaryCsv(List<BenchResult> results) {
    StringBuilder csv =
        new StringBuilder(
            "tickets,orders,cores,run_seconds,tickets_per_second,peak_heap_mb,lower_bound_seconds,"
                + "run_over_lower_bound,sklearn_seconds,run_throughput_over_sklearn,"
                + "discover_throughput_over_sklearn,k,nmi_ours,nmi_ours_parent,nmi_sklearn,output_mb\n");
    for (BenchResult r : results) {
      long output = r.outputBytes().values().stream().mapToLong(Long::longValue).sum();
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%d,%.2f,%.0f,%.0f,%.2f,%.3f,%s,%s,%s,%d,%.4f,%.4f,%s,%.1f%n",
              r.tickets(),
              r.orders(),
              r.cores(),
              r.runSeconds(),
              r.runTicketsPerSecond(),
              r.runPeakHeapBytes() / MB,
              r.lowerBound().seconds(),
              r.runOverLowerBound(),
              r.sklearn() == null ? "" : String.format(Locale.ROOT, "%.2f", r.sklearn().seconds()),
              r.sklearn() == null
                  ? ""
                  : String.format(Locale.ROOT, "%.3f", r.runThroughputOverSklearn()),
              r.sklearn() == null
                  ? ""
                  : String.format(Locale.ROOT, "%.3f", r.discoverThroughputOverSklearn()),
              r.ours().k(),
              r.ours().nmi(),
              r.ours().parentNmi(),
              r.sklearn() == null ? "" : String.format(Locale.ROOT, "%.4f", r.sklearn().nmi()),
              output / MB));
    }
    return csv.toString();
  }
}
