package dev.headroom;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A run's backlog as comparable text: one line per topic in rank order, every column but the run id
 * and the time, doubles to nine significant digits (sums may be added up in another order on
 * another cluster shape; anything that changes a figure beyond that is a different result).
 */
public final class BacklogSnapshot {

  private static final List<String> RUN_SPECIFIC = List.of("run_id", "created_at");

  private BacklogSnapshot() {}

  /** The backlog under {@code warehouse}, which must hold exactly one rank run (read once). */
  public static List<String> of(Path warehouse) {
    return of(warehouse, null);
  }

  /** The backlog of one rank run under {@code warehouse}. */
  public static List<String> of(Path warehouse, String runId) {
    var backlog =
        TestSpark.session().read().format("delta").load(warehouse.resolve("backlog").toString());
    if (runId != null) {
      backlog = backlog.filter(col("run_id").equalTo(runId));
    }
    StructType schema = backlog.schema();
    Set<String> runs = new TreeSet<>();
    List<String> lines = new ArrayList<>();
    for (Row row : backlog.orderBy("rank").collectAsList()) {
      runs.add(row.getString(row.fieldIndex("run_id")));
      StringBuilder line = new StringBuilder();
      for (StructField field : schema.fields()) {
        if (!RUN_SPECIFIC.contains(field.name())) {
          line.append(line.length() == 0 ? "" : ", ").append(field.name()).append('=');
          line.append(render(row.get(row.fieldIndex(field.name())), field.dataType()));
        }
      }
      lines.add(line.toString());
    }
    if (runs.size() != 1) {
      throw new AssertionError(
          "Expected one rank run"
              + (runId == null ? "" : " " + runId)
              + " in "
              + warehouse
              + ", found "
              + runs);
    }
    return lines;
  }

  private static String render(Object value, DataType type) {
    if (value == null) {
      return "null";
    }
    if (type instanceof DoubleType) {
      return String.format(Locale.ROOT, "%.9g", (Double) value);
    }
    if (type instanceof StructType struct) {
      Row row = (Row) value;
      StringBuilder text = new StringBuilder("(");
      StructField[] fields = struct.fields();
      for (int i = 0; i < fields.length; i++) {
        text.append(i == 0 ? "" : ", ").append(fields[i].name()).append('=');
        text.append(render(row.get(i), fields[i].dataType()));
      }
      return text.append(')').toString();
    }
    if (type instanceof ArrayType array) {
      List<String> items = new ArrayList<>();
      for (Object item :
          scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<?>) value)) {
        items.add(render(item, array.elementType()));
      }
      return items.toString();
    }
    if (type instanceof MapType map) {
      Map<String, String> entries = new TreeMap<>();
      scala.collection.JavaConverters.mapAsJavaMap((scala.collection.Map<?, ?>) value)
          .forEach((k, v) -> entries.put(render(k, map.keyType()), render(v, map.valueType())));
      return entries.toString();
    }
    return value.toString();
  }
}
