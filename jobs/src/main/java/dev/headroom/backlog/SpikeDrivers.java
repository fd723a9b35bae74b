package dev.headroom.backlog;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import dev.headroom.stats.SpikeAttribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The segments behind each spike week: the contacts and orders of the spike weeks and their
 * baselines, counted per segment in two small aggregations, then {@link SpikeAttribution} on the
 * driver.
 */
final class SpikeDrivers {

  /** The dimension name of the ticket's own channel (chat, phone...) among the drivers. */
  static final String CONTACT_CHANNEL = ContactTransforms.CONTACT_CHANNEL;

  // The pair every order carries, so the week's total comes from the same aggregation.
  private static final String WEEK_TOTAL = "(week)";

  private SpikeDrivers() {}

  /**
   * Per topic, the drivers of its spike weeks (topics without a spike are absent).
   *
   * @param contacts contacts with their topic, week, contact channel and order segments
   * @param orders the window's orders with their week and segments
   * @param dimensions the order segment dimensions
   * @param baselines per topic, per spike week, the weeks of its baseline
   */
  static Map<Integer, List<SpikeAttribution.Driver>> of(
      Dataset<Row> contacts,
      Dataset<Row> orders,
      List<String> dimensions,
      Map<Integer, Map<String, List<String>>> baselines,
      double significance) {
    Map<Integer, List<SpikeAttribution.Driver>> result = new TreeMap<>();
    if (baselines.isEmpty()) {
      return result;
    }
    Set<String> topicWeeks = new TreeSet<>();
    Set<String> weeks = new TreeSet<>();
    baselines.forEach(
        (topic, spikes) ->
            spikes.forEach(
                (week, baseline) -> {
                  topicWeeks.add(topic + "|" + week);
                  weeks.add(week);
                  baseline.forEach(
                      b -> {
                        topicWeeks.add(topic + "|" + b);
                        weeks.add(b);
                      });
                }));
    // topic -> week -> dimension -> segment -> contacts
    Map<Integer, Map<String, Map<String, Map<String, Long>>>> contactCounts = new HashMap<>();
    for (Row r :
        contacts
            .filter(
                concat_ws("|", col(ContactTransforms.TOPIC), col(ContactTransforms.WEEK))
                    .isin(topicWeeks.toArray()))
            .select(
                col(ContactTransforms.TOPIC),
                col(ContactTransforms.WEEK),
                explode(segmentPairs(dimensions, true)).as("pair"))
            .filter(col("pair.segment").isNotNull())
            .groupBy(
                col(ContactTransforms.TOPIC),
                col(ContactTransforms.WEEK),
                col("pair.dimension"),
                col("pair.segment"))
            .agg(count(lit(1)))
            .collectAsList()) {
      contactCounts
          .computeIfAbsent(r.getInt(0), t -> new HashMap<>())
          .computeIfAbsent(r.getString(1), w -> new HashMap<>())
          .computeIfAbsent(r.getString(2), d -> new HashMap<>())
          .put(r.getString(3), r.getLong(4));
    }
    // week -> dimension -> segment -> orders; the contact channel carries the week's orders.
    Map<String, Map<String, Map<String, Long>>> orderCounts = new HashMap<>();
    Map<String, Long> weekOrders = new HashMap<>();
    for (Row r :
        orders
            .filter(col(ContactTransforms.WEEK).isin(weeks.toArray()))
            .select(
                col(ContactTransforms.WEEK), explode(segmentPairs(dimensions, false)).as("pair"))
            .groupBy(col(ContactTransforms.WEEK), col("pair.dimension"), col("pair.segment"))
            .agg(count(lit(1)))
            .collectAsList()) {
      if (r.getString(1).equals(WEEK_TOTAL)) {
        weekOrders.put(r.getString(0), r.getLong(3));
      } else {
        orderCounts
            .computeIfAbsent(r.getString(0), w -> new HashMap<>())
            .computeIfAbsent(r.getString(1), d -> new HashMap<>())
            .put(r.getString(2), r.getLong(3));
      }
    }
    List<String> all = new ArrayList<>(dimensions);
    all.add(CONTACT_CHANNEL);
    baselines.forEach(
        (topic, spikes) ->
            spikes.forEach(
                (week, baseline) -> {
                  Map<String, Map<String, SpikeAttribution.Counts>> segments = new TreeMap<>();
                  for (String dimension : all) {
                    Set<String> values = new TreeSet<>();
                    for (String w : concat(week, baseline)) {
                      values.addAll(counts(contactCounts, topic, w, dimension).keySet());
                    }
                    Map<String, SpikeAttribution.Counts> bySegment = new TreeMap<>();
                    for (String value : values) {
                      long baselineContacts = 0;
                      long baselineOrders = 0;
                      for (String w : baseline) {
                        baselineContacts +=
                            counts(contactCounts, topic, w, dimension).getOrDefault(value, 0L);
                        baselineOrders += orders(orderCounts, weekOrders, w, dimension, value);
                      }
                      bySegment.put(
                          value,
                          new SpikeAttribution.Counts(
                              counts(contactCounts, topic, week, dimension).getOrDefault(value, 0L),
                              orders(orderCounts, weekOrders, week, dimension, value),
                              baselineContacts,
                              baselineOrders));
                    }
                    segments.put(dimension, bySegment);
                  }
                  long baselineContacts = 0;
                  long baselineOrders = 0;
                  for (String w : baseline) {
                    baselineContacts +=
                        counts(contactCounts, topic, w, WEEK_TOTAL).getOrDefault(WEEK_TOTAL, 0L);
                    baselineOrders += weekOrders.getOrDefault(w, 0L);
                  }
                  SpikeAttribution.Counts total =
                      new SpikeAttribution.Counts(
                          counts(contactCounts, topic, week, WEEK_TOTAL)
                              .getOrDefault(WEEK_TOTAL, 0L),
                          weekOrders.getOrDefault(week, 0L),
                          baselineContacts,
                          baselineOrders);
                  List<SpikeAttribution.Driver> drivers =
                      SpikeAttribution.drivers(week, total, segments, significance);
                  result.computeIfAbsent(topic, t -> new ArrayList<>()).addAll(drivers);
                }));
    return result;
  }

