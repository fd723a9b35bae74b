package dev.headroom.backlog;

import static dev.headroom.common.Table.Topics.UNCLASSIFIED_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.headroom.common.BaseJob;
import dev.headroom.common.ConfigKeys;
import dev.headroom.common.DeltaIo;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.JobRun;
import dev.headroom.common.MonthWindow;
import dev.headroom.common.RankSettings;
import dev.headroom.common.RunRecord;
import dev.headroom.common.Table;
import dev.headroom.stats.PeriodModel;
import dev.headroom.stats.SegmentModel;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.apache.spark.storage.StorageLevel;

/**
 * {@code rank}: measures every topic against the orders and ranks them into the backlog.
 *
 * <p>Reads {@code tickets}, {@code ticket_topics}, {@code orders} and {@code topics} for a window,
 * and writes {@code topic_metrics} (topic x period x segment) and {@code backlog} (one row per
 * topic, ranked by reducible contacts, or by ROI when efforts are configured), both kept per run so
 * a topic's rank can be followed month over month. The method is in docs/headroom.md.
 */
public final class RankJob extends BaseJob<RankJob, RankResult> {

  /** The job name. */
  public static final String NAME = "rank";

  private static final String ORDERS = "orders";
  private static final String TICKETS = "tickets";
  private static final String FIRST = "first_contacts";

  private RankJob(SparkSession spark, HeadroomConfig config) {
    super(NAME, spark, config);
  }

  /** A job for this session and configuration. */
  public static RankJob of(SparkSession spark, HeadroomConfig config) {
    return new RankJob(spark, config);
  }

  @Override
  protected RankJob self() {
    return this;
  }

