package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import dev.headroom.common.Exemplar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Label terms: distinctive first, and never an alphabetical tie-break artifact; a parent's label
 * terms and exemplars are those of its own tickets.
 */
class TopicSummariesTest {

  private static Dataset<Row> tickets(List<Object[]> rows) {
    List<Row> list = new ArrayList<>();
    rows.forEach(r -> list.add(RowFactory.create(r)));
    return TestSpark.session()
        .createDataFrame(
            list,
            new StructType()
                .add(TopicModeler.TOPIC, DataTypes.IntegerType)
                .add(TopicModeler.TERMS, DataTypes.createArrayType(DataTypes.StringType, false)));
  }

  /** Placed tickets: topic, parent, terms, similarity, ticket_id, text. */
  private static Dataset<Row> assigned(List<Row> rows) {
    return TestSpark.session()
        .createDataFrame(
            rows,
            new StructType()
                .add(TopicModeler.TOPIC, DataTypes.IntegerType)
                .add("parent", DataTypes.IntegerType)
                .add(TopicModeler.TERMS, DataTypes.createArrayType(DataTypes.StringType, false))
                .add(TopicModeler.SIMILARITY, DataTypes.DoubleType)
                .add("ticket_id", DataTypes.StringType)
                .add("text", DataTypes.StringType));
  }

