package dev.headroom.reliability;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads everything a run leaves under an output root, for the reliability tests: every Delta table,
 * every Parquet data set (the saved models) and every report file.
 */
final class OutputScan {

  private static final List<String> TEXT_FILES = List.of(".html", ".csv", ".md", ".json", ".txt");

  private final SparkSession spark;
  private final Path root;

  OutputScan(SparkSession spark, Path root) {
    this.spark = spark;
    this.root = root;
  }

  /** The Delta tables under the root, by folder name relative to it. */
  Map<String, Dataset<Row>> deltaTables() {
    Map<String, Dataset<Row>> tables = new TreeMap<>();
    for (Path dir : folders(d -> Files.isDirectory(d.resolve("_delta_log")))) {
      tables.put(
          root.relativize(dir).toString(), spark.read().format("delta").load(dir.toString()));
    }
    return tables;
  }

  /**
   * Per Delta table, the rows holding NaN or an infinity in any double or float, nested ones
   * (arrays, maps, structs) included. Tables without such rows are left out.
   */
  Map<String, Long> rowsWithNonFiniteNumbers() {
    Map<String, Long> found = new TreeMap<>();
    deltaTables()
        .forEach(
            (name, table) -> {
              List<String> checks = new ArrayList<>();
              for (StructField field : table.schema().fields()) {
                String check = nonFinite("`" + field.name() + "`", field.dataType(), 0);
                if (check != null) {
                  checks.add(check);
                }
              }
              if (!checks.isEmpty()) {
                long n = table.filter(expr(String.join(" OR ", checks))).count();
                if (n > 0) {
                  found.put(name, n);
                }
              }
            });
    return found;
  }

  /**
   * How many double or float columns (nested ones counted) the tables hold: shows the scan saw
   * some.
   */
  long numberColumns() {
    long n = 0;
    for (Dataset<Row> table : deltaTables().values()) {
      for (StructField field : table.schema().fields()) {
        n += nonFinite("x", field.dataType(), 0) != null ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * Each planted value found anywhere in the outputs, with where: every column of every Delta table
   * and Parquet data set (as JSON, so nested values count), and every report file.
   *
   * @param values the planted values
   * @param ignoredColumns columns whose own value is not scanned (e.g. {@code order_id}, which
   *     legitimately holds order numbers also planted in text), top level and inside raw JSON
   */
  Map<String, List<String>> find(Collection<String> values, Collection<String> ignoredColumns) {
    Needles planted = new Needles(values);
    Map<String, List<String>> found = new TreeMap<>();
    Map<String, Dataset<Row>> datasets = new TreeMap<>(deltaTables());
    for (Path dir : folders(OutputScan::isParquetDataSet)) {
      datasets.put(root.relativize(dir).toString(), spark.read().parquet(dir.toString()));
    }
    datasets.forEach(
        (name, table) -> {
          Column[] kept =
              Arrays.stream(table.columns())
                  .filter(c -> !ignoredColumns.contains(c))
                  .map(c -> col("`" + c + "`"))
                  .toArray(Column[]::new);
          Column json = to_json(struct(kept));
          for (String column : ignoredColumns) {
            // A raw row kept as JSON text (rejects.raw) holds the same columns.
            json =
                regexp_replace(
                    json, "\\\\\"" + Pattern.quote(column) + "\\\\\":\\\\\"[^\\\\\"]*", "");
          }
          for (Row row : table.select(json).collectAsList()) {
            for (String value : planted.in(row.getString(0))) {
              found.computeIfAbsent(value, v -> new ArrayList<>()).add(name);
            }
          }
        });
    for (Path file : textFiles()) {
      for (String value : planted.in(read(file))) {
        found.computeIfAbsent(value, v -> new ArrayList<>()).add(root.relativize(file).toString());
      }
    }
    return found;
  }

  /** The report and other text files under the root, outside the Delta logs. */
  List<Path> textFiles() {
    return files(f -> TEXT_FILES.stream().anyMatch(ext -> f.toString().endsWith(ext)));
  }

  /**
   * Finds many literal values in a text in one pass: candidates are looked up by the characters
   * that start them (a regex alternation of hundreds of values is far slower on long tables).
   */
  private static final class Needles {
    private static final int PREFIX = 3;
    private final Map<String, List<String>> byPrefix = new java.util.HashMap<>();
    private final List<String> short_ = new ArrayList<>();

    Needles(Collection<String> values) {
      for (String value : values) {
        if (value.length() < PREFIX) {
          short_.add(value);
        } else {
          byPrefix.computeIfAbsent(value.substring(0, PREFIX), p -> new ArrayList<>()).add(value);
        }
      }
    }

    List<String> in(String text) {
      List<String> hits = new ArrayList<>();
      for (String value : short_) {
        if (text.contains(value)) {
          hits.add(value);
        }
      }
      for (int i = 0; i + PREFIX <= text.length(); i++) {
        List<String> candidates = byPrefix.get(text.substring(i, i + PREFIX));
        if (candidates != null) {
          for (String value : candidates) {
            if (text.startsWith(value, i)) {
              hits.add(value);
            }
          }
        }
      }
      return hits;
    }
  }

  private static String nonFinite(String path, DataType type, int depth) {
    if (type instanceof DoubleType || type instanceof FloatType) {
      return "(isnan(" + path + ") OR abs(" + path + ") = double('Infinity'))";
    }
    String element = "x" + depth;
    if (type instanceof ArrayType array) {
      String inner = nonFinite(element, array.elementType(), depth + 1);
      return inner == null ? null : "exists(" + path + ", " + element + " -> " + inner + ")";
    }
    if (type instanceof MapType map) {
      String inner = nonFinite(element, map.valueType(), depth + 1);
      return inner == null
          ? null
          : "exists(map_values(" + path + "), " + element + " -> " + inner + ")";
    }
    if (type instanceof StructType struct) {
      List<String> inner = new ArrayList<>();
      for (StructField field : struct.fields()) {
        String check = nonFinite(path + ".`" + field.name() + "`", field.dataType(), depth);
        if (check != null) {
          inner.add(check);
        }
      }
      return inner.isEmpty() ? null : "(" + String.join(" OR ", inner) + ")";
    }
    return null;
  }

  private static boolean isParquetDataSet(Path dir) {
    if (Files.isDirectory(dir.resolve("_delta_log")) || isInsideDelta(dir)) {
      return false;
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isInsideDelta(Path dir) {
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("_delta_log"))) {
        return true;
      }
    }
    return false;
  }

  private List<Path> folders(java.util.function.Predicate<Path> which) {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isDirectory).filter(which).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Path> files(java.util.function.Predicate<Path> which) {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .filter(f -> !f.toString().contains("/_delta_log/"))
          .filter(which)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
