package dev.headroom.backlog;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import dev.headroom.common.InputException;
import dev.headroom.common.RecordedFix;
import dev.headroom.stats.FixVerification;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The four groups of every recorded fix, counted in one aggregation over the contacts and one over
 * the orders (docs/headroom.md, "Did the fix work?").
 *
 * <p>A contact belongs to the side of the day its <em>order</em> was placed on, when the order is
 * known: a fix to delivery changes the contacts of orders placed after it, while contacts about
 * orders from before it keep arriving for days. A contact without a known order counts on the day
 * it was made.
 */
final class FixCohorts {

  private FixCohorts() {}

  /**
   * Fails on the first fix that names a topic rank does not rank, a day without orders on both
   * sides in all the data (not only this window: a rank of an earlier window skips later fixes), or
   * a scope column that is not a segment; the message names the file and line.
   */
  static void check(
      List<RecordedFix> fixes,
      Set<Integer> topics,
      List<String> dimensions,
      LocalDate firstOrder,
      LocalDate lastOrder,
      String level) {
    for (RecordedFix fix : fixes) {
      if (!topics.contains(fix.topicId())) {
        throw new InputException(
            fix.source()
                + " names topic "
                + fix.topicId()
                + ", which this rank run does not rank (rank.level="
                + level
                + "; its topics are "
                + String.join(", ", topics.stream().map(String::valueOf).toList())
                + ")");
      }
      if (!inWindow(fix, firstOrder, lastOrder)) {
        throw new InputException(
            fix.source()
                + " has shipped_on "
                + fix.shippedOn()
                + ", outside the data: the orders run from "
                + firstOrder
                + " to "
                + lastOrder
                + ", and a fix needs orders before its day and on or after it");
      }
      if (fix.scopeDimension() != null && !dimensions.contains(fix.scopeDimension())) {
        throw new InputException(
            fix.source()
                + " scopes the fix to '"
                + fix.scopeDimension()
                + "', which is not a segment column (orders.segments: "
                + String.join(", ", dimensions)
                + ")");
      }
    }
  }

  /** Whether the window's orders lie on both sides of the fix's day. */
  static boolean inWindow(RecordedFix fix, LocalDate firstOrder, LocalDate lastOrder) {
    return firstOrder != null
        && fix.shippedOn().isAfter(firstOrder)
        && !fix.shippedOn().isAfter(lastOrder);
  }

  /**
   * Every fix's four groups, in the order of the fixes.
   *
   * @param placed contacts with a topic, their order's day and segments
   * @param orders orders counted per day ({@link ContactTransforms#ORDER_DAY}) and segments ({@link
   *     ContactTransforms#orderCells})
   */
  static List<FixVerification.Groups> count(
      List<RecordedFix> fixes,
      Dataset<Row> placed,
      Dataset<Row> orders,
      LocalDate firstOrder,
      LocalDate lastOrder) {
    if (fixes.isEmpty()) {
      return List.of();
    }
    Column contactDay =
        coalesce(col(ContactTransforms.ORDER_DAY), to_date(col("created_at"))).as("cohort_day");
    Dataset<Row> contacts = placed.withColumn("cohort_day", contactDay);
    List<Column> contactSums = new ArrayList<>();
    List<Column> orderSums = new ArrayList<>();
    for (RecordedFix fix : fixes) {
      Column topic = col(ContactTransforms.TOPIC).equalTo(fix.topicId());
      Column treated;
      Column control;
      Column treatedOrders;
      Column controlOrders;
      if (fix.scopeDimension() == null) {
        // Everywhere: the control is every other topic, on the same orders.
        treated = topic;
        control = col(ContactTransforms.TOPIC).notEqual(fix.topicId());
        treatedOrders = lit(true);
        controlOrders = lit(true);
      } else {
        Column segment = col(ContactTransforms.segmentColumn(fix.scopeDimension()));
        // In scope: the topic's contacts on orders of that segment; the control, on the others.
        treated = topic.and(segment.equalTo(fix.scopeValue()));
        control = topic.and(segment.notEqual(fix.scopeValue()));
        treatedOrders = segment.equalTo(fix.scopeValue());
        controlOrders = segment.notEqual(fix.scopeValue());
      }
      Column before = between(col("cohort_day"), firstOrder, fix.shippedOn().minusDays(1));
      Column after = between(col("cohort_day"), fix.shippedOn(), lastOrder);
      Column orderDay = col(ContactTransforms.ORDER_DAY);
      Column orderBefore = between(orderDay, firstOrder, fix.shippedOn().minusDays(1));
      Column orderAfter = between(orderDay, fix.shippedOn(), lastOrder);
      contactSums.add(count(treated.and(before)));
      contactSums.add(count(treated.and(after)));
      contactSums.add(count(control.and(before)));
      contactSums.add(count(control.and(after)));
      orderSums.add(orders(treatedOrders.and(orderBefore)));
      orderSums.add(orders(treatedOrders.and(orderAfter)));
      orderSums.add(orders(controlOrders.and(orderBefore)));
      orderSums.add(orders(controlOrders.and(orderAfter)));
    }
    Row c = contacts.agg(contactSums.get(0), tail(contactSums)).first();
    Row o = orders.agg(orderSums.get(0), tail(orderSums)).first();
    List<FixVerification.Groups> groups = new ArrayList<>();
    for (int i = 0; i < fixes.size(); i++) {
      int at = 4 * i;
      groups.add(
          new FixVerification.Groups(
              new FixVerification.Side(c.getLong(at), o.getLong(at)),
              new FixVerification.Side(c.getLong(at + 1), o.getLong(at + 1)),
              new FixVerification.Side(c.getLong(at + 2), o.getLong(at + 2)),
              new FixVerification.Side(c.getLong(at + 3), o.getLong(at + 3)),
              (int) ChronoUnit.DAYS.between(fixes.get(i).shippedOn(), lastOrder) + 1));
    }
    return groups;
  }

  private static Column between(Column day, LocalDate from, LocalDate to) {
    return day.geq(lit(Date.valueOf(from))).and(day.leq(lit(Date.valueOf(to))));
  }

  // Rows whose condition is null (no segment: an unknown order) count in neither group.
  private static Column count(Column condition) {
    return coalesce(sum(when(condition, 1L).otherwise(0L)), lit(0L));
  }

  // The orders in the cells where the condition holds; a null condition counts in neither group.
  private static Column orders(Column condition) {
    return coalesce(
        sum(when(condition, col(ContactTransforms.ORDER_COUNT)).otherwise(0L)), lit(0L));
  }

  private static Column[] tail(List<Column> columns) {
    return columns.subList(1, columns.size()).toArray(Column[]::new);
  }
}
