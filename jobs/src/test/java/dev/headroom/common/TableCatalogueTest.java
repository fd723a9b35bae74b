package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.GeneratedRun;
import dev.headroom.TestSpark;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The catalogue says what the jobs really write: on the shared run, table by table. */
class TableCatalogueTest {

  @Test
  void everyCataloguedTableIsWrittenWithItsSchemaAndPartitioning() {
    GeneratedRun.Result run = GeneratedRun.shared();
    assertEquals(0, run.exitCode(), run.err());
    SparkSession spark = TestSpark.session();
    String root = run.warehouse().toString();
    for (Table table : Table.values()) {
      assertTrue(table.exists(spark, root), table.tableName() + " was not written by run");
      StructType written = table.read(spark, root).schema();
      if (table.schema() != null) {
        assertEquals(
            columns(table.schema()), columns(written), table.tableName() + ": columns and types");
      }
      Row detail = spark.sql("DESCRIBE DETAIL delta.`" + table.path(root) + "`").first();
      assertEquals(
          table.partitionColumns(),
          detail.getList(detail.fieldIndex("partitionColumns")),
          table.tableName() + ": partitioning");
    }
    List<String> tickets = Arrays.asList(Table.TICKETS.read(spark, root).columns());
    assertTrue(tickets.containsAll(ConfigKeys.TICKET_COLUMNS), "tickets has the contract columns");
    List<String> orders = Arrays.asList(Table.ORDERS.read(spark, root).columns());
    assertTrue(orders.containsAll(ConfigKeys.ORDER_COLUMNS), "orders has the contract columns");
  }

  @Test
  void aMissingTableNamesTheJobToRunFirst() {
    SparkSession spark = TestSpark.session();
    InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class, () -> Table.BACKLOG.read(spark, "/nonexistent/warehouse"));
    assertTrue(e.getMessage().contains("/nonexistent/warehouse/backlog"), e.getMessage());
    assertTrue(e.getMessage().contains("run rank first"), e.getMessage());
  }

  /** Name and type of every column, nested ones included, without nullability. */
  private static List<String> columns(StructType schema) {
    return Arrays.stream(schema.fields()).map(TableCatalogueTest::describe).toList();
  }

  private static String describe(StructField field) {
    return field.name() + ":" + field.dataType().simpleString();
  }
}