  /**
   * Each row's (dimension, segment) pairs: its order's segments, a contact's channel, and the
   * week's total every row counts in.
   */
  private static Column segmentPairs(List<String> dimensions, boolean contact) {
    List<Column> pairs = new ArrayList<>();
    for (String d : dimensions) {
      pairs.add(
          struct(lit(d).as("dimension"), col(ContactTransforms.segmentColumn(d)).as("segment")));
    }
    if (contact) {
      pairs.add(
          struct(
              lit(CONTACT_CHANNEL).as("dimension"),
              col(ContactTransforms.CONTACT_CHANNEL).as("segment")));
    }
    pairs.add(struct(lit(WEEK_TOTAL).as("dimension"), lit(WEEK_TOTAL).as("segment")));
    return array(pairs.toArray(Column[]::new));
  }

  private static Map<String, Long> counts(
      Map<Integer, Map<String, Map<String, Map<String, Long>>>> contactCounts,
      int topic,
      String week,
      String dimension) {
    return contactCounts
        .getOrDefault(topic, Map.of())
        .getOrDefault(week, Map.of())
        .getOrDefault(dimension, Map.of());
  }

  private static long orders(
      Map<String, Map<String, Map<String, Long>>> orderCounts,
      Map<String, Long> weekOrders,
      String week,
      String dimension,
      String value) {
    if (dimension.equals(CONTACT_CHANNEL)) {
      return weekOrders.getOrDefault(week, 0L);
    }
    return orderCounts
        .getOrDefault(week, Map.of())
        .getOrDefault(dimension, Map.of())
        .getOrDefault(value, 0L);
  }

  private static List<String> concat(String week, List<String> baseline) {
    List<String> weeks = new ArrayList<>(baseline);
    weeks.add(week);
    return weeks;
  }
}
