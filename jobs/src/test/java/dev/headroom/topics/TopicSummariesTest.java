package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Label terms: distinctive first, and never an alphabetical tie-break artifact. */
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
}