  @Test
  void distinctiveTermsComeFirst() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.add(new Object[] {0, List.of("배송", "늦다", "주문")});
      rows.add(new Object[] {1, List.of("환불", "주문")});
    }
    Map<Integer, List<String>> labels = TopicSummaries.labelTerms(tickets(rows), 2, 8);
    assertEquals(List.of("늦다", "배송"), labels.get(0));
    // A term every ticket has (주문) scores 0: it comes after every distinctive term.
    assertEquals(List.of("환불", "주문"), labels.get(1));
  }

  /**
   * When one topic holds every ticket every term scores 0; the label is then its most frequent
   * terms, not the first in the alphabet ("aa · apt · b" on real petitions).
   */
  @Test
  void oneTopicHoldingEverythingIsLabelledByItsMostFrequentTerms() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      List<String> terms = new ArrayList<>(List.of("주차", "단속"));
      if (i < 2) {
        terms.add("aa");
      }
      if (i < 3) {
        terms.add("소음");
      }
      rows.add(new Object[] {0, terms});
    }
    assertEquals(List.of("단속", "주차", "소음"), TopicSummaries.labelTerms(tickets(rows), 3, 6).get(0));
  }

  /**
   * Discover summarizes both levels in one query each; a parent's label terms and exemplars must be
   * what its tickets alone give, as if the parent were one topic.
   */
  @Test
  void aParentIsSummarizedAsItsOwnTicketsWouldBe() {
    // Topics 0 and 1 are one parent (10), topic 2 its own (12). "늦다" is in one ticket of each
    // of 0 and 1: too few in either topic for a label, enough in the parent. The parent's two
    // nearest tickets are both topic 1's.
    List<Row> list = new ArrayList<>();
    list.add(RowFactory.create(0, 10, List.of("배송", "지연", "늦다"), 0.50, "a1", "배송 지연 늦다"));
    list.add(RowFactory.create(0, 10, List.of("배송", "지연"), 0.40, "a2", "배송 지연"));
    list.add(RowFactory.create(0, 10, List.of("배송", "지연"), 0.30, "a3", "배송 지연"));
    list.add(RowFactory.create(1, 10, List.of("배송", "출발", "늦다"), 0.90, "b1", "배송 출발 늦다"));
    list.add(RowFactory.create(1, 10, List.of("배송", "출발"), 0.80, "b2", "배송 출발"));
    list.add(RowFactory.create(1, 10, List.of("배송", "출발"), 0.10, "b3", "배송 출발"));
    list.add(RowFactory.create(2, 12, List.of("환불", "취소"), 0.70, "c1", "환불 취소"));
    list.add(RowFactory.create(2, 12, List.of("환불", "취소"), 0.60, "c2", "환불 취소"));
    list.add(RowFactory.create(-1, null, List.of("질문"), 0.0, "u1", "질문"));
    Dataset<Row> assigned = assigned(list);
    Dataset<Row> asOneTopic =
        assigned.filter("topic >= 0").withColumn(TopicModeler.TOPIC, assigned.col("parent"));

    var labels = TopicSummaries.labelTerms(assigned, "parent", 4, 8);
    assertEquals(TopicSummaries.labelTerms(assigned, 4, 8), labels.topics());
    assertEquals(TopicSummaries.labelTerms(asOneTopic, 4, 8), labels.parents());
    assertTrue(labels.parents().get(10).contains("늦다"), labels.parents().toString());
    assertFalse(labels.topics().get(0).contains("늦다"), labels.topics().toString());

    var exemplars = TopicSummaries.exemplars(assigned, "parent", "ticket_id", "text", 2);
    assertEquals(
        List.of("b1", "b2"), exemplars.parents().get(10).stream().map(Exemplar::ticketId).toList());
    assertEquals(
        List.of("a1", "a2"), exemplars.topics().get(0).stream().map(Exemplar::ticketId).toList());
    assertEquals(
        List.of("c1", "c2"), exemplars.parents().get(12).stream().map(Exemplar::ticketId).toList());
    assertEquals(java.util.Set.of(10, 12), exemplars.parents().keySet());
  }

  /**
   * The nearest tickets are the ones a window ranking by similarity, then id, picks: across
   * partitions, with many equal similarities, and with ids whose order differs between Java's
   * strings and Spark's (a character above U+FFFF sorts after U+FFxx in UTF-8, before it in
   * UTF-16).
   */
  @Test
  void exemplarsAreTheNearestByTheWindowsOrder() {
    java.util.Random random = new java.util.Random(7);
    String[] idParts = {"a", "B", "é", "가", "\uFF21", "\uD83D\uDE00", "0", "z"};
    List<Row> list = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    // 8^5 possible ids, so drawing 3,000 different ones ends soon.
    while (list.size() < 3_000) {
      StringBuilder id = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        id.append(idParts[random.nextInt(idParts.length)]);
      }
      if (!ids.add(id.toString())) {
        continue;
      }
      int topic = random.nextInt(9) - 1;
      Integer parent = topic < 0 ? null : topic / 3;
      // Few distinct similarities, so most places are decided by the id.
      double similarity = random.nextInt(4) / 4.0;
      list.add(
          RowFactory.create(topic, parent, List.of("t"), similarity, id.toString(), "text " + id));
    }
    Dataset<Row> assigned = assigned(list).repartition(7);

    var exemplars = TopicSummaries.exemplars(assigned, "parent", "ticket_id", "text", 4);

    Dataset<Row> inTopic = byWindow(assigned.filter("topic >= 0"), TopicModeler.TOPIC, 4);
    assertEquals(nearestIds(inTopic, TopicModeler.TOPIC), idsOf(exemplars.topics()));
    assertEquals(nearestIds(byWindow(inTopic, "parent", 4), "parent"), idsOf(exemplars.parents()));
    assertEquals(8, exemplars.topics().size());
    assertTrue(exemplars.topics().values().stream().allMatch(e -> e.size() == 4));
    Exemplar first = exemplars.topics().get(0).get(0);
    assertEquals("text " + first.ticketId(), first.text());
  }

  /** The reference: Spark's own ranking of each group's rows by similarity, then id. */
  private static Dataset<Row> byWindow(Dataset<Row> rows, String group, int perGroup) {
    var nearest =
        org.apache.spark.sql.expressions.Window.partitionBy(group)
            .orderBy(rows.col(TopicModeler.SIMILARITY).desc(), rows.col("ticket_id").asc());
    return rows.withColumn("rank", org.apache.spark.sql.functions.row_number().over(nearest))
        .filter("rank <= " + perGroup);
  }

  private static Map<Integer, List<String>> nearestIds(Dataset<Row> ranked, String group) {
    Map<Integer, List<String>> ids = new java.util.TreeMap<>();
    for (Row r : ranked.orderBy(group, "rank").select(group, "ticket_id").collectAsList()) {
      ids.computeIfAbsent(r.getInt(0), g -> new ArrayList<>()).add(r.getString(1));
    }
    return ids;
  }

  private static Map<Integer, List<String>> idsOf(Map<Integer, List<Exemplar>> exemplars) {
    Map<Integer, List<String>> ids = new java.util.TreeMap<>();
    exemplars.forEach((g, e) -> ids.put(g, e.stream().map(Exemplar::ticketId).toList()));
    return ids;
  }
}
