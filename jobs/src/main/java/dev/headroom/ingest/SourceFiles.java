package dev.headroom.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * The files an input's rows came from, each under a 64-bit key that the rows carry while ingest
 * holds them in memory.
 *
 * <p>Every row names its file ({@link IngestTransforms#SOURCE_FILE}, some 90 characters). Ingest
 * caches its checked rows uncompressed, and there the names were the largest column: at 1M tickets
 * the 7.9M orders' names were, by our estimate, a third of a cache that no longer fitted in memory
 * and spilled to disk. The cache holds the key instead, and the name is put back as rows are
 * written (BENCHMARKS.md, issue 20, "the file's name as a key in ingest's cache"). Finding the
 * names takes a Spark job of its own, which costs a small input more than its names do: an input of
 * fewer than {@link #KEYED_FROM_BYTES} on disk is cached with its names.
 */
final class SourceFiles {

  /** The column holding a row's file key in place of its name. */
  static final String KEY = "_source_file_key";

  /**
   * The size on disk from which an input's rows are cached with a key for their file: 32 MB, some
   * 2M orders or 1M tickets as Parquet. The sample's inputs are 0.7 and 2.2 MB.
   */
  static final long KEYED_FROM_BYTES = 32L << 20;

  /** Rows cached with their file's name: nothing to put back. */
  static final SourceFiles NAMES_KEPT = new SourceFiles(null);

  private final HashMap<Long, String> names;

  private SourceFiles(HashMap<Long, String> names) {
    this.names = names;
  }

  /** Whether {@code raw}'s files are large enough to cache its rows with a key for their file. */
  static boolean worthKeying(Dataset<Row> raw) {
    return raw.queryExecution().analyzed().stats().sizeInBytes().longValue() >= KEYED_FROM_BYTES;
  }

  /** {@code labelled} with each row's file key in place of the file's name. */
  static Dataset<Row> keyed(Dataset<Row> labelled) {
    return labelled
        .withColumn(KEY, key(col(IngestTransforms.SOURCE_FILE)))
        .drop(IngestTransforms.SOURCE_FILE);
  }

  /**
   * The files {@code raw} reads rows from, found by one Spark job that reads no column of them. The
   * names are those {@link IngestTransforms#canonicalize} gives the same rows.
   */
  static SourceFiles of(Dataset<Row> raw) {
    HashMap<Long, String> names = new HashMap<>();
    Column name = input_file_name();
    for (Row file : raw.select(key(name), name).distinct().collectAsList()) {
      String other = names.put(file.getLong(0), file.getString(1));
      if (other != null) {
        // Two names under one 64-bit hash: about one chance in 10^11 with ten thousand files.
        throw new IllegalStateException(
            "The input files " + other + " and " + file.getString(1) + " have the same key");
      }
    }
    return new SourceFiles(names);
  }

  /** {@code keyed} rows with their file's name back in place of its key. */
  Dataset<Row> named(Dataset<Row> keyed) {
    if (names == null) {
      return keyed;
    }
    Map<Long, String> lookup = names;
    var name =
        udf(
            (UDF1<Long, String>)
                key -> {
                  String found = lookup.get(key);
                  if (found == null) {
                    throw new IllegalStateException(
                        "No input file has the key " + key + "; its rows would lose their file");
                  }
                  return found;
                },
            DataTypes.StringType);
    return keyed.withColumn(IngestTransforms.SOURCE_FILE, name.apply(col(KEY))).drop(KEY);
  }

  private static Column key(Column fileName) {
    return xxhash64(fileName);
  }
}
