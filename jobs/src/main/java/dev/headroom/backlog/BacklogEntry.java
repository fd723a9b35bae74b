package dev.headroom.backlog;

import dev.headroom.common.Exemplar;
import dev.headroom.stats.Satisfaction;
import dev.headroom.stats.SpikeAttribution;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One row of the backlog: a topic, how big it is, how much of it could go away, and why.
 *
 * @param rank 1 for the topic to work on first
 * @param topicId the topic's stable id
 * @param level 1 for a parent topic (cause), 2 for a fine topic
 * @param label the topic's short label
 * @param labelTerms distinctive terms, best first
 * @param subtopics the fine topics of a parent in the window, largest first
 * @param tickets contacts in the window (volume)
 * @param share the topic's share of all contacts in the window
 * @param contactRate contacts per 1,000 orders, null when the window has no orders
 * @param repeatContacts contacts that repeat an earlier one of the same customer or order
 * @param segmentExcess the largest excess over a segment dimension's benchmark
 * @param periodExcess excess over the benchmark week
 * @param excessSource the dimension (or {@code week}) the counted excess comes from, or null
 * @param reducibleContacts repeats plus the larger excess: the topic's reducible headroom
 * @param headroomShare reducible contacts / contacts
 * @param costPerContact agent cost of one contact of this topic
 * @param monthlySaving reducible contacts x cost per contact, per month of the window
 * @param effort configured effort (person-days), or null
 * @param roi monthly saving per person-day of effort, or null
 * @param topSegments the segments contributing most excess
 * @param benchmarkRates per dimension, the benchmark contact rate (per 1,000 orders, typical mix)
 * @param trend rising, falling, flat or n/a
 * @param trendChange the last month's rate relative to the months before, or null
 * @param spikeWeeks Mondays of the weeks flagged as spikes
 * @param spikeDrivers the segments that carry each spike week's excess
 * @param csat mean CSAT of the topic's rated contacts, or null
 * @param csatResponses contacts with a CSAT
 * @param satisfaction what the topic costs in CSAT and NPS
 * @param dominantTag the most common agent tag, or null
 * @param dominantTagShare its share of the tagged contacts, or null
 * @param emergingContacts contacts flagged emerging by assign (they fit the topic poorly)
 * @param unattributedContacts contacts whose order is unknown (no segment)
 * @param exemplars example tickets (id, masked text)
 * @param teamTag the team's own tag for the topic ({@code 배송>지연}), or null
 * @param notActionable why the team marked the topic not actionable, or null when it is actionable
 */
