package dev.headroom.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.headroom.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {

  private final SparkSession spark = TestSpark.session();

  @Test
  void everyRowGetsItsOwnFileBackFromTheKey(@TempDir Path folder) {
    // Four files, in a folder whose name a URI must escape.
    String input = folder.resolve("orders 2026").toString();
    spark.range(0, 400).repartition(4).write().parquet(input);
    Dataset<Row> raw = spark.read().parquet(input);
    Dataset<Row> labelled = raw.withColumn(IngestTransforms.SOURCE_FILE, input_file_name());
    List<Row> expected =
        labelled.orderBy("id").select("id", IngestTransforms.SOURCE_FILE).collectAsList();
    assertEquals(4, labelled.select(IngestTransforms.SOURCE_FILE).distinct().count());

    assertFalse(SourceFiles.worthKeying(raw), "a few kilobytes are cached with their names");
    assertSame(labelled, SourceFiles.NAMES_KEPT.named(labelled));

    Dataset<Row> keyed = SourceFiles.keyed(labelled);
    assertFalse(List.of(keyed.columns()).contains(IngestTransforms.SOURCE_FILE));
    Dataset<Row> named = SourceFiles.of(raw).named(keyed);

    assertEquals(
        expected,
        named.orderBy("id").select(col("id"), col(IngestTransforms.SOURCE_FILE)).collectAsList());
  }
}
