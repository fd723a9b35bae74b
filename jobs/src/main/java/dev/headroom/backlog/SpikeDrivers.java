package dev.headroom.backlog;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

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
   * @param orders the window's orders, counted per week and segments ({@link
   *     ContactTransforms#orderCells})
   * @param dimensions the order segment dimensions
   * @param baselines per topic, per spike week, the weeks of its baseline
   * @param significance a driver's contacts must be this unlikely under its baseline (Poisson)
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
    Tallies tallies = Tallies.of(contacts, orders, dimensions, baselines);
    List<String> all = new ArrayList<>(dimensions);
    all.add(CONTACT_CHANNEL);
    baselines.forEach(
        (topic, spikes) ->
            spikes.forEach(
                (week, baseline) -> {
                  Map<String, Map<String, SpikeAttribution.Counts>> segments = new TreeMap<>();
                  for (String dimension : all) {
                    Map<String, SpikeAttribution.Counts> bySegment = new TreeMap<>();
                    for (String value : tallies.values(topic, week, baseline, dimension)) {
                      bySegment.put(value, tallies.counts(topic, week, baseline, dimension, value));
                    }
                    segments.put(dimension, bySegment);
                  }
                  SpikeAttribution.Counts total =
                      tallies.counts(topic, week, baseline, WEEK_TOTAL, WEEK_TOTAL);
                  result
                      .computeIfAbsent(topic, t -> new ArrayList<>())
                      .addAll(SpikeAttribution.drivers(week, total, segments, significance));
                }));
    return result;
  }

  /**
   * Contacts per topic, week, dimension and segment, and orders per week, dimension and segment,
   * for the spike weeks and their baselines only; {@link #WEEK_TOTAL} holds each week's totals.
   */
  private record Tallies(
      Map<Integer, Map<String, Map<String, Map<String, Long>>>> contacts,
      Map<String, Map<String, Map<String, Long>>> orders) {

    static Tallies of(
        Dataset<Row> contacts,
        Dataset<Row> orders,
        List<String> dimensions,
        Map<Integer, Map<String, List<String>>> baselines) {
      Set<String> topicWeeks = new TreeSet<>();
      Set<String> weeks = new TreeSet<>();
      baselines.forEach(
          (topic, spikes) ->
              spikes.forEach(
                  (week, baseline) -> {
                    for (String w : withWeek(week, baseline)) {
                      topicWeeks.add(topic + "|" + w);
                      weeks.add(w);
                    }
                  }));
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
      Map<String, Map<String, Map<String, Long>>> orderCounts = new HashMap<>();
      for (Row r :
          orders
              .filter(col(ContactTransforms.WEEK).isin(weeks.toArray()))
              .select(
                  col(ContactTransforms.WEEK),
                  col(ContactTransforms.ORDER_COUNT),
                  explode(segmentPairs(dimensions, false)).as("pair"))
              .groupBy(col(ContactTransforms.WEEK), col("pair.dimension"), col("pair.segment"))
              .agg(sum(ContactTransforms.ORDER_COUNT))
              .collectAsList()) {
        orderCounts
            .computeIfAbsent(r.getString(0), w -> new HashMap<>())
            .computeIfAbsent(r.getString(1), d -> new HashMap<>())
            .put(r.getString(2), r.getLong(3));
      }
      return new Tallies(contactCounts, orderCounts);
    }

    /** The segments of a dimension with contacts in the spike week or its baseline. */
    Set<String> values(int topic, String week, List<String> baseline, String dimension) {
      Set<String> values = new TreeSet<>();
      for (String w : withWeek(week, baseline)) {
        values.addAll(contacts(topic, w, dimension).keySet());
      }
      return values;
    }

    /** A segment's counts in the spike week and over its baseline. */
    SpikeAttribution.Counts counts(
        int topic, String week, List<String> baseline, String dimension, String value) {
      long baselineContacts = 0;
      long baselineOrders = 0;
      for (String w : baseline) {
        baselineContacts += contacts(topic, w, dimension).getOrDefault(value, 0L);
        baselineOrders += orders(w, dimension, value);
      }
      return new SpikeAttribution.Counts(
          contacts(topic, week, dimension).getOrDefault(value, 0L),
          orders(week, dimension, value),
          baselineContacts,
          baselineOrders);
    }

    private Map<String, Long> contacts(int topic, String week, String dimension) {
      return contacts
          .getOrDefault(topic, Map.of())
          .getOrDefault(week, Map.of())
          .getOrDefault(dimension, Map.of());
    }

    /** A segment's orders in a week; the contact channel has the week's orders, all of them. */
    private long orders(String week, String dimension, String value) {
      Map<String, Map<String, Long>> byDimension = orders.getOrDefault(week, Map.of());
      if (dimension.equals(CONTACT_CHANNEL)) {
        return byDimension.getOrDefault(WEEK_TOTAL, Map.of()).getOrDefault(WEEK_TOTAL, 0L);
      }
      return byDimension.getOrDefault(dimension, Map.of()).getOrDefault(value, 0L);
    }
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

  private static List<String> withWeek(String week, List<String> baseline) {
    List<String> weeks = new ArrayList<>(baseline);
    weeks.add(week);
    return weeks;
  }
}
