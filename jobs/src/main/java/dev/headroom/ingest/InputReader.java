package dev.headroom.ingest;

import dev.headroom.common.InputException;
import dev.headroom.common.InputSpec;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one raw input (Parquet, Delta, CSV or JSON Lines) as the user's columns.
 *
 * <p>CSV is read with a header, quoting, multi-line fields and UTF-8, every column a string. Lines
 * that do not parse are kept in {@link #CORRUPT_RECORD} so they can be rejected, not lost. A quote
 * that is not closed where it should be fails the read (when the job first scans the rows) instead
 * of silently joining lines; {@link CsvParseErrors} turns that into a message naming the file and
 * line.
 */
public final class InputReader {

  /** Column that holds a CSV or JSON line that did not parse. */
  public static final String CORRUPT_RECORD = "_corrupt_record";

  private InputReader() {}

  /** Reads the input, failing with an {@link InputException} naming the path when it cannot. */
  public static Dataset<Row> read(SparkSession spark, InputSpec spec) {
    String format = resolveFormat(spark, spec);
    try {
      Dataset<Row> rows =
          switch (format) {
            case "csv" -> readCsv(spark, spec.path());
            case "json" -> spark.read().option("mode", "PERMISSIVE").json(spec.path());
            case "delta" -> spark.read().format("delta").load(spec.path());
            default -> spark.read().parquet(spec.path());
          };
      if (rows.columns().length == 0) {
        throw new InputException(
            "The " + spec.kind() + " input " + spec.path() + " has no columns (is it empty?)");
      }
      return rows;
    } catch (InputException e) {
      throw e;
    } catch (Exception e) {
      throw new InputException(
          "Cannot read the "
              + spec.kind()
              + " input "
              + spec.path()
              + " as "
              + format
              + ": "
              + firstLine(e.getMessage())
              + " (check "
              + spec.kind()
              + ".path and "
              + spec.kind()
              + ".format)",
          e);
    }
  }

  /** The format to read with: the configured one, or one inferred from the path. */
  static String resolveFormat(SparkSession spark, InputSpec spec) {
    Path path = new Path(spec.path());
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new InputException(
            "The "
                + spec.kind()
                + " input does not exist: "
                + spec.path()
                + " (set "
                + spec.kind()
                + ".path in the config or with --set)");
      }
      if (!spec.format().equals("auto")) {
        return spec.format();
      }
      if (fs.exists(new Path(path, "_delta_log"))) {
        return "delta";
      }
      String name = path.getName();
      if (fs.getFileStatus(path).isDirectory()) {
        name = firstDataFile(fs, path);
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
        return "csv";
      }
      if (lower.matches(".*\\.(json|jsonl|ndjson)(\\.gz)?$")) {
        return "json";
      }
      if (lower.endsWith(".parquet")) {
        return "parquet";
      }
      throw new InputException(
          "Cannot tell the format of the "
              + spec.kind()
              + " input "
              + spec.path()
              + " from its file names; set "
              + spec.kind()
              + ".format to parquet, delta, csv or json");
    } catch (IOException e) {
      throw new InputException(
          "Cannot list the " + spec.kind() + " input " + spec.path() + ": " + e.getMessage(), e);
    }
  }

  private static String firstDataFile(FileSystem fs, Path dir) throws IOException {
    for (FileStatus status : fs.listStatus(dir)) {
      String name = status.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (status.isDirectory()) {
        return firstDataFile(fs, status.getPath());
      }
      return name;
    }
    throw new InputException("The input folder " + dir + " holds no data files");
  }

  private static Dataset<Row> readCsv(SparkSession spark, String path) {
    var reader =
        spark
            .read()
            .option("header", "true")
            .option("multiLine", "true")
            .option("quote", "\"")
            .option("escape", "\"")
            // A quote left open would otherwise swallow the lines after it into one field, up to
            // the next quote, and those rows would vanish into a ticket's text. Failing instead
            // lets IngestJob name the file and line (see CsvParseErrors).
            .option("unescapedQuoteHandling", "RAISE_ERROR")
            .option("encoding", "UTF-8");
    // The header gives the column names; reading again with them plus the corrupt-record column
    // keeps lines with the wrong number of fields instead of dropping or padding them silently.
    StructType header = reader.csv(path).schema();
    StructType schema = new StructType();
    for (StructField field : header.fields()) {
      schema = schema.add(field.name(), DataTypes.StringType, true);
    }
    schema = schema.add(CORRUPT_RECORD, DataTypes.StringType, true);
    return reader
        .schema(schema)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT_RECORD)
        .csv(path);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