  /** Reads the window's contacts and orders, measures and ranks every topic, writes. */
  @Override
  protected RankResult run(JobRun run) {
    RankSettings settings = config.rank();
    List<String> dimensions = config.orders().segments();
    Instant t0 = Instant.now();
    // Only the columns ranking uses: the text stays behind.
    Dataset<Row> tickets =
        run.read(Table.TICKETS)
            .filter(window().contains(col("month")))
            .select(
                "ticket_id",
                "month",
                "created_at",
                "channel",
                "customer_id",
                "order_id",
                "agent_tag",
                "handle_seconds",
                "csat");
    Dataset<Row> ticketTopics =
        run.read(Table.TICKET_TOPICS).filter(window().contains(col("month")));
    Dataset<Row> allOrders = run.read(Table.ORDERS);
    Dataset<Row> topicRows = run.read(Table.TOPICS);
    for (String dimension : dimensions) {
      if (!List.of(allOrders.columns()).contains(dimension)) {
        throw new InputException(
            "Segment column "
                + dimension
                + " (orders.segments) is not in "
                + run.path(Table.ORDERS)
                + "; re-run ingest with it mapped");
      }
    }
    Dataset<Row> contacts =
        ContactTransforms.markRepeats(
                ContactTransforms.attribute(
                    tickets,
                    ticketTopics,
                    allOrders,
                    dimensions,
                    settings.level().equals(RankSettings.LEVEL_PARENT)),
                settings.repeatDays())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Tally tally = Tally.of(contacts);
      List<String> months = List.copyOf(tally.months);
      if (months.isEmpty()) {
        throw new InputException(
            "No tickets with topics in "
                + outputRoot()
                + window().describe()
                + "; run ingest and discover first");
      }
      MonthWindow span =
          new MonthWindow(
              YearMonth.parse(months.get(0)), YearMonth.parse(months.get(months.size() - 1)));
      Dataset<Row> orders =
          windowOrders(allOrders, span, dimensions).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        run.seconds("read", RunRecord.secondsSince(t0));
        return rank(run, settings, dimensions, contacts, tally, orders, topicRows, span);
      } finally {
        orders.unpersist();
      }
    } finally {
      contacts.unpersist();
    }
  }

  private RankResult rank(
      JobRun run,
      RankSettings settings,
      List<String> dimensions,
      Dataset<Row> contacts,
      Tally tally,
      Dataset<Row> orders,
      Dataset<Row> topicRows,
      MonthWindow span) {
    SparkSession spark = run.spark();
    String runId = run.runId();
    Instant t0 = Instant.now();
    Column ranked = col(ContactTransforms.TOPIC).notEqual(UNCLASSIFIED_ID);
    long totalTickets = tally.total;
    Dataset<Row> placed = contacts.filter(ranked);
    Map<Integer, TopicCounts> counts = tally.topics;
    Map<String, Long> ordersByMonth = new TreeMap<>();
    Map<String, Long> ordersByWeek = new TreeMap<>();
    for (Row r : orders.groupBy("month", ContactTransforms.WEEK).count().collectAsList()) {
      ordersByMonth.merge(r.getString(0), r.getLong(2), Long::sum);
      ordersByWeek.merge(r.getString(1), r.getLong(2), Long::sum);
    }
    long totalOrders = ordersByMonth.values().stream().mapToLong(Long::longValue).sum();
    Map<Integer, Map<String, long[]>> byMonth = tally.byMonth;
    Map<Integer, Map<String, long[]>> byWeek = tally.byWeek;
    run.seconds("measure", RunRecord.secondsSince(t0));

    t0 = Instant.now();
    Dataset<Row> segmentFigures =
        segmentFigures(spark, placed, counts.keySet(), orders, dimensions, settings)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<Integer, Map<String, double[]>> dimensionExcess = dimensionExcess(segmentFigures);
      Map<Integer, List<BacklogEntry.SegmentContribution>> topSegments =
          topSegments(segmentFigures, settings.topSegments());
      run.seconds("segments", RunRecord.secondsSince(t0));

      t0 = Instant.now();
      TopicInfo info =
          TopicInfo.read(topicRows, placed, settings.level().equals(RankSettings.LEVEL_PARENT));
      int monthCount = span.months().size();
      List<BacklogEntry> entries = new ArrayList<>();
      List<Row> periodMetricRows = new ArrayList<>();
      for (var topic : counts.entrySet()) {
        int topicId = topic.getKey();
        TopicCounts c = topic.getValue();
        List<PeriodModel.Period> weeks = periods(byWeek.get(topicId), ordersByWeek, 0);
        List<PeriodModel.Period> firstByWeek = periods(byWeek.get(topicId), ordersByWeek, 1);
        List<PeriodModel.Period> monthly = periods(byMonth.get(topicId), ordersByMonth, 0);
        List<PeriodModel.Week> judged = PeriodModel.spikes(weeks, settings.periods());
        PeriodModel.Trend trend = PeriodModel.trend(monthly, settings.periods());
        SegmentModel.Dimension overTime = periodExcess(firstByWeek, settings);
        periodMetricRows.addAll(
            periodRows(runId, topicId, c, totalOrders, span, monthly, judged, overTime));

        Map<String, double[]> excessByDimension = dimensionExcess.getOrDefault(topicId, Map.of());
        String source = null;
        double segmentExcess = 0;
        for (var e : excessByDimension.entrySet()) {
          if (e.getValue()[0] > segmentExcess) {
            segmentExcess = e.getValue()[0];
            source = e.getKey();
          }
        }
        double excess = segmentExcess;
        if (overTime.excess() > segmentExcess) {
          excess = overTime.excess();
          source = Table.Metrics.PERIOD_WEEK;
        }
        double reducible = c.repeats + excess;
        double costPerContact = c.costPerContact(settings);
        double monthlySaving = reducible * costPerContact / monthCount;
        Double effort = settings.effortByTopic().get(topicId);
        Map<String, Double> benchmarkRates = new TreeMap<>();
        excessByDimension.forEach((d, v) -> benchmarkRates.put(d, v[1]));
        List<String> spikeWeeks =
            judged.stream().filter(PeriodModel.Week::spike).map(PeriodModel.Week::period).toList();
        entries.add(
            new BacklogEntry(
                0,
                topicId,
                info.level(),
                info.label(topicId),
                info.labelTerms(topicId),
                info.subtopics(topicId),
                c.tickets,
                totalTickets == 0 ? 0.0 : (double) c.tickets / totalTickets,
                totalOrders == 0 ? null : 1000.0 * c.tickets / totalOrders,
                c.repeats,
                segmentExcess,
                overTime.excess(),
                excess > 0 ? source : null,
                reducible,
                c.tickets == 0 ? 0.0 : reducible / c.tickets,
                costPerContact,
                monthlySaving,
                effort,
                effort == null ? null : monthlySaving / effort,
                topSegments.getOrDefault(topicId, List.of()),
                benchmarkRates,
                trend.direction(),
                trend.change(),
                spikeWeeks,
                c.csatResponses == 0 ? null : c.csatSum / c.csatResponses,
                c.csatResponses,
                info.dominantTag(topicId),
                info.dominantTagShare(topicId),
                c.emerging,
                c.unattributed,
                info.exemplars(topicId)));
      }
      List<BacklogEntry> backlog = order(entries, settings);
      run.seconds("rank", RunRecord.secondsSince(t0));

      t0 = Instant.now();
      Timestamp now = Timestamp.from(run.started());
      String note = run.commitNote();
      String slice = "run_id = '" + runId + "'";
      Dataset<Row> metrics =
          spark
              .createDataFrame(periodMetricRows, Table.TOPIC_METRICS.schema())
              .unionByName(
                  MetricsRows.segmentRows(segmentFigures, runId, span.from() + ".." + span.to()))
              .unionByName(MetricsRows.monthSegmentRows(placed, orders, dimensions, runId));
      DeltaIo.replaceSlice(
          metrics,
          run.path(Table.TOPIC_METRICS),
          slice,
          Table.TOPIC_METRICS.partitionColumns(),
          note);
      DeltaIo.replaceSlice(
          spark.createDataFrame(
              BacklogRows.rows(backlog, runId, span, settings, totalOrders, now),
              Table.BACKLOG.schema()),
          run.path(Table.BACKLOG),
          slice,
          Table.BACKLOG.partitionColumns(),
          note);
      run.seconds("write", RunRecord.secondsSince(t0));

      long unclassified = totalTickets - counts.values().stream().mapToLong(x -> x.tickets).sum();
      double reducibleTotal = backlog.stream().mapToDouble(BacklogEntry::reducibleContacts).sum();
      run.count("tickets", totalTickets);
      run.count("unclassified", unclassified);
      run.count("orders", totalOrders);
      run.count("backlog_topics", backlog.size());
      run.count("repeat_contacts", counts.values().stream().mapToLong(x -> x.repeats).sum());
      run.count(
          "unattributed_contacts", counts.values().stream().mapToLong(x -> x.unattributed).sum());
      run.metric("reducible_contacts", reducibleTotal);
      run.metric("headroom_share", totalTickets == 0 ? 0.0 : reducibleTotal / totalTickets);
      run.parameter("window", span.from() + ".." + span.to());
      run.parameter(ConfigKeys.RANK_LEVEL.name(), settings.level());
      run.parameter("dimensions", String.join(",", dimensions));
      run.parameter(
          ConfigKeys.RANK_BENCHMARK_QUANTILE.name(),
          Double.toString(settings.segments().benchmarkQuantile()));
      run.parameter(
          ConfigKeys.RANK_SIGNIFICANCE.name(), Double.toString(settings.segments().significance()));
      run.parameter(ConfigKeys.RANK_REPEAT_DAYS.name(), Integer.toString(settings.repeatDays()));
      run.parameter(
          ConfigKeys.RANK_SPIKE_BASELINE_WEEKS.name(),
          Integer.toString(settings.periods().baselineWeeks()));
      run.parameter(ConfigKeys.RANK_TOP_SEGMENTS.name(), Integer.toString(settings.topSegments()));
      run.parameter("order", settings.ranksByRoi() ? "roi" : "reducible_contacts");
      return new RankResult(
          runId,
          span,
          totalOrders,
          totalTickets,
          unclassified,
          settings.currency(),
          backlog,
          run.stageSeconds());
    } finally {
      segmentFigures.unpersist();
    }
  }

  /** The window's orders with their week and segment values. */
  private static Dataset<Row> windowOrders(
      Dataset<Row> allOrders, MonthWindow span, List<String> dimensions) {
    List<Column> columns = new ArrayList<>();
    columns.add(col("month"));
    columns.add(ContactTransforms.week(col("ordered_at")).as(ContactTransforms.WEEK));
    dimensions.forEach(dimension -> columns.add(ContactTransforms.segmentValue(dimension)));
    return allOrders.filter(span.contains(col("month"))).select(columns.toArray(Column[]::new));
  }

  /**
   * Everything counted per ticket, from one aggregation of the contacts: per topic the contacts,
   * repeats, emerging, unattributed, CSAT and handle time per channel, and per topic and period the
   * contacts and first contacts. The unclassified topic counts only in the total.
   */
  private static final class Tally {
    long total;
    final java.util.TreeSet<String> months = new java.util.TreeSet<>();
    final Map<Integer, TopicCounts> topics = new TreeMap<>();
    // Per topic and period: {contacts, first contacts}.
    final Map<Integer, Map<String, long[]>> byMonth = new TreeMap<>();
    final Map<Integer, Map<String, long[]>> byWeek = new TreeMap<>();

    static Tally of(Dataset<Row> contacts) {
      Tally tally = new Tally();
      // Per topic and channel: {contacts, seconds of handle time, contacts with a handle time}.
      Map<Integer, Map<String, double[]>> handle = new TreeMap<>();
      for (Row r :
          contacts
              .groupBy(
                  col(ContactTransforms.TOPIC),
                  col(ContactTransforms.CONTACT_CHANNEL),
                  col("month"),
                  col(ContactTransforms.WEEK))
              .agg(
                  count(lit(1)),
                  sum(when(col(ContactTransforms.REPEAT), 1).otherwise(0)),
                  sum(when(col("emerging"), 1).otherwise(0)),
                  sum(when(col(ContactTransforms.ORDER_KNOWN), 0).otherwise(1)),
                  sum(col("csat")),
                  count(col("csat")),
                  sum(col("handle_seconds")),
                  count(col("handle_seconds")))
              .collectAsList()) {
        int topic = r.getInt(0);
        long tickets = r.getLong(4);
        long repeats = r.getLong(5);
        tally.total += tickets;
        tally.months.add(r.getString(2));
        if (topic == UNCLASSIFIED_ID) {
          continue;
        }
        TopicCounts c = tally.topics.computeIfAbsent(topic, t -> new TopicCounts());
        c.tickets += tickets;
        c.repeats += repeats;
        c.emerging += r.getLong(6);
        c.unattributed += r.getLong(7);
        c.csatSum += r.isNullAt(8) ? 0.0 : ((Number) r.get(8)).doubleValue();
        c.csatResponses += r.getLong(9);
        double[] h =
            handle
                .computeIfAbsent(topic, t -> new HashMap<>())
                .computeIfAbsent(r.isNullAt(1) ? null : r.getString(1), x -> new double[3]);
        h[0] += tickets;
        h[1] += r.isNullAt(10) ? 0.0 : ((Number) r.get(10)).doubleValue();
        h[2] += r.getLong(11);
        add(tally.byMonth, topic, r.getString(2), tickets, repeats);
        add(tally.byWeek, topic, r.getString(3), tickets, repeats);
      }
      handle.forEach(
          (topic, channels) ->
              channels.forEach(
                  (channel, h) ->
                      tally
                          .topics
                          .get(topic)
                          .channels
                          .put(
                              channel,
                              new double[] {h[0], h[2] > 0 ? h[1] / h[2] / 60.0 : Double.NaN})));
      return tally;
    }

    private static void add(
        Map<Integer, Map<String, long[]>> counts,
        int topic,
        String period,
        long tickets,
        long repeats) {
      long[] c =
          counts
              .computeIfAbsent(topic, t -> new TreeMap<>())
              .computeIfAbsent(period, p -> new long[2]);
      c[0] += tickets;
      c[1] += tickets - repeats;
    }
  }

  /**
   * The periods with orders (or contacts), in time order; {@code which} picks all or first
   * contacts.
   */
  private static List<PeriodModel.Period> periods(
      Map<String, long[]> contacts, Map<String, Long> orders, int which) {
    TreeMap<String, PeriodModel.Period> periods = new TreeMap<>();
    orders.forEach((p, o) -> periods.put(p, new PeriodModel.Period(p, o, 0)));
    if (contacts != null) {
      contacts.forEach(
          (p, v) ->
              periods.put(p, new PeriodModel.Period(p, orders.getOrDefault(p, 0L), v[which])));
    }
    return List.copyOf(periods.values());
  }

  /** Excess over the benchmark week, by the segment model with weeks as the one dimension. */
  private static SegmentModel.Dimension periodExcess(
      List<PeriodModel.Period> weeks, RankSettings settings) {
    List<SegmentModel.Cell> cells =
        weeks.stream()
            .filter(w -> w.orders() > 0)
            .map(w -> new SegmentModel.Cell(List.of(w.period()), w.orders(), w.contacts()))
            .toList();
    SegmentModel.Settings s = settings.segments();
    // Every week may set the benchmark: a week without the topic shows it can be avoided.
    SegmentModel.Settings overTime =
        new SegmentModel.Settings(
            s.benchmarkQuantile(), s.minSegmentOrders(), 0.0, s.significance());
    return SegmentModel.fit(List.of(Table.Metrics.PERIOD_WEEK), cells, overTime).get(0);
  }

  /** Segment figures of every topic, fitted per topic on the executors. */
  private static Dataset<Row> segmentFigures(
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
    Dataset<Row> orderCells = orders.groupBy(keys).agg(count(lit(1)).as(ORDERS));
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

  /** Per topic and dimension: {excess, benchmark rate per 1,000 orders}. */
  private static Map<Integer, Map<String, double[]>> dimensionExcess(Dataset<Row> figures) {
    Map<Integer, Map<String, double[]>> result = new TreeMap<>();
    for (Row r :
        figures
            .groupBy(col(ContactTransforms.TOPIC), col("dimension"))
            .agg(
                org.apache.spark.sql.functions.first(col("dimension_excess")),
                org.apache.spark.sql.functions.first(col("dimension_benchmark_rate")))
            .collectAsList()) {
      result
          .computeIfAbsent(r.getInt(0), t -> new TreeMap<>())
          .put(r.getString(1), new double[] {r.getDouble(2), r.getDouble(3)});
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

  private static List<Row> periodRows(
      String runId,
      int topicId,
      TopicCounts c,
      long totalOrders,
      MonthWindow span,
      List<PeriodModel.Period> monthly,
      List<PeriodModel.Week> weeks,
      SegmentModel.Dimension overTime) {
    List<Row> rows = new ArrayList<>();
    rows.add(
        MetricsRows.row(
            runId,
            topicId,
            Table.Metrics.PERIOD_WINDOW,
            span.from() + ".." + span.to(),
            c.tickets,
            c.tickets - c.repeats,
            totalOrders,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    for (PeriodModel.Period m : monthly) {
      rows.add(
          MetricsRows.row(
              runId,
              topicId,
              Table.Metrics.PERIOD_MONTH,
              m.period(),
              m.contacts(),
              null,
              m.orders(),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null));
    }
    Map<String, SegmentModel.Segment> excessByWeek = new HashMap<>();
    overTime.segments().forEach(s -> excessByWeek.put(s.segment(), s));
    for (PeriodModel.Week w : weeks) {
      SegmentModel.Segment s = excessByWeek.get(w.period());
      rows.add(
          MetricsRows.row(
              runId,
              topicId,
              Table.Metrics.PERIOD_WEEK,
              w.period(),
              w.contacts(),
              s == null ? null : s.contacts(),
              w.orders(),
              s == null ? null : s.expected(),
              s == null ? null : s.ratio(),
              s == null ? null : s.shrunkRatio(),
              s == null || w.orders() == 0 ? null : 1000.0 * s.benchmarkContacts() / w.orders(),
              s == null ? null : s.excess(),
              s == null ? null : s.pValue(),
              s == null ? null : s.setsBenchmark(),
              w.spike(),
              w.baselineRate() == null ? null : 1000.0 * w.baselineRate(),
              w.thresholdRate() == null ? null : 1000.0 * w.thresholdRate()));
    }
    return rows;
  }

  /** Ranks by reducible contacts, or by ROI (topics with an effort first) when efforts are set. */
  static List<BacklogEntry> order(List<BacklogEntry> entries, RankSettings settings) {
    Comparator<BacklogEntry> byReducible =
        Comparator.comparingDouble(BacklogEntry::reducibleContacts)
            .reversed()
            .thenComparing(Comparator.comparingLong(BacklogEntry::tickets).reversed())
            .thenComparingInt(BacklogEntry::topicId);
    Comparator<BacklogEntry> comparator = byReducible;
    if (settings.ranksByRoi()) {
      comparator =
          Comparator.<BacklogEntry, Boolean>comparing(e -> e.roi() == null)
              .thenComparing(e -> e.roi() == null ? 0.0 : -e.roi())
              .thenComparing(byReducible);
    }
    List<BacklogEntry> sorted = new ArrayList<>(entries);
    sorted.sort(comparator);
    List<BacklogEntry> ranked = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      ranked.add(sorted.get(i).withRank(i + 1));
    }
    return ranked;
  }

  /** What one topic's contacts add up to. */
  private static final class TopicCounts {
    long tickets;
    long repeats;
    long emerging;
    long unattributed;
    double csatSum;
    long csatResponses;
    // Per contact channel: {contacts, mean handle minutes or NaN when no ticket has one}.
    final Map<String, double[]> channels = new HashMap<>();

    /** Agent cost of one contact: handle minutes x cost per minute, averaged over channels. */
    double costPerContact(RankSettings settings) {
      if (tickets == 0) {
        return 0.0;
      }
      double cost = 0;
      for (var e : channels.entrySet()) {
        double minutes =
            Double.isNaN(e.getValue()[1]) ? settings.handleMinutes(e.getKey()) : e.getValue()[1];
        cost += e.getValue()[0] / tickets * minutes * settings.costPerMinute(e.getKey());
      }
      return cost;
    }
  }
}
