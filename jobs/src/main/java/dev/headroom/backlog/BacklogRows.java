package dev.headroom.backlog;

import dev.headroom.common.MonthWindow;
import dev.headroom.common.RankSettings;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/** The rows of the {@code backlog} table. */
final class BacklogRows {

  private BacklogRows() {}

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
              seq(
                  e.subtopics().stream()
                      .map(s -> RowFactory.create(s.topicId(), s.label(), s.tickets()))
                      .toList()),
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
                                  s.dimension(),
                                  s.segment(),
                                  s.tickets(),
                                  s.orders(),
                                  s.contactRate(),
                                  s.benchmarkRate(),
                                  s.excess()))
                      .toList()),
              JavaConverters.mapAsScalaMap(Map.copyOf(e.benchmarkRates())),
              e.trend(),
              e.trendChange(),
              seq(e.spikeWeeks()),
              seq(
                  e.spikeDrivers().stream()
                      .map(
                          d ->
                              RowFactory.create(
                                  d.week(),
                                  d.dimension(),
                                  d.segment(),
                                  d.excessShare(),
                                  d.exposureShare(),
                                  d.contacts(),
                                  d.expected()))
                      .toList()),
              e.csat(),
              e.csatResponses(),
              e.satisfaction().csatImpact(),
              e.satisfaction().nps(),
              e.satisfaction().npsResponses(),
              e.satisfaction().npsImpact(),
              e.dominantTag(),
              e.dominantTagShare(),
              e.emergingContacts(),
              e.unattributedContacts(),
              seq(
                  e.exemplars().stream()
                      .map(x -> RowFactory.create(x.ticketId(), x.text()))
                      .toList()),
              window.from().toString(),
              window.to().toString(),
              window.months().size(),
              createdAt,
              e.teamTag(),
              e.notActionable()));
    }
    return rows;
  }

  private static <T> scala.collection.Seq<T> seq(List<T> items) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(items)).toSeq();
  }
}
