package dev.headroom.backlog;

import dev.headroom.common.MonthWindow;
import dev.headroom.headroom.RankSettings;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/** The rows of the {@code backlog} table. */
final class BacklogRows {

  private BacklogRows() {}

  private static final StructType SUBTOPIC =
      new StructType()
          .add("topic_id", DataTypes.IntegerType, false)
          .add("label", DataTypes.StringType, true)
          .add("tickets", DataTypes.LongType, false);

  private static final StructType SEGMENT =
      new StructType()
          .add("dimension", DataTypes.StringType, false)
          .add("segment", DataTypes.StringType, false)
          .add("tickets", DataTypes.LongType, false)
          .add("orders", DataTypes.LongType, false)
          .add("contact_rate", DataTypes.DoubleType, false)
          .add("benchmark_rate", DataTypes.DoubleType, false)
          .add("excess", DataTypes.DoubleType, false);

  private static final StructType EXEMPLAR =
      new StructType().add("ticket_id", DataTypes.StringType).add("text", DataTypes.StringType);

  /** Schema of {@code backlog}; rates are per 1,000 orders, money in {@code currency}. */
  static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("topic_id", DataTypes.IntegerType, false)
          .add("level", DataTypes.IntegerType, false)
          .add("label", DataTypes.StringType, true)
          .add("label_terms", DataTypes.createArrayType(DataTypes.StringType), false)
          .add("subtopics", DataTypes.createArrayType(SUBTOPIC), false)
          .add("tickets", DataTypes.LongType, false)
          .add("share", DataTypes.DoubleType, false)
          .add("orders", DataTypes.LongType, false)
          .add("contact_rate", DataTypes.DoubleType, true)
          .add("repeat_contacts", DataTypes.LongType, false)
          .add("repeat_share", DataTypes.DoubleType, false)
          .add("segment_excess", DataTypes.DoubleType, false)
          .add("period_excess", DataTypes.DoubleType, false)
          .add("excess_source", DataTypes.StringType, true)
          .add("reducible_contacts", DataTypes.DoubleType, false)
          .add("headroom_share", DataTypes.DoubleType, false)
          .add("cost_per_contact", DataTypes.DoubleType, false)
          .add("monthly_saving", DataTypes.DoubleType, false)
          .add("currency", DataTypes.StringType, false)
          .add("effort", DataTypes.DoubleType, true)
          .add("roi", DataTypes.DoubleType, true)
          .add("top_segments", DataTypes.createArrayType(SEGMENT), false)
          .add("benchmark_rates", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), false)
          .add("trend", DataTypes.StringType, false)
          .add("trend_change", DataTypes.DoubleType, true)
          .add("spike_weeks", DataTypes.createArrayType(DataTypes.StringType), false)
          .add("csat", DataTypes.DoubleType, true)
          .add("csat_responses", DataTypes.LongType, false)
          .add("dominant_tag", DataTypes.StringType, true)
          .add("dominant_tag_share", DataTypes.DoubleType, true)
          .add("emerging_contacts", DataTypes.LongType, false)
          .add("unattributed_contacts", DataTypes.LongType, false)
          .add("exemplars", DataTypes.createArrayType(EXEMPLAR), false)
          .add("window_from", DataTypes.StringType, false)
          .add("window_to", DataTypes.StringType, false)
          .add("months", DataTypes.IntegerType, false)
          .add("created_at", DataTypes.TimestampType, false);

  static List<Row> rows(
      List<BacklogEntry> backlog,
      String runId,
      MonthWindow window,
      RankSettings settings,
      long orders,
      Timestamp createdAt) {
    List<Row> rows = new ArrayList<>();
    for (BacklogEntry e : backlog) {
      rows.add(
          RowFactory.create(
              runId,
              e.rank(),
              e.topicId(),
              e.level(),
              e.label(),
              seq(e.labelTerms()),
              seq(e.subtopics().stream().map(s -> RowFactory.create(s.topicId(), s.label(), s.tickets())).toList()),
              e.tickets(),
              e.share(),
              orders,
              e.contactRate(),
              e.repeatContacts(),
              e.repeatShare(),
              e.segmentExcess(),
              e.periodExcess(),
              e.excessSource(),
              e.reducibleContacts(),
              e.headroomShare(),
              e.costPerContact(),
              e.monthlySaving(),
              settings.currency(),
              e.effort(),
              e.roi(),
              seq(
                  e.topSegments().stream()
                      .map(
                          s ->
                              RowFactory.create(
                                  s.dimension(), s.segment(), s.tickets(), s.orders(), s.contactRate(),
                                  s.benchmarkRate(), s.excess()))
                      .toList()),
              JavaConverters.mapAsScalaMap(Map.copyOf(e.benchmarkRates())),
              e.trend(),
              e.trendChange(),
              seq(e.spikeWeeks()),
              e.csat(),
              e.csatResponses(),
              e.dominantTag(),
              e.dominantTagShare(),
              e.emergingContacts(),
              e.unattributedContacts(),
              seq(e.exemplars().stream().map(x -> RowFactory.create(x[0], x[1])).toList()),
              window.from().toString(),
              window.to().toString(),
              window.months().size(),
              createdAt));
    }
    return rows;
  }

  private static <T> scala.collection.Seq<T> seq(List<T> items) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(items)).toSeq();
  }
}
