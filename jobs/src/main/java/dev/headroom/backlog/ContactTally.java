package dev.headroom.backlog;

import static dev.headroom.common.Table.Topics.UNCLASSIFIED_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import dev.headroom.common.RankSettings;
import dev.headroom.stats.PeriodModel;
import dev.headroom.stats.Satisfaction;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Everything counted per ticket, from one aggregation of the contacts: per topic the contacts,
 * repeats, emerging, unattributed, CSAT and NPS and handle time per channel, and per topic and
 * period the contacts and first contacts. The unclassified topic counts only in the total.
 */
final class ContactTally {

  private ContactTally() {}

  long total;
  // The first and last day with a contact (in the business time zone), null without contacts.
  LocalDate firstDay;
  LocalDate lastDay;
  final java.util.TreeSet<String> months = new java.util.TreeSet<>();
  // CSAT and NPS of every rated contact, unclassified included.
  Satisfaction.Scores scores = Satisfaction.Scores.NONE;
  final Map<Integer, TopicCounts> topics = new TreeMap<>();
  // Per topic and period.
  final Map<Integer, Map<String, PeriodCount>> byMonth = new TreeMap<>();
  final Map<Integer, Map<String, PeriodCount>> byWeek = new TreeMap<>();

  static ContactTally of(Dataset<Row> contacts) {
    ContactTally tally = new ContactTally();
    Map<Integer, Map<String, HandleTime>> handle = new TreeMap<>();
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
                count(col("handle_seconds")),
                min(to_date(col("created_at"))),
                max(to_date(col("created_at"))),
                sum(when(col("nps").geq(Satisfaction.PROMOTER), 1).otherwise(0)),
                sum(when(col("nps").leq(Satisfaction.DETRACTOR), 1).otherwise(0)),
                count(col("nps")))
            .collectAsList()) {
      int topic = r.getInt(0);
      long tickets = r.getLong(4);
      long repeats = r.getLong(5);
      tally.total += tickets;
      tally.firstDay = OrderCoverage.earlier(tally.firstDay, r.getDate(12));
      tally.lastDay = OrderCoverage.later(tally.lastDay, r.getDate(13));
      tally.months.add(r.getString(2));
      Satisfaction.Scores scores =
          new Satisfaction.Scores(
              r.isNullAt(8) ? 0.0 : ((Number) r.get(8)).doubleValue(),
              r.getLong(9),
              r.getLong(14),
              r.getLong(15),
              r.getLong(16));
      tally.scores = tally.scores.plus(scores);
      if (topic == UNCLASSIFIED_ID) {
        continue;
      }
      TopicCounts c = tally.topics.computeIfAbsent(topic, t -> new TopicCounts());
      c.tickets += tickets;
      c.repeats += repeats;
      c.emerging += r.getLong(6);
      c.unattributed += r.getLong(7);
      c.scores = c.scores.plus(scores);
      HandleTime h =
          handle
              .computeIfAbsent(topic, t -> new HashMap<>())
              .computeIfAbsent(r.isNullAt(1) ? null : r.getString(1), x -> new HandleTime());
      h.contacts += tickets;
      h.seconds += r.isNullAt(10) ? 0.0 : ((Number) r.get(10)).doubleValue();
      h.timed += r.getLong(11);
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
                            new ChannelContacts(
                                h.contacts,
                                h.timed > 0 ? h.seconds / h.timed / 60.0 : Double.NaN))));
    return tally;
  }

  private static void add(
      Map<Integer, Map<String, PeriodCount>> counts,
      int topic,
      String period,
      long tickets,
      long repeats) {
    counts
        .computeIfAbsent(topic, t -> new TreeMap<>())
        .merge(period, new PeriodCount(tickets, tickets - repeats), PeriodCount::plus);
  }

  /** One channel's contacts of a topic, summed while counting: handle time and how many had it. */
  private static final class HandleTime {
    double contacts;
    double seconds;
    long timed;
  }

  /**
   * A topic's contacts in one period.
   *
   * @param contacts all contacts
   * @param firstContacts contacts that are not repeats
   */
  record PeriodCount(long contacts, long firstContacts) {
    PeriodCount plus(PeriodCount other) {
      return new PeriodCount(contacts + other.contacts, firstContacts + other.firstContacts);
    }
  }

  /**
   * A topic's contacts in one contact channel.
   *
   * @param contacts the contacts
   * @param handleMinutes their mean handle minutes, NaN when no ticket has a handle time
   */
  record ChannelContacts(double contacts, double handleMinutes) {}

  /**
   * The periods with orders (or contacts), in time order, counting all contacts or only first
   * contacts, each marked partial when {@code partial} says its orders are incomplete.
   */
  static List<PeriodModel.Period> periods(
      Map<String, PeriodCount> contacts,
      Map<String, Long> orders,
      boolean firstOnly,
      Predicate<String> partial) {
    TreeMap<String, PeriodModel.Period> periods = new TreeMap<>();
    orders.forEach((p, o) -> periods.put(p, new PeriodModel.Period(p, o, 0, partial.test(p))));
    if (contacts != null) {
      contacts.forEach(
          (p, v) ->
              periods.put(
                  p,
                  new PeriodModel.Period(
                      p,
                      orders.getOrDefault(p, 0L),
                      firstOnly ? v.firstContacts() : v.contacts(),
                      partial.test(p))));
    }
    return List.copyOf(periods.values());
  }

  /** What one topic's contacts add up to. */
  static final class TopicCounts {
    long tickets;
    long repeats;
    long emerging;
    long unattributed;
    // CSAT and NPS of the topic's rated contacts.
    Satisfaction.Scores scores = Satisfaction.Scores.NONE;
    final Map<String, ChannelContacts> channels = new HashMap<>();

    /** Agent cost of one contact: handle minutes x cost per minute, averaged over channels. */
    double costPerContact(RankSettings settings) {
      if (tickets == 0) {
        return 0.0;
      }
      double cost = 0;
      for (var e : channels.entrySet()) {
        ChannelContacts channel = e.getValue();
        double minutes =
            Double.isNaN(channel.handleMinutes())
                ? settings.handleMinutes(e.getKey())
                : channel.handleMinutes();
        cost += channel.contacts() / tickets * minutes * settings.costPerMinute(e.getKey());
      }
      return cost;
    }
  }
}
