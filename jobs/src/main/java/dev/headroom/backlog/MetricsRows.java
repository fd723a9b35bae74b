package dev.headroom.backlog;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.headroom.common.MonthWindow;
import dev.headroom.common.Table;
import dev.headroom.stats.PeriodModel;
import dev.headroom.stats.SegmentModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The rows over all segments of one topic: the window, each month, and each week with its spike
   * test and its excess over the benchmark week.
   */
  static List<Row> periodRows(
      String runId,
      int topicId,
      long tickets,
      long repeats,
      long totalOrders,
      MonthWindow span,
      List<PeriodModel.Period> monthly,
      List<PeriodModel.Week> weeks,
      SegmentModel.Dimension overTime) {
    List<Row> rows = new ArrayList<>();
    rows.add(
        row(
            runId,
            topicId,
            Table.Metrics.PERIOD_WINDOW,
            span.from() + ".." + span.to(),
            new Counts(tickets, tickets - repeats, totalOrders),
            Fit.NONE,
            Spike.NONE,
            null));
    for (PeriodModel.Period m : monthly) {
      rows.add(
          row(
              runId,
              topicId,
              Table.Metrics.PERIOD_MONTH,
              m.period(),
              new Counts(m.contacts(), null, m.orders()),
              Fit.NONE,
              Spike.NONE,
              m.partial()));
    }
    Map<String, SegmentModel.Segment> excessByWeek = new HashMap<>();
    overTime.segments().forEach(s -> excessByWeek.put(s.segment(), s));
    for (PeriodModel.Week w : weeks) {
      SegmentModel.Segment s = excessByWeek.get(w.period());
      rows.add(
          row(
              runId,
              topicId,
              Table.Metrics.PERIOD_WEEK,
              w.period(),
              new Counts(w.contacts(), s == null ? null : s.contacts(), w.orders()),
              s == null ? Fit.NONE : Fit.of(s, w.orders()),
              new Spike(
                  w.spike(),
                  w.baselineRate() == null ? null : 1000.0 * w.baselineRate(),
                  w.thresholdRate() == null ? null : 1000.0 * w.thresholdRate()),
              w.partial()));
    }
    return rows;
  }

  /**
   * What a period row counts.
   *
   * @param tickets contacts
   * @param firstContacts contacts that are not repeats, or null when not counted
   * @param orders orders
   */
  private record Counts(long tickets, Long firstContacts, long orders) {}

  /**
   * The segment model's figures for a period, or none.
   *
   * @param expected contacts expected at the topic's rate
   * @param rateRatio observed over expected
   * @param shrunkRatio the ratio shrunk toward 1 by its evidence
   * @param benchmarkRate the benchmark rate per 1,000 orders
   * @param excess contacts above the benchmark
   * @param pValue the Poisson p-value of the excess
   * @param setsBenchmark whether the period took part in setting the benchmark
   */
  private record Fit(
      Double expected,
      Double rateRatio,
      Double shrunkRatio,
      Double benchmarkRate,
      Double excess,
      Double pValue,
      Boolean setsBenchmark) {

    static final Fit NONE = new Fit(null, null, null, null, null, null, null);

    static Fit of(SegmentModel.Segment s, long orders) {
      return new Fit(
          s.expected(),
          s.ratio(),
          s.shrunkRatio(),
          orders == 0 ? null : 1000.0 * s.benchmarkContacts() / orders,
          s.excess(),
          s.pValue(),
          s.setsBenchmark());
    }
  }

  /**
   * A week's spike test, or none.
   *
   * @param spike whether the week is a spike
   * @param baselineRate the trailing baseline per 1,000 orders
   * @param thresholdRate the rate above which the week would be a spike
   */
  private record Spike(Boolean spike, Double baselineRate, Double thresholdRate) {
    static final Spike NONE = new Spike(null, null, null);
  }

  private static Row row(
      String runId,
      int topicId,
      String periodType,
      String period,
      Counts counts,
      Fit fit,
      Spike spike,
      Boolean partial) {
    long orders = counts.orders();
    return RowFactory.create(
        runId,
        topicId,
        periodType,
        period,
        Table.Metrics.ALL,
        Table.Metrics.ALL,
        counts.tickets(),
        counts.firstContacts(),
        orders,
        orders == 0 ? null : 1000.0 * counts.tickets() / orders,
        orders == 0 || counts.firstContacts() == null
            ? null
            : 1000.0 * counts.firstContacts() / orders,
        fit.expected(),
        fit.rateRatio(),
        fit.shrunkRatio(),
        fit.benchmarkRate(),
        fit.excess(),
        fit.pValue(),
        fit.setsBenchmark(),
        spike.spike(),
        spike.baselineRate(),
        spike.thresholdRate(),
        partial);
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

  /**
   * Contacts, first contacts and orders per topic, month and segment of every dimension; the months
   * in {@code partialMonths} are marked partial.
   */
  static Dataset<Row> monthSegmentRows(
      Dataset<Row> placed,
      Dataset<Row> orders,
      List<String> dimensions,
      List<String> partialMonths,
      String runId) {
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
          orders
              .groupBy(col("month"), col(segment))
              .agg(sum(ContactTransforms.ORDER_COUNT).as("orders"));
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
                  .withColumn("partial", col("month").isin(partialMonths.toArray()))
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
