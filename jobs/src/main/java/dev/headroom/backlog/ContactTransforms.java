package dev.headroom.backlog;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * The transforms that turn tickets, their topics and orders into contacts the ranking measures.
 *
 * <p>Pure {@code Dataset -> Dataset} functions: reading and writing are the job's.
 */
public final class ContactTransforms {

  /** Column: the ranked topic's id. */
  public static final String TOPIC = "rank_topic";

  /** Column: whether the contact repeats the same customer's or order's earlier one. */
  public static final String REPEAT = "repeat";

  /** Column: whether the ticket's order is in the orders table. */
  public static final String ORDER_KNOWN = "order_known";

  /** Column: the Monday (yyyy-MM-dd) of the week a ticket or order falls in. */
  public static final String WEEK = "week";

  /**
   * Column: the day an order was placed (business time zone); on a contact, its order's day, null
   * when the order is unknown.
   */
  public static final String ORDER_DAY = "order_day";

  /** Column: the ticket's contact channel (the orders' channel is a segment). */
  public static final String CONTACT_CHANNEL = "contact_channel";

  /** Column: how many orders an order cell holds (see {@link #orderCells}). */
  public static final String ORDER_COUNT = "order_count";

  /** Segment value of an order without a value in that column. */
  public static final String NO_VALUE = "(none)";

  private static final String SEGMENT_PREFIX = "segment__";

  private ContactTransforms() {}

  /** An order's value in a segment dimension, as text, {@link #NO_VALUE} when it has none. */
  public static Column segmentValue(String dimension) {
    return coalesce(col(dimension).cast("string"), lit(NO_VALUE)).as(segmentColumn(dimension));
  }

  /** The column holding a segment dimension's value once orders are joined to tickets. */
  public static String segmentColumn(String dimension) {
    return SEGMENT_PREFIX + dimension;
  }

  /**
   * The contacts with the team's merges applied (conf/taxonomy.txt): a contact of a merged topic
   * counts under the topic it was merged into, whether the merged id is its fine topic or the topic
   * it is ranked under.
   *
   * @param merges merged topic id to the topic it finally counts under
   */
  public static Dataset<Row> merge(Dataset<Row> contacts, Map<Integer, Integer> merges) {
    if (merges.isEmpty()) {
      return contacts;
    }
    Column ranked = col(TOPIC);
    for (var m : merges.entrySet()) {
      ranked =
          when(
                  col("fine_topic_id").equalTo(m.getKey()).or(col(TOPIC).equalTo(m.getKey())),
                  lit(m.getValue()))
              .otherwise(ranked);
    }
    return contacts.withColumn(TOPIC, ranked);
  }

  /**
   * What ranking reads of each order: its id, month, day and segment values, for {@link #attribute}
   * to join to the contacts and {@link #orderCells} to count.
   *
   * @param orders clean orders: order_id, month, ordered_at and the segment columns
   * @param dimensions the order columns used as segment dimensions
   */
  public static Dataset<Row> orderFacts(Dataset<Row> orders, List<String> dimensions) {
    List<Column> columns = new ArrayList<>();
    columns.add(col("order_id"));
    columns.add(col("month"));
    columns.add(to_date(col("ordered_at")).as(ORDER_DAY));
    dimensions.forEach(dimension -> columns.add(segmentValue(dimension)));
    return orders.select(columns.toArray(Column[]::new));
  }

  /**
   * The orders counted per month, day and segment values, in {@link #ORDER_COUNT}, each cell with
   * its day's {@link #WEEK}. Every count ranking makes of orders (per period, per segment, per fix
   * cohort) is a sum over these cells: one pass over the orders instead of one per count. Where
   * segment values repeat from day to day (a few thousand sellers, a few categories) there are far
   * fewer cells than orders, and the week is worked out once per cell, not once per order.
   *
   * @param orderFacts orders as {@link #orderFacts} gives them
   */
  public static Dataset<Row> orderCells(Dataset<Row> orderFacts) {
    Column[] cell =
        Arrays.stream(orderFacts.columns())
            .filter(c -> !c.equals("order_id"))
            .map(functions::col)
            .toArray(Column[]::new);
    return orderFacts
        .groupBy(cell)
        .agg(count(lit(1)).as(ORDER_COUNT))
        .withColumn(WEEK, week(col(ORDER_DAY)));
  }

  /**
   * Tickets with their ranked topic and, where the order is known, the order's segment values.
   *
   * @param tickets clean tickets: ticket_id, month, created_at, channel, customer_id, order_id, ...
   * @param ticketTopics ticket_id, month, topic_id, parent_topic_id, emerging
   * @param orderFacts the orders as {@link #orderFacts} gives them (any months: a ticket may follow
   *     an order placed before the window)
   * @param dimensions the order columns used as segment dimensions
   * @param parentLevel whether to rank parent topics rather than fine topics
   */
  public static Dataset<Row> attribute(
      Dataset<Row> tickets,
      Dataset<Row> ticketTopics,
      Dataset<Row> orderFacts,
      List<String> dimensions,
      boolean parentLevel) {
    Dataset<Row> topics =
        ticketTopics.select(
            col("ticket_id"),
            col("month"),
            col("topic_id").as("fine_topic_id"),
            (parentLevel ? col("parent_topic_id") : col("topic_id")).as(TOPIC),
            coalesce(col("emerging"), lit(false)).as("emerging"));
    List<Column> orderColumns = new ArrayList<>();
    orderColumns.add(col("order_id").as("known_order_id"));
    orderColumns.add(col(ORDER_DAY));
    dimensions.forEach(dimension -> orderColumns.add(col(segmentColumn(dimension))));
    Dataset<Row> segments = orderFacts.select(orderColumns.toArray(Column[]::new));
    // The orders outnumber the contacts several times over: the join keeps the contacts in a hash
    // table per partition and streams the orders past it, instead of sorting every order.
    Dataset<Row> joined =
        tickets
            .withColumnRenamed("channel", CONTACT_CHANNEL)
            .join(topics, new String[] {"ticket_id", "month"})
            .hint("shuffle_hash")
            .join(segments, col("order_id").equalTo(col("known_order_id")), "left");
    return joined
        .withColumn(ORDER_KNOWN, col("known_order_id").isNotNull())
        .drop("known_order_id")
        .withColumn(WEEK, week(col("created_at")));
  }

  /**
   * Marks each contact that follows the same customer's, or the same order's, previous contact on
   * the same topic within {@code days} days.
   */
  public static Dataset<Row> markRepeats(Dataset<Row> contacts, int days) {
    long seconds = days * 86_400L;
    Column byCustomer = repeatOf("customer_id", seconds);
    Column byOrder = repeatOf("order_id", seconds);
    return contacts.withColumn(
        REPEAT, coalesce(byCustomer, lit(false)).or(coalesce(byOrder, lit(false))));
  }

  private static Column repeatOf(String key, long seconds) {
    WindowSpec previous =
        Window.partitionBy(col(TOPIC), col(key)).orderBy(col("created_at"), col("ticket_id"));
    Column gap =
        col("created_at").cast("long").minus(lag(col("created_at"), 1).over(previous).cast("long"));
    return when(col(key).isNull(), lit(false)).otherwise(gap.leq(seconds));
  }

  /** The Monday (yyyy-MM-dd, session time zone) of the week a timestamp or a day falls in. */
  public static Column week(Column timestamp) {
    return date_format(date_trunc("week", timestamp), "yyyy-MM-dd");
  }
}