public record BacklogEntry(
    int rank,
    int topicId,
    int level,
    String label,
    List<String> labelTerms,
    List<Subtopic> subtopics,
    long tickets,
    double share,
    Double contactRate,
    long repeatContacts,
    double segmentExcess,
    double periodExcess,
    String excessSource,
    double reducibleContacts,
    double headroomShare,
    double costPerContact,
    double monthlySaving,
    Double effort,
    Double roi,
    List<SegmentContribution> topSegments,
    Map<String, Double> benchmarkRates,
    String trend,
    Double trendChange,
    List<String> spikeWeeks,
    List<SpikeAttribution.Driver> spikeDrivers,
    Double csat,
    long csatResponses,
    Satisfaction satisfaction,
    String dominantTag,
    Double dominantTagShare,
    long emergingContacts,
    long unattributedContacts,
    List<Exemplar> exemplars,
    String teamTag,
    String notActionable)
    implements Serializable {

  /** The repeat contacts' share of the topic's contacts. */
  public double repeatShare() {
    return tickets == 0 ? 0.0 : (double) repeatContacts / tickets;
  }

  /** One line on why the topic ranks where it does: its top segment, repeats, spikes, trend. */
  public String why() {
    return why(
        topSegments.isEmpty() ? null : topSegments.get(0).describe(),
        repeatShare(),
        spikeWeeks,
        spikeDrivers,
        trend,
        notActionable);
  }

  /** Whether the team counts the topic as something it can act on (not marked otherwise). */
  public boolean actionable() {
    return notActionable == null;
  }

  /**
   * The line {@link #why()} writes, from its parts (the report reads them back from the table);
   * {@code notActionable} is the team's reason, or null.
   */
  public static String why(
      String topSegment,
      double repeatShare,
      List<String> spikeWeeks,
      List<SpikeAttribution.Driver> spikeDrivers,
      String trend,
      String notActionable) {
    StringBuilder why = new StringBuilder();
    if (notActionable != null) {
      why.append("not actionable")
          .append(notActionable.isEmpty() ? "" : " (" + notActionable + ")")
          .append("; ");
    }
    if (topSegment != null) {
      why.append(topSegment).append("; ");
    }
    why.append(String.format(java.util.Locale.ROOT, "repeats %.0f%%", 100 * repeatShare));
    if (!spikeWeeks.isEmpty()) {
      why.append("; spike ").append(spikes(spikeWeeks, spikeDrivers));
    }
    if (trend.equals(dev.headroom.stats.PeriodModel.TREND_RISING)
        || trend.equals(dev.headroom.stats.PeriodModel.TREND_FALLING)) {
      why.append("; ").append(trend);
    }
    return why.toString();
  }

  /**
   * The spike weeks, each with the segments that carry its excess: {@code 2026-03-09 (86% at
   * channel=app), 2026-06-01}.
   */
  public static String spikes(List<String> weeks, List<SpikeAttribution.Driver> drivers) {
    List<String> parts = new java.util.ArrayList<>();
    for (String week : weeks) {
      List<String> at =
          drivers.stream()
              .filter(d -> d.week().equals(week))
              .map(SpikeAttribution.Driver::describe)
              .toList();
      parts.add(at.isEmpty() ? week : week + " (" + String.join(", ", at) + ")");
    }
    return String.join(", ", parts);
  }

  /** The same entry at another rank. */
  BacklogEntry withRank(int newRank) {
    return toBuilder().rank(newRank).build();
  }

  /** A builder with every value unset (zero, null or empty). */
  static Builder builder() {
    return new Builder();
  }

  /** A builder holding this entry's values. */
  Builder toBuilder() {
    Builder builder = new Builder();
    builder.rank = rank;
    builder.topicId = topicId;
    builder.level = level;
    builder.label = label;
    builder.labelTerms = labelTerms;
    builder.subtopics = subtopics;
    builder.tickets = tickets;
    builder.share = share;
    builder.contactRate = contactRate;
    builder.repeatContacts = repeatContacts;
    builder.segmentExcess = segmentExcess;
    builder.periodExcess = periodExcess;
    builder.excessSource = excessSource;
    builder.reducibleContacts = reducibleContacts;
    builder.headroomShare = headroomShare;
    builder.costPerContact = costPerContact;
    builder.monthlySaving = monthlySaving;
    builder.effort = effort;
    builder.roi = roi;
    builder.topSegments = topSegments;
    builder.benchmarkRates = benchmarkRates;
    builder.trend = trend;
    builder.trendChange = trendChange;
    builder.spikeWeeks = spikeWeeks;
    builder.spikeDrivers = spikeDrivers;
    builder.csat = csat;
    builder.csatResponses = csatResponses;
    builder.satisfaction = satisfaction;
    builder.dominantTag = dominantTag;
    builder.dominantTagShare = dominantTagShare;
    builder.emergingContacts = emergingContacts;
    builder.unattributedContacts = unattributedContacts;
    builder.exemplars = exemplars;
    builder.teamTag = teamTag;
    builder.notActionable = notActionable;
    return builder;
  }

  /** Builds an entry by name, so no two of its 31 values can trade places. */
  static final class Builder {
    private int rank;
    private int topicId;
    private int level;
    private String label;
    private List<String> labelTerms = List.of();
    private List<Subtopic> subtopics = List.of();
    private long tickets;
    private double share;
    private Double contactRate;
    private long repeatContacts;
    private double segmentExcess;
    private double periodExcess;
    private String excessSource;
    private double reducibleContacts;
    private double headroomShare;
    private double costPerContact;
    private double monthlySaving;
    private Double effort;
    private Double roi;
    private List<SegmentContribution> topSegments = List.of();
    private Map<String, Double> benchmarkRates = Map.of();
    private String trend;
    private Double trendChange;
    private List<String> spikeWeeks = List.of();
    private List<SpikeAttribution.Driver> spikeDrivers = List.of();
    private Double csat;
    private long csatResponses;
    private Satisfaction satisfaction = Satisfaction.NONE;
    private String dominantTag;
    private Double dominantTagShare;
    private long emergingContacts;
    private long unattributedContacts;
    private List<Exemplar> exemplars = List.of();
    private String teamTag;
    private String notActionable;

    private Builder() {}

    Builder rank(int value) {
      rank = value;
      return this;
    }

    Builder topicId(int value) {
      topicId = value;
      return this;
    }

    Builder level(int value) {
      level = value;
      return this;
    }

    Builder label(String value) {
      label = value;
      return this;
    }

    Builder labelTerms(List<String> value) {
      labelTerms = value;
      return this;
    }

    Builder subtopics(List<Subtopic> value) {
      subtopics = value;
      return this;
    }

    Builder tickets(long value) {
      tickets = value;
      return this;
    }

    Builder share(double value) {
      share = value;
      return this;
    }

    Builder contactRate(Double value) {
      contactRate = value;
      return this;
    }

    Builder repeatContacts(long value) {
      repeatContacts = value;
      return this;
    }

    Builder segmentExcess(double value) {
      segmentExcess = value;
      return this;
    }

    Builder periodExcess(double value) {
      periodExcess = value;
      return this;
    }

    Builder excessSource(String value) {
      excessSource = value;
      return this;
    }

    Builder reducibleContacts(double value) {
      reducibleContacts = value;
      return this;
    }

    Builder headroomShare(double value) {
      headroomShare = value;
      return this;
    }

    Builder costPerContact(double value) {
      costPerContact = value;
      return this;
    }

    Builder monthlySaving(double value) {
      monthlySaving = value;
      return this;
    }

    Builder effort(Double value) {
      effort = value;
      return this;
    }

    Builder roi(Double value) {
      roi = value;
      return this;
    }

    Builder topSegments(List<SegmentContribution> value) {
      topSegments = value;
      return this;
    }

    Builder benchmarkRates(Map<String, Double> value) {
      benchmarkRates = value;
      return this;
    }

    Builder trend(String value) {
      trend = value;
      return this;
    }

    Builder trendChange(Double value) {
      trendChange = value;
      return this;
    }

    Builder spikeWeeks(List<String> value) {
      spikeWeeks = value;
      return this;
    }

    Builder spikeDrivers(List<SpikeAttribution.Driver> value) {
      spikeDrivers = value;
      return this;
    }

    Builder csat(Double value) {
      csat = value;
      return this;
    }

    Builder csatResponses(long value) {
      csatResponses = value;
      return this;
    }

    Builder satisfaction(Satisfaction value) {
      satisfaction = value;
      return this;
    }

    Builder dominantTag(String value) {
      dominantTag = value;
      return this;
    }

    Builder dominantTagShare(Double value) {
      dominantTagShare = value;
      return this;
    }

    Builder emergingContacts(long value) {
      emergingContacts = value;
      return this;
    }

    Builder unattributedContacts(long value) {
      unattributedContacts = value;
      return this;
    }

    Builder exemplars(List<Exemplar> value) {
      exemplars = value;
      return this;
    }

    Builder teamTag(String value) {
      teamTag = value;
      return this;
    }

    Builder notActionable(String value) {
      notActionable = value;
      return this;
    }

    BacklogEntry build() {
      return new BacklogEntry(
          rank,
          topicId,
          level,
          label,
          labelTerms,
          subtopics,
          tickets,
          share,
          contactRate,
          repeatContacts,
          segmentExcess,
          periodExcess,
          excessSource,
          reducibleContacts,
          headroomShare,
          costPerContact,
          monthlySaving,
          effort,
          roi,
          topSegments,
          benchmarkRates,
          trend,
          trendChange,
          spikeWeeks,
          spikeDrivers,
          csat,
          csatResponses,
          satisfaction,
          dominantTag,
          dominantTagShare,
          emergingContacts,
          unattributedContacts,
          exemplars,
          teamTag,
          notActionable);
    }
  }

  /**
   * A fine topic under a parent.
   *
   * @param topicId its id
   * @param label its label
   * @param tickets its contacts in the window
   */
  public record Subtopic(int topicId, String label, long tickets) implements Serializable {}

  /**
   * A segment's part in a topic's excess.
   *
   * @param dimension the dimension ({@code seller_id})
   * @param segment the value ({@code S07})
   * @param tickets the topic's first contacts in the segment
   * @param orders the segment's orders
   * @param contactRate first contacts per 1,000 orders
   * @param benchmarkRate the rate it would have at the benchmark, for its mix (per 1,000 orders)
   * @param excess contacts above the benchmark
   */
  public record SegmentContribution(
      String dimension,
      String segment,
      long tickets,
      long orders,
      double contactRate,
      double benchmarkRate,
      double excess)
      implements Serializable {

    /** For one line of text: {@code seller_id=S07 143.5 vs 33.6}. */
    public String describe() {
      return describe(dimension, segment, contactRate, benchmarkRate);
    }

    /** The same from its parts. */
    public static String describe(
        String dimension, String segment, double contactRate, double benchmarkRate) {
      return String.format(
          java.util.Locale.ROOT,
          "%s=%s %.1f vs %.1f",
          dimension,
          segment,
          contactRate,
          benchmarkRate);
    }
  }
}
