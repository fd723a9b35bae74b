package dev.headroom.backlog;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.headroom.common.RankSettings;
import dev.headroom.stats.SegmentModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The segment model run per topic on the executors: each topic's cells (segment x orders x first
 * contacts) fitted against its benchmark, and what the backlog needs of the result collected.
 */
final class SegmentFigures {

  private SegmentFigures() {}

  private static final String ORDERS = "orders";
  private static final String TICKETS = "tickets";
  private static final String FIRST = "first_contacts";

  /**
   * What the segment model found per topic, collected to the driver (one entry per topic and
   * dimension, and the few top segments).
   *
   * @param dimensionExcess per topic and dimension, its excess and benchmark rate
   * @param topSegments per topic, the segments contributing most excess
   */
  record SegmentEvidence(
      Map<Integer, Map<String, DimensionExcess>> dimensionExcess,
      Map<Integer, List<BacklogEntry.SegmentContribution>> topSegments) {

    static SegmentEvidence of(Dataset<Row> figures, int topSegments) {
      return new SegmentEvidence(
          SegmentFigures.dimensionExcess(figures),
          SegmentFigures.topSegments(figures, topSegments));
    }
  }

  /**
   * A topic's excess over one dimension's benchmark.
   *
   * @param excess contacts above the benchmark
   * @param benchmarkRate the benchmark rate per 1,000 orders, for a segment of typical mix
   */
  record DimensionExcess(double excess, double benchmarkRate) {}

  /** Segment figures of every topic, fitted per topic on the executors. */
  static Dataset<Row> of(
      SparkSession spark,
      Dataset<Row> placed,
      Set<Integer> topics,
      Dataset<Row> orders,
      List<String> dimensions,
      RankSettings settings) {
    List<Column> segmentColumns =
        dimensions.stream().map(d -> col(ContactTransforms.segmentColumn(d))).toList();
    if (dimensions.isEmpty()) {
      return spark.createDataFrame(List.of(), MetricsRows.FIGURES_SCHEMA);
    }
    Column[] keys = segmentColumns.toArray(Column[]::new);
    Dataset<Row> orderCells =
        orders.groupBy(keys).agg(sum(ContactTransforms.ORDER_COUNT).as(ORDERS));
    List<Column> ticketKeys = new ArrayList<>();
    ticketKeys.add(col(ContactTransforms.TOPIC));
    ticketKeys.addAll(segmentColumns);
    Dataset<Row> ticketCells =
        placed
            .filter(col(ContactTransforms.ORDER_KNOWN))
            .groupBy(ticketKeys.toArray(Column[]::new))
            .agg(
                count(lit(1)).as(TICKETS),
                sum(when(col(ContactTransforms.REPEAT), 0).otherwise(1)).as(FIRST));
    List<String> joinKeys = new ArrayList<>();
    joinKeys.add(ContactTransforms.TOPIC);
    dimensions.forEach(d -> joinKeys.add(ContactTransforms.segmentColumn(d)));
    // The topics are known from the tally: no pass over the contacts to list them again.
    Dataset<Row> topicIds =
        spark.createDataFrame(
            topics.stream().map(RowFactory::create).toList(),
            new StructType().add(ContactTransforms.TOPIC, DataTypes.IntegerType));
    Dataset<Row> cells =
        topicIds
            .crossJoin(orderCells)
            .join(
                ticketCells,
                scala.collection.JavaConverters.asScalaBuffer(joinKeys).toSeq(),
                "left")
            .na()
            .fill(0L, new String[] {TICKETS, FIRST});
    List<String> names = List.copyOf(dimensions);
    SegmentModel.Settings segmentSettings = settings.segments();
    return cells
        .groupByKey(
            (MapFunction<Row, Integer>) r -> r.getInt(r.fieldIndex(ContactTransforms.TOPIC)),
            Encoders.INT())
        .flatMapGroups(
            (FlatMapGroupsFunction<Integer, Row, Row>)
                (topic, rows) -> fitTopic(topic, rows, names, segmentSettings),
            Encoders.row(MetricsRows.FIGURES_SCHEMA));
  }

