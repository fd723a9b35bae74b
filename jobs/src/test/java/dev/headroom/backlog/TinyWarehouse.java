package dev.headroom.backlog;

import dev.headroom.TestSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * A hand-built warehouse (the tables ingest and discover write) for tests whose every figure is
 * computed by hand. Times are in the test's business zone, UTC.
 */
final class TinyWarehouse {

  private static final StructType TICKETS =
      new StructType()
          .add("ticket_id", DataTypes.StringType)
          .add("created_at", DataTypes.TimestampType)
          .add("month", DataTypes.StringType)
          .add("text", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("order_id", DataTypes.StringType)
          .add("agent_tag", DataTypes.StringType)
          .add("handle_seconds", DataTypes.DoubleType)
          .add("csat", DataTypes.DoubleType)
          .add("language", DataTypes.StringType);

  private static final StructType ORDERS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("ordered_at", DataTypes.TimestampType)
          .add("month", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType)
          .add("seller_id", DataTypes.StringType);

  private static final StructType TICKET_TOPICS =
      new StructType()
          .add("ticket_id", DataTypes.StringType)
          .add("month", DataTypes.StringType)
          .add("topic_id", DataTypes.IntegerType)
          .add("parent_topic_id", DataTypes.IntegerType)
          .add("similarity", DataTypes.DoubleType)
          .add("emerging", DataTypes.BooleanType)
          .add("run_id", DataTypes.StringType);

  private static final StructType TOPICS =
      new StructType()
          .add("run_id", DataTypes.StringType)
          .add("topic_id", DataTypes.IntegerType)
          .add("level", DataTypes.IntegerType)
          .add("label", DataTypes.StringType)
          .add("label_terms", DataTypes.createArrayType(DataTypes.StringType))
          .add(
              "exemplars",
              DataTypes.createArrayType(
                  new StructType()
                      .add("ticket_id", DataTypes.StringType)
                      .add("text", DataTypes.StringType)))
          .add("created_at", DataTypes.TimestampType);

  private final List<Row> tickets = new ArrayList<>();
  private final List<Row> orders = new ArrayList<>();
  private final List<Row> ticketTopics = new ArrayList<>();
  private final List<Row> topics = new ArrayList<>();

  /** Adds {@code count} orders of a seller, placed at {@code at}; returns their ids. */
  List<String> orders(String seller, int count, String at) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = seller + "-" + at.substring(0, 10) + "-" + i;
      orders.add(RowFactory.create(id, ts(at), at.substring(0, 7), "C-" + id, 10_000.0, seller));
      ids.add(id);
    }
    return ids;
  }

  /** Adds a ticket on a fine topic (its parent is {@code topic * 100}). */
  void ticket(
      String id,
      String at,
      int topic,
      String customer,
      String order,
      String channel,
      Double handleSeconds,
      Double csat) {
    tickets.add(
        RowFactory.create(
            id,
            ts(at),
            at.substring(0, 7),
            "text of " + id,
            channel,
            customer,
            order,
            "tag>" + topic,
            handleSeconds,
            csat,
            "ko"));
    ticketTopics.add(
        RowFactory.create(
            id,
            at.substring(0, 7),
            topic,
            topic == 0 ? 0 : topic * 100,
            0.9,
            false,
            "discover-test"));
  }

  /** Describes a topic as discover would. */
  void topic(int topicId, String label) {
    topics.add(
        RowFactory.create(
            "discover-test",
            topicId,
            topicId >= 100 ? 1 : 2,
            label,
            JavaConverters.asScalaBuffer(List.of(label)).toSeq(),
            JavaConverters.asScalaBuffer(
                    List.of(RowFactory.create("x-" + topicId, "example of " + label)))
                .toSeq(),
            ts("2026-02-01 00:00:00")));
  }

  /** Writes the four tables under {@code root} as Delta tables. */
  void write(Path root) {
    SparkSession spark = TestSpark.session();
    for (var table :
        Map.of(
                "tickets",
                spark.createDataFrame(tickets, TICKETS),
                "orders",
                spark.createDataFrame(orders, ORDERS),
                "ticket_topics",
                spark.createDataFrame(ticketTopics, TICKET_TOPICS),
                "topics",
                spark.createDataFrame(topics, TOPICS))
            .entrySet()) {
      table
          .getValue()
          .write()
          .format("delta")
          .mode(SaveMode.Overwrite)
          .save(root.resolve(table.getKey()).toString());
    }
  }

  private static Timestamp ts(String at) {
    return Timestamp.valueOf(LocalDateTime.parse(at.replace(' ', 'T')));
  }
}
