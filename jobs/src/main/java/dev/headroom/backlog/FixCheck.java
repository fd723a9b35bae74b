package dev.headroom.backlog;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.RankSettings;
import dev.headroom.common.RecordedFix;
import dev.headroom.common.SparkSessions;
import dev.headroom.common.Table;
import dev.headroom.stats.FixVerification;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One fix verified on its own, outside a rank run: for an analyst trying another day or scope in a
 * notebook before the line goes into {@code conf/fixes.csv}. The same counting and statistics as
 * rank (docs/headroom.md, "Did the fix work?"), over every month of the warehouse; nothing is
 * written.
 */
public final class FixCheck {

  private FixCheck() {}

  /**
   * Verifies {@code fix} against the warehouse under {@code outputRoot}, at the level {@code
   * rank.level} sets; the cost per contact and the label come from the latest backlog row of the
   * topic, when there is one.
   *
   * @throws dev.headroom.common.InputException as rank would for a bad topic, day or scope
   */
  public static FixOutcome check(
      SparkSession caller, HeadroomConfig config, String outputRoot, RecordedFix fix) {
    // Days count in the business time zone, as in rank, without changing the caller's session.
    SparkSession spark = SparkSessions.forJob(caller, config.timeZone());
    RankSettings settings = config.rank();
    List<String> dimensions = config.orders().segments();
    boolean parents = settings.level().equals(RankSettings.LEVEL_PARENT);
    Dataset<Row> orders =
        ContactTransforms.orderFacts(Table.ORDERS.read(spark, outputRoot), dimensions);
    Dataset<Row> placed =
        ContactTransforms.merge(
                ContactTransforms.attribute(
                    Table.TICKETS
                        .read(spark, outputRoot)
                        .select("ticket_id", "month", "created_at", "channel", "order_id"),
                    Table.TICKET_TOPICS.read(spark, outputRoot),
                    orders,
                    dimensions,
                    parents),
                config.taxonomy().mergeTargets())
            .filter(col(ContactTransforms.TOPIC).notEqual(Table.Topics.UNCLASSIFIED_ID))
            .persist(StorageLevel.MEMORY_AND_DISK());
    // The day range and the cohorts' counts both sum the orders' cells: counted once, kept.
    Dataset<Row> cells =
        ContactTransforms.orderCells(orders).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return verify(placed, cells, fix, settings, dimensions, spark, outputRoot);
    } finally {
      placed.unpersist();
      cells.unpersist();
    }
  }

  private static FixOutcome verify(
      Dataset<Row> placed,
      Dataset<Row> orders,
      RecordedFix fix,
      RankSettings settings,
      List<String> dimensions,
      SparkSession spark,
      String outputRoot) {
    Row range =
        orders.agg(min(ContactTransforms.ORDER_DAY), max(ContactTransforms.ORDER_DAY)).first();
    LocalDate first = range.isNullAt(0) ? null : range.getDate(0).toLocalDate();
    LocalDate last = range.isNullAt(1) ? null : range.getDate(1).toLocalDate();
    Set<Integer> topics = new TreeSet<>();
    placed
        .select(ContactTransforms.TOPIC)
        .distinct()
        .collectAsList()
        .forEach(r -> topics.add(r.getInt(0)));
    FixCohorts.check(List.of(fix), topics, dimensions, first, last, settings.level());
    FixVerification.Groups groups =
        FixCohorts.count(List.of(fix), placed, orders, first, last).get(0);
    FixVerification.Verdict verdict = FixVerification.verify(groups);
    String label = "topic " + fix.topicId();
    Double costPerContact = null;
    if (Table.BACKLOG.exists(spark, outputRoot)) {
      List<Row> latest =
          Table.BACKLOG
              .read(spark, outputRoot)
              .filter(col("topic_id").equalTo(fix.topicId()))
              .orderBy(col("created_at").desc())
              .limit(1)
              .collectAsList();
      if (!latest.isEmpty()) {
        label = latest.get(0).getString(latest.get(0).fieldIndex("label"));
        costPerContact = latest.get(0).getDouble(latest.get(0).fieldIndex("cost_per_contact"));
      }
    }
    return new FixOutcome(
        fix,
        label,
        groups,
        verdict,
        verdict.avoidedPerMonth() == null || costPerContact == null
            ? null
            : verdict.avoidedPerMonth() * costPerContact,
        settings.currency());
  }
}
