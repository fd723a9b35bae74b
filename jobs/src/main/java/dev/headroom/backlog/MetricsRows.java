package dev.headroom.backlog;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.headroom.common.Table;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The rows of {@code topic_metrics}: topic x period x segment. */
final class MetricsRows {

  private MetricsRows() {}

  /** Schema of the segment model's output per topic, dimension and segment. */
  static final StructType FIGURES_SCHEMA =
      new StructType()
          .add(ContactTransforms.TOPIC, DataTypes.IntegerType, false)
          .add("dimension", DataTypes.StringType, false)
          .add("segment", DataTypes.StringType, false)
          .add("orders", DataTypes.LongType, false)
          .add("tickets", DataTypes.LongType, false)
          .add("first_contacts", DataTypes.LongType, false)
          .add("expected", DataTypes.DoubleType, false)
          .add("rate_ratio", DataTypes.DoubleType, true)
          .add("shrunk_ratio", DataTypes.DoubleType, false)
          .add("sets_benchmark", DataTypes.BooleanType, false)
          .add("benchmark_rate", DataTypes.DoubleType, true)
          .add("p_value", DataTypes.DoubleType, false)
          .add("excess", DataTypes.DoubleType, false)
          .add("dimension_excess", DataTypes.DoubleType, false)
          .add("dimension_benchmark_rate", DataTypes.DoubleType, false);

  /** A row over all segments of a period. */
  static Row row(
      String runId,
      int topicId,
      String periodType,
      String period,
      long tickets,
      Long firstContacts,
      long orders,
      Double expected,
      Double rateRatio,
      Double shrunkRatio,
      Double benchmarkRate,
      Double excess,
      Double pValue,
      Boolean setsBenchmark,
      Boolean spike,
      Double baselineRate,
      Double thresholdRate) {
    return RowFactory.create(
        runId,
        topicId,
        periodType,
        period,
        Table.Metrics.ALL,
        Table.Metrics.ALL,
        tickets,
        firstContacts,
        orders,
        orders == 0 ? null : 1000.0 * tickets / orders,
        orders == 0 || firstContacts == null ? null : 1000.0 * firstContacts / orders,
        expected,
        rateRatio,
        shrunkRatio,
        benchmarkRate,
        excess,
        pValue,
        setsBenchmark,
        spike,
        baselineRate,
        thresholdRate);
  }

  /** The segment model's figures as window rows. */
  static Dataset<Row> segmentRows(Dataset<Row> figures, String runId, String window) {
    return conform(
        figures
            .withColumn("topic_id", col(ContactTransforms.TOPIC))
            .withColumn("period_type", lit(Table.Metrics.PERIOD_WINDOW))
            .withColumn("period", lit(window))
            .withColumn("contact_rate", rate(col("tickets"), col("orders")))
            .withColumn("first_contact_rate", rate(col("first_contacts"), col("orders"))),
        runId);
  }

  /** Contacts, first contacts and orders per topic, month and segment of every dimension. */
  static Dataset<Row> monthSegmentRows(
      Dataset<Row> placed, Dataset<Row> orders, List<String> dimensions, String runId) {
    Dataset<Row> all = null;
    for (String dimension : dimensions) {
      String segment = ContactTransforms.segmentColumn(dimension);
      Dataset<Row> contacts =
          placed
              .filter(col(ContactTransforms.ORDER_KNOWN))
              .groupBy(col(ContactTransforms.TOPIC), col("month"), col(segment))
              .agg(
                  count(lit(1)).as("tickets"),
                  sum(when(col(ContactTransforms.REPEAT), 0).otherwise(1)).as("first_contacts"));
      Dataset<Row> segmentOrders =
          orders.groupBy(col("month"), col(segment)).agg(count(lit(1)).as("orders"));
      Dataset<Row> rows =
          conform(
              contacts
                  .join(
                      segmentOrders,
                      scala.collection.JavaConverters.asScalaBuffer(List.of("month", segment))
                          .toSeq(),
                      "left")
                  .na()
                  .fill(0L, new String[] {"orders"})
                  .withColumn("topic_id", col(ContactTransforms.TOPIC))
                  .withColumn("period_type", lit(Table.Metrics.PERIOD_MONTH))
                  .withColumn("period", col("month"))
                  .withColumn("dimension", lit(dimension))
                  .withColumn("segment", col(segment))
                  .withColumn("contact_rate", rate(col("tickets"), col("orders")))
                  .withColumn("first_contact_rate", rate(col("first_contacts"), col("orders"))),
              runId);
      all = all == null ? rows : all.unionByName(rows);
    }
    return all == null
        ? placed.sparkSession().createDataFrame(List.of(), Table.TOPIC_METRICS.schema())
        : all;
  }

  /**
   * The columns of {@code topic_metrics} in order: those the rows have, typed nulls for the rest.
   */
  private static Dataset<Row> conform(Dataset<Row> rows, String runId) {
    List<String> present = List.of(rows.columns());
    List<Column> columns = new java.util.ArrayList<>();
    for (var field : Table.TOPIC_METRICS.schema().fields()) {
      if (field.name().equals("run_id")) {
        columns.add(lit(runId).as("run_id"));
      } else if (present.contains(field.name())) {
        columns.add(col(field.name()).cast(field.dataType()).as(field.name()));
      } else {
        columns.add(lit(null).cast(field.dataType()).as(field.name()));
      }
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /** Per 1,000 orders; null (not NaN or infinity) without orders. */
  private static Column rate(Column contacts, Column orders) {
    return when(orders.gt(0), contacts.multiply(1000.0).divide(orders));
  }
}