  /** Runs the segment model for one topic's cells (inside a Spark task). */
  private static java.util.Iterator<Row> fitTopic(
      int topic,
      java.util.Iterator<Row> rows,
      List<String> dimensions,
      SegmentModel.Settings settings) {
    List<SegmentModel.Cell> cells = new ArrayList<>();
    Map<String, Map<String, Long>> ticketsBySegment = new HashMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      List<String> values = new ArrayList<>();
      for (String d : dimensions) {
        String value = r.getString(r.fieldIndex(ContactTransforms.segmentColumn(d)));
        values.add(value);
        ticketsBySegment
            .computeIfAbsent(d, x -> new HashMap<>())
            .merge(value, r.getLong(r.fieldIndex(TICKETS)), Long::sum);
      }
      cells.add(
          new SegmentModel.Cell(
              values, r.getLong(r.fieldIndex(ORDERS)), r.getLong(r.fieldIndex(FIRST))));
    }
    List<Row> out = new ArrayList<>();
    for (SegmentModel.Dimension dimension : SegmentModel.fit(dimensions, cells, settings)) {
      long orders = dimension.segments().stream().mapToLong(SegmentModel.Segment::orders).sum();
      long first = dimension.segments().stream().mapToLong(SegmentModel.Segment::contacts).sum();
      // The benchmark as a rate for a segment of typical mix, per 1,000 orders.
      double benchmarkRate =
          orders == 0 ? 0.0 : 1000.0 * dimension.benchmarkRatio() * first / orders;
      for (SegmentModel.Segment s : dimension.segments()) {
        out.add(
            RowFactory.create(
                topic,
                s.dimension(),
                s.segment(),
                s.orders(),
                ticketsBySegment.get(s.dimension()).getOrDefault(s.segment(), 0L),
                s.contacts(),
                s.expected(),
                s.ratio(),
                s.shrunkRatio(),
                s.setsBenchmark(),
                s.orders() == 0 ? null : 1000.0 * s.benchmarkContacts() / s.orders(),
                s.pValue(),
                s.excess(),
                dimension.excess(),
                benchmarkRate));
      }
    }
    return out.iterator();
  }

  /** Per topic and dimension: its excess and benchmark rate. */
  private static Map<Integer, Map<String, DimensionExcess>> dimensionExcess(Dataset<Row> figures) {
    Map<Integer, Map<String, DimensionExcess>> result = new TreeMap<>();
    for (Row r :
        figures
            .groupBy(col(ContactTransforms.TOPIC), col("dimension"))
            .agg(
                org.apache.spark.sql.functions.first(col("dimension_excess")),
                org.apache.spark.sql.functions.first(col("dimension_benchmark_rate")))
            .collectAsList()) {
      result
          .computeIfAbsent(r.getInt(0), t -> new TreeMap<>())
          .put(r.getString(1), new DimensionExcess(r.getDouble(2), r.getDouble(3)));
    }
    return result;
  }

  /** Per topic, the segments with the most excess (only those with some). */
  private static Map<Integer, List<BacklogEntry.SegmentContribution>> topSegments(
      Dataset<Row> figures, int limit) {
    Map<Integer, List<BacklogEntry.SegmentContribution>> result = new TreeMap<>();
    var byExcess =
        Window.partitionBy(col(ContactTransforms.TOPIC))
            .orderBy(col("excess").desc(), col("dimension"), col("segment"));
    for (Row r :
        figures
            .filter(col("excess").gt(0))
            .withColumn("position", row_number().over(byExcess))
            .filter(col("position").leq(limit))
            .orderBy(col(ContactTransforms.TOPIC), col("position"))
            .collectAsList()) {
      long orders = r.getLong(r.fieldIndex(ORDERS));
      long first = r.getLong(r.fieldIndex(FIRST));
      result
          .computeIfAbsent(r.getInt(r.fieldIndex(ContactTransforms.TOPIC)), t -> new ArrayList<>())
          .add(
              new BacklogEntry.SegmentContribution(
                  r.getString(r.fieldIndex("dimension")),
                  r.getString(r.fieldIndex("segment")),
                  first,
                  orders,
                  1000.0 * first / orders,
                  r.getDouble(r.fieldIndex("benchmark_rate")),
                  r.getDouble(r.fieldIndex("excess"))));
    }
    return result;
  }
}
