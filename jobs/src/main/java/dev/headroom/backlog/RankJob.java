package dev.headroom.backlog;

import static dev.headroom.common.Table.Topics.UNCLASSIFIED_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import dev.headroom.common.BaseJob;
import dev.headroom.common.ConfigKeys;
import dev.headroom.common.DeltaIo;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.JobRun;
import dev.headroom.common.MonthWindow;
import dev.headroom.common.RankSettings;
import dev.headroom.common.RunRecord;
import dev.headroom.common.SideBySide;
import dev.headroom.common.Table;
import dev.headroom.common.Taxonomy;
import dev.headroom.stats.FixVerification;
import dev.headroom.stats.PeriodModel;
import dev.headroom.stats.Satisfaction;
import dev.headroom.stats.SegmentModel;
import dev.headroom.stats.SpikeAttribution;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
    Inputs inputs = readInputs(run, dimensions);
    checkTaxonomy(config.taxonomy(), inputs.topics());
    // Read twice, not cached: for the join, then counted into cells. A cache of every order for
    // both cost what the second read saved (BENCHMARKS.md, issue 20, "rank's orders counted once").
    Dataset<Row> allOrders = ContactTransforms.orderFacts(inputs.orders(), dimensions);
    Dataset<Row> contacts =
        contacts(inputs, allOrders, settings, dimensions, config.taxonomy())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ContactTally tally = ContactTally.of(contacts);
      MonthWindow span = span(tally);
      // The window's orders, counted per day and segment values: what every later count sums.
      Dataset<Row> orders =
          ContactTransforms.orderCells(allOrders.filter(span.contains(col("month"))))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        run.seconds("read", RunRecord.secondsSince(t0));
        OrderCounts orderCounts = run.stage("measure", () -> OrderCounts.of(orders));
        checkFixes(allOrders, settings, tally, dimensions);
        Dataset<Row> placed =
            contacts.filter(col(ContactTransforms.TOPIC).notEqual(UNCLASSIFIED_ID));
        Dataset<Row> figures =
            SegmentFigures.of(
                    run.spark(), placed, tally.topics.keySet(), orders, dimensions, settings)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
          SegmentFigures.SegmentEvidence evidence =
              run.stage(
                  "segments",
                  () -> SegmentFigures.SegmentEvidence.of(figures, settings.topSegments()));
          Ranking measured =
              run.stage(
                  "rank",
                  () ->
                      rankTopics(
                          run.runId(),
                          settings,
                          tally,
                          orderCounts,
                          evidence,
                          TopicInfo.read(
                              inputs.topics(), placed, ranksParents(settings), config.taxonomy()),
                          span));
          Ranking ranking =
              run.stage(
                  "spikes",
                  () ->
                      measured.withSpikeDrivers(
                          SpikeDrivers.of(
                              placed,
                              orders,
                              dimensions,
                              measured.spikeBaselines(),
                              settings.segments().significance())));
          List<FixOutcome> fixes =
              run.stage("fixes", () -> verifyFixes(settings, placed, orders, orderCounts, ranking));
          run.stage(
              "write",
              () ->
                  write(
                      run,
                      ranking,
                      figures,
                      placed,
                      orders,
                      dimensions,
                      span,
                      settings,
                      orderCounts,
                      fixes));
          return record(run, settings, dimensions, span, tally, orderCounts, ranking, fixes);
        } finally {
          figures.unpersist();
        }
      } finally {
        orders.unpersist();
      }
    } finally {
      contacts.unpersist();
    }
  }

  /**
   * The tables rank reads, cut to the window.
   *
   * @param tickets the window's tickets, only the columns ranking uses (the text stays behind)
   * @param ticketTopics the window's ticket topics
   * @param orders all orders (the window is known once the contacts are counted)
   * @param topics the topics table
   */
  private record Inputs(
      Dataset<Row> tickets, Dataset<Row> ticketTopics, Dataset<Row> orders, Dataset<Row> topics) {}

  private Inputs readInputs(JobRun run, List<String> dimensions) {
    Dataset<Row> clean = run.read(Table.TICKETS);
    // Tickets ingested before nps joined the data contract have no such column: no answers.
    Column nps =
        List.of(clean.columns()).contains("nps") ? col("nps") : lit(null).cast("double").as("nps");
    Dataset<Row> tickets =
        clean
            .filter(window().contains(col("month")))
            .select(
                col("ticket_id"),
                col("month"),
                col("created_at"),
                col("channel"),
                col("customer_id"),
                col("order_id"),
                col("agent_tag"),
                col("handle_seconds"),
                col("csat"),
                nps);
    Dataset<Row> ticketTopics =
        run.read(Table.TICKET_TOPICS).filter(window().contains(col("month")));
    Dataset<Row> allOrders = run.read(Table.ORDERS);
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
    return new Inputs(tickets, ticketTopics, allOrders, run.read(Table.TOPICS));
  }

  private static boolean ranksParents(RankSettings settings) {
    return settings.level().equals(RankSettings.LEVEL_PARENT);
  }

  /** Every contact with its topic at the ranked level, its order's segments and repeat flag. */
  private static Dataset<Row> contacts(
      Inputs inputs,
      Dataset<Row> orderFacts,
      RankSettings settings,
      List<String> dimensions,
      Taxonomy taxonomy) {
    return ContactTransforms.markRepeats(
        ContactTransforms.merge(
            ContactTransforms.attribute(
                inputs.tickets(),
                inputs.ticketTopics(),
                orderFacts,
                dimensions,
                ranksParents(settings)),
            taxonomy.mergeTargets()),
        settings.repeatDays());
  }

  /** Stops on a taxonomy line about a topic no discover run gave out, naming file and line. */
  private static void checkTaxonomy(Taxonomy taxonomy, Dataset<Row> topics) {
    if (taxonomy.isEmpty()) {
      return;
    }
    taxonomy.checkKnown(
        new java.util.HashSet<>(
            topics.select("topic_id").distinct().as(Encoders.INT()).collectAsList()));
  }

  /** The months the contacts span; an error when there are none. */
  private MonthWindow span(ContactTally tally) {
    if (tally.months.isEmpty()) {
      throw new InputException(
          "No tickets with topics in "
              + outputRoot()
              + window().describe()
              + "; run ingest and discover first");
    }
    return new MonthWindow(
        YearMonth.parse(tally.months.first()), YearMonth.parse(tally.months.last()));
  }

  /**
   * The window's orders, counted per month and per week.
   *
   * @param byMonth orders per month
   * @param byWeek orders per week (its Monday)
   * @param total orders in the window
   * @param firstDay the first day with an order, null without orders
   * @param lastDay the last day with an order, null without orders
   */
  private record OrderCounts(
      Map<String, Long> byMonth,
      Map<String, Long> byWeek,
      long total,
      LocalDate firstDay,
      LocalDate lastDay) {

    static OrderCounts of(Dataset<Row> orders) {
      Map<String, Long> byMonth = new TreeMap<>();
      Map<String, Long> byWeek = new TreeMap<>();
      LocalDate first = null;
      LocalDate last = null;
      for (Row r :
          orders
              .groupBy("month", ContactTransforms.WEEK)
              .agg(
                  sum(ContactTransforms.ORDER_COUNT),
                  min(ContactTransforms.ORDER_DAY),
                  max(ContactTransforms.ORDER_DAY))
              .collectAsList()) {
        byMonth.merge(r.getString(0), r.getLong(2), Long::sum);
        byWeek.merge(r.getString(1), r.getLong(2), Long::sum);
        first = OrderCoverage.earlier(first, r.getDate(3));
        last = OrderCoverage.later(last, r.getDate(4));
      }
      long total = byMonth.values().stream().mapToLong(Long::longValue).sum();
      return new OrderCounts(byMonth, byWeek, total, first, last);
    }
  }

  /**
   * The ranked backlog and the period rows of {@code topic_metrics}.
   *
   * @param backlog the entries, ranked
   * @param periodRows window, month and week rows of every topic
   * @param coverage the days the contacts and the orders span
   * @param partialMonths months with contacts on days without orders
   * @param partialWeeks weeks with contacts on days without orders
   * @param spikeBaselines per topic, per spike week, the weeks of its baseline
   */
  private record Ranking(
      List<BacklogEntry> backlog,
      List<Row> periodRows,
      OrderCoverage coverage,
      List<String> partialMonths,
      List<String> partialWeeks,
      Map<Integer, Map<String, List<String>>> spikeBaselines) {

    /** The same ranking with each entry's spike drivers. */
    Ranking withSpikeDrivers(Map<Integer, List<SpikeAttribution.Driver>> drivers) {
      List<BacklogEntry> entries =
          backlog.stream()
              .map(
                  e ->
                      e.toBuilder()
                          .spikeDrivers(drivers.getOrDefault(e.topicId(), List.of()))
                          .build())
              .toList();
      return new Ranking(
          entries, periodRows, coverage, partialMonths, partialWeeks, spikeBaselines);
    }
  }

  /** Measures each topic over time and across segments, and ranks them. */
  private static Ranking rankTopics(
      String runId,
      RankSettings settings,
      ContactTally tally,
      OrderCounts orders,
      SegmentFigures.SegmentEvidence evidence,
      TopicInfo info,
      MonthWindow span) {
    List<BacklogEntry> entries = new ArrayList<>();
    List<Row> periodRows = new ArrayList<>();
    OrderCoverage coverage = coverage(tally, orders);
    Map<Integer, Map<String, List<String>>> spikeBaselines = new TreeMap<>();
    for (var topic : tally.topics.entrySet()) {
      int topicId = topic.getKey();
      ContactTally.TopicCounts c = topic.getValue();
      Map<String, ContactTally.PeriodCount> weekCounts = tally.byWeek.get(topicId);
      List<PeriodModel.Period> weekly =
          ContactTally.periods(weekCounts, orders.byWeek(), false, coverage::partialWeek);
      List<PeriodModel.Week> judged = PeriodModel.spikes(weekly, settings.periods());
      for (int i = 0; i < judged.size(); i++) {
        if (judged.get(i).spike()) {
          spikeBaselines
              .computeIfAbsent(topicId, t -> new TreeMap<>())
              .put(
                  judged.get(i).period(),
                  PeriodModel.baseline(weekly, i, settings.periods()).stream()
                      .map(PeriodModel.Period::period)
                      .toList());
        }
      }
      List<PeriodModel.Period> monthly =
          ContactTally.periods(
              tally.byMonth.get(topicId), orders.byMonth(), false, coverage::partialMonth);
      SegmentModel.Dimension overTime =
          periodExcess(
              ContactTally.periods(weekCounts, orders.byWeek(), true, coverage::partialWeek),
              settings);
      periodRows.addAll(
          MetricsRows.periodRows(
              runId,
              topicId,
              c.tickets,
              c.repeats,
              orders.total(),
              span,
              monthly,
              judged,
              overTime));
      entries.add(
          entry(
              topicId,
              c,
              tally.total,
              orders.total(),
              span.months().size(),
              evidence,
              overTime,
              PeriodModel.trend(monthly, settings.periods()),
              judged,
              info,
              tally.scores,
              settings));
    }
    Set<String> weeks = new TreeSet<>();
    tally.byWeek.values().forEach(w -> weeks.addAll(w.keySet()));
    weeks.addAll(orders.byWeek().keySet());
    return new Ranking(
        order(entries, settings),
        periodRows,
        coverage,
        tally.months.stream().filter(coverage::partialMonth).toList(),
        weeks.stream().filter(coverage::partialWeek).toList(),
        spikeBaselines);
  }

  /** One topic's backlog entry (rank still 0): its volume, headroom, cost and the reasons. */
  private static BacklogEntry entry(
      int topicId,
      ContactTally.TopicCounts c,
      long totalTickets,
      long totalOrders,
      int monthCount,
      SegmentFigures.SegmentEvidence evidence,
      SegmentModel.Dimension overTime,
      PeriodModel.Trend trend,
      List<PeriodModel.Week> weeks,
      TopicInfo info,
      Satisfaction.Scores allScores,
      RankSettings settings) {
    Map<String, SegmentFigures.DimensionExcess> excessByDimension =
        evidence.dimensionExcess().getOrDefault(topicId, Map.of());
    String source = null;
    double segmentExcess = 0;
    for (var e : excessByDimension.entrySet()) {
      if (e.getValue().excess() > segmentExcess) {
        segmentExcess = e.getValue().excess();
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
    excessByDimension.forEach((d, v) -> benchmarkRates.put(d, v.benchmarkRate()));
    return BacklogEntry.builder()
        .topicId(topicId)
        .level(info.level())
        .label(info.label(topicId))
        .labelTerms(info.labelTerms(topicId))
        .subtopics(info.subtopics(topicId))
        .tickets(c.tickets)
        .share(totalTickets == 0 ? 0.0 : (double) c.tickets / totalTickets)
        .contactRate(totalOrders == 0 ? null : 1000.0 * c.tickets / totalOrders)
        .repeatContacts(c.repeats)
        .segmentExcess(segmentExcess)
        .periodExcess(overTime.excess())
        .excessSource(excess > 0 ? source : null)
        .reducibleContacts(reducible)
        .headroomShare(c.tickets == 0 ? 0.0 : reducible / c.tickets)
        .costPerContact(costPerContact)
        .monthlySaving(monthlySaving)
        .effort(effort)
        .roi(effort == null ? null : monthlySaving / effort)
        .topSegments(evidence.topSegments().getOrDefault(topicId, List.of()))
        .benchmarkRates(benchmarkRates)
        .trend(trend.direction())
        .trendChange(trend.change())
        .spikeWeeks(
            weeks.stream().filter(PeriodModel.Week::spike).map(PeriodModel.Week::period).toList())
        .csat(c.scores.csat())
        .csatResponses(c.scores.csatResponses())
        .satisfaction(Satisfaction.of(allScores, c.scores))
        .dominantTag(info.dominantTag(topicId))
        .dominantTagShare(info.dominantTagShare(topicId))
        .emergingContacts(c.emerging)
        .unattributedContacts(c.unattributed)
        .exemplars(info.exemplars(topicId))
        .teamTag(info.teamTag(topicId))
        .notActionable(info.notActionable(topicId))
        .build();
  }

  /**
   * Stops on a recorded fix that names an unknown topic, a day outside the orders or an unknown
   * column, before the segment model runs (the day is checked against all the orders, not the
   * window: a rank of an earlier window skips later fixes).
   */
  private static void checkFixes(
      Dataset<Row> allOrders, RankSettings settings, ContactTally tally, List<String> dimensions) {
    if (settings.fixes().isEmpty()) {
      return;
    }
    Row days =
        allOrders
            .agg(min(col(ContactTransforms.ORDER_DAY)), max(col(ContactTransforms.ORDER_DAY)))
            .first();
    FixCohorts.check(
        settings.fixes(),
        tally.topics.keySet(),
        dimensions,
        days.isNullAt(0) ? null : days.getDate(0).toLocalDate(),
        days.isNullAt(1) ? null : days.getDate(1).toLocalDate(),
        settings.level());
  }

  /**
   * Each recorded fix's four groups counted and compared (docs/headroom.md, "Did the fix work?").
   */
  private static List<FixOutcome> verifyFixes(
      RankSettings settings,
      Dataset<Row> placed,
      Dataset<Row> orders,
      OrderCounts orderCounts,
      Ranking ranking) {
    List<FixVerification.Groups> groups =
        FixCohorts.count(
            settings.fixes(), placed, orders, orderCounts.firstDay(), orderCounts.lastDay());
    List<FixOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      var fix = settings.fixes().get(i);
      BacklogEntry entry =
          ranking.backlog().stream()
              .filter(e -> e.topicId() == fix.topicId())
              .findFirst()
              .orElseThrow();
      FixVerification.Verdict verdict =
          FixCohorts.inWindow(fix, orderCounts.firstDay(), orderCounts.lastDay())
              ? FixVerification.verify(groups.get(i))
              : FixVerification.outsideWindow();
      outcomes.add(
          new FixOutcome(
              fix,
              entry.label(),
              groups.get(i),
              verdict,
              verdict.avoidedPerMonth() == null
                  ? null
                  : verdict.avoidedPerMonth() * entry.costPerContact(),
              settings.currency()));
    }
    return outcomes;
  }

  /** Writes this run's slice of {@code topic_metrics}, {@code backlog} and {@code fixes}. */
  private static void write(
      JobRun run,
      Ranking ranking,
      Dataset<Row> figures,
      Dataset<Row> placed,
      Dataset<Row> orders,
      List<String> dimensions,
      MonthWindow span,
      RankSettings settings,
      OrderCounts orderCounts,
      List<FixOutcome> fixes) {
    SparkSession spark = run.spark();
    String runId = run.runId();
    String note = run.commitNote();
    String slice = "run_id = '" + runId + "'";
    Dataset<Row> metrics =
        spark
            .createDataFrame(ranking.periodRows(), Table.TOPIC_METRICS.schema())
            .unionByName(MetricsRows.segmentRows(figures, runId, span.from() + ".." + span.to()))
            .unionByName(
                MetricsRows.monthSegmentRows(
                    placed, orders, dimensions, ranking.partialMonths(), runId));
    Dataset<Row> backlog =
        spark.createDataFrame(
            BacklogRows.rows(
                ranking.backlog(),
                runId,
                span,
                settings,
                orderCounts.total(),
                Timestamp.from(run.started())),
            Table.BACKLOG.schema());
    SideBySide.run(
        spark,
        List.of(
            () ->
                DeltaIo.replaceSlice(
                    metrics,
                    run.path(Table.TOPIC_METRICS),
                    slice,
                    Table.TOPIC_METRICS.partitionColumns(),
                    note),
            () ->
                DeltaIo.replaceSlice(
                    backlog,
                    run.path(Table.BACKLOG),
                    slice,
                    Table.BACKLOG.partitionColumns(),
                    note),
            () ->
                DeltaIo.replaceSlice(
                    spark.createDataFrame(
                        FixRows.rows(fixes, runId, Timestamp.from(run.started())),
                        Table.FIXES.schema()),
                    run.path(Table.FIXES),
                    slice,
                    Table.FIXES.partitionColumns(),
                    note)));
  }

  /** The run's counts, figures and the settings the report states, and the result. */
  private static RankResult record(
      JobRun run,
      RankSettings settings,
      List<String> dimensions,
      MonthWindow span,
      ContactTally tally,
      OrderCounts orders,
      Ranking ranking,
      List<FixOutcome> fixes) {
    List<BacklogEntry> backlog = ranking.backlog();
    run.count("fixes", fixes.size());
    run.count(
        "fixes_verified",
        fixes.stream().filter(f -> f.verdict().status().equals(FixVerification.VERIFIED)).count());
    long totalTickets = tally.total;
    var counts = tally.topics.values();
    long unclassified = totalTickets - counts.stream().mapToLong(x -> x.tickets).sum();
    double reducibleTotal = backlog.stream().mapToDouble(BacklogEntry::reducibleContacts).sum();
    run.count("tickets", totalTickets);
    run.count("unclassified", unclassified);
    run.count("orders", orders.total());
    run.count("backlog_topics", backlog.size());
    run.count("repeat_contacts", counts.stream().mapToLong(x -> x.repeats).sum());
    run.count("unattributed_contacts", counts.stream().mapToLong(x -> x.unattributed).sum());
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
    run.parameter("partial_weeks", String.join(",", ranking.partialWeeks()));
    run.parameter("partial_months", String.join(",", ranking.partialMonths()));
    return new RankResult(
        run.runId(),
        span,
        orders.total(),
        totalTickets,
        unclassified,
        settings.currency(),
        backlog,
        new RankResult.PartialPeriods(
            ranking.coverage().firstOrder(),
            ranking.coverage().lastOrder(),
            ranking.coverage().contactsFrom(),
            ranking.coverage().contactsTo(),
            ranking.partialWeeks(),
            ranking.partialMonths()),
        fixes,
        run.stageSeconds());
  }

  /**
   * The days the contacts span against those the orders span: a week or month with contacts on days
   * without order coverage is partial.
   */
  private static OrderCoverage coverage(ContactTally tally, OrderCounts orders) {
    return new OrderCoverage(tally.firstDay, tally.lastDay, orders.firstDay(), orders.lastDay());
  }

  /**
   * Excess over the benchmark week, by the segment model with weeks as the one dimension; partial
   * weeks take no part (their rate is over part of their orders).
   */
  private static SegmentModel.Dimension periodExcess(
      List<PeriodModel.Period> weeks, RankSettings settings) {
    List<SegmentModel.Cell> cells =
        weeks.stream()
            .filter(w -> w.orders() > 0 && !w.partial())
            .map(w -> new SegmentModel.Cell(List.of(w.period()), w.orders(), w.contacts()))
            .toList();
    SegmentModel.Settings s = settings.segments();
    // Every week may set the benchmark: a week without the topic shows it can be avoided.
    SegmentModel.Settings overTime =
        new SegmentModel.Settings(
            s.benchmarkQuantile(), s.minSegmentOrders(), 0.0, s.significance(), s.minExcessShare());
    return SegmentModel.fit(List.of(Table.Metrics.PERIOD_WEEK), cells, overTime).get(0);
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
    // What the team marked not actionable ranks after everything it can act on.
    comparator =
        Comparator.comparing((BacklogEntry e) -> !e.actionable()).thenComparing(comparator);
    List<BacklogEntry> sorted = new ArrayList<>(entries);
    sorted.sort(comparator);
    List<BacklogEntry> ranked = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      ranked.add(sorted.get(i).withRank(i + 1));
    }
    return ranked;
  }
}
