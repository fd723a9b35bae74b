package dev.headroom.common;

import io.delta.tables.DeltaTable;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes Headroom's outputs as Delta transactions.
 *
 * <p>A rerunnable write replaces exactly its slice ({@code replaceWhere}), so a rerun of the same
 * month replaces it instead of duplicating it, and a failed write leaves the previous version
 * readable. Every commit is stamped with the job and run id in its {@code userMetadata}.
 */
public final class DeltaIo {

  private DeltaIo() {}

  /** Whether a Delta table exists at the path. */
  public static boolean exists(SparkSession spark, String path) {
    return DeltaTable.isDeltaTable(spark, path);
  }

  /**
   * Replaces the rows matching {@code slice} with {@code rows}; creates the table when absent.
   *
   * @param slice a SQL predicate on partition columns, e.g. {@code month IN ('2026-01')}
   */
  public static void replaceSlice(
      Dataset<Row> rows, String path, String slice, List<String> partitionBy, String commitNote) {
    var writer =
        rows.write()
            .format("delta")
            .mode(SaveMode.Overwrite)
            // New columns (a newer Headroom) extend the table instead of failing the write.
            .option("mergeSchema", "true")
            .option("userMetadata", commitNote)
            .partitionBy(partitionBy.toArray(new String[0]));
    if (exists(rows.sparkSession(), path)) {
      writer = writer.option("replaceWhere", slice);
    }
    writer.save(path);
  }

  /** Appends rows (used for the run history), adding new columns to the table's schema. */
  public static void append(Dataset<Row> rows, String path, String commitNote) {
    rows.write()
        .format("delta")
        .mode(SaveMode.Append)
        .option("mergeSchema", "true")
        .option("userMetadata", commitNote)
        .save(path);
  }

  /** A SQL {@code IN} list of string literals, quotes escaped. */
  public static String inList(Collection<String> values) {
    return values.stream()
        .map(v -> "'" + v.replace("'", "''") + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
