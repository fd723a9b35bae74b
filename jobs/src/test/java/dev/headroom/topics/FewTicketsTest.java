package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.common.InputException;
import dev.headroom.common.TopicSettings;
import dev.headroom.text.TokenizerSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * Topics from inputs at the edge of what k-means can work with: one ticket, every text the same,
 * more topics asked for than different tickets, no ticket with terms enough. Each once crashed
 * discover inside MLlib (an empty vocabulary, all-zero TF-IDF vectors, k above the tickets).
 */
class FewTicketsTest {

  private static Dataset<Row> tickets(List<String> texts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create("T" + i, texts.get(i), "ko", "배송>지연"));
    }
    return TopicTesting.taggedTickets(rows);
  }

  private static TopicSettings settings(int k) {
    return TopicSettings.withK(k, TokenizerSettings.defaults());
  }

  @Test
  void oneTicketIsOneTopic() {
    TopicTrial.Result result =
        TopicTrial.fit(tickets(List.of("배송이 아직 안 와요 택배 언제 오나요")), settings(0));

    assertEquals(1, result.k());
    assertEquals(List.of(1L), result.topics().stream().map(TopicTrial.Topic::size).toList());
    assertNull(result.silhouette(), "one topic has no silhouette");
  }

  @Test
  void thirtyIdenticalTextsAreOneTopicThoughTwelveWereAskedFor() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      texts.add("배송이 아직 안 와요 택배 언제 오나요");
    }
    TopicTrial.Result result = TopicTrial.fit(tickets(texts), settings(12));

    assertEquals(1, result.k());
    assertEquals(List.of(30L), result.topics().stream().map(TopicTrial.Topic::size).toList());
  }

  @Test
  void moreTopicsAskedForThanDifferentTicketsPlacesEveryTicket() {
    List<String> texts =
        List.of("배송이 아직 안 와요", "사이즈가 커서 교환하고 싶어요", "결제 오류가 떠요 카드", "쿠폰 적용이 안 돼요", "환불이 아직 안 들어왔어요");
    TopicTrial.Result fixed = TopicTrial.fit(tickets(texts), settings(20));
    TopicTrial.Result chosen = TopicTrial.fit(tickets(texts), settings(0));

    assertTrue(fixed.k() >= 2 && fixed.k() <= texts.size(), "k " + fixed.k());
    assertEquals(0, fixed.unclassified());
    assertEquals(texts.size(), fixed.topics().stream().mapToLong(TopicTrial.Topic::size).sum());
    // Choosing k tries only what the five tickets allow: two up to four topics.
    assertTrue(
        !chosen.silhouetteByK().isEmpty()
            && chosen.silhouetteByK().keySet().stream().allMatch(k -> k >= 2 && k <= 4),
        chosen.silhouetteByK().toString());
    assertEquals(texts.size(), chosen.topics().stream().mapToLong(TopicTrial.Topic::size).sum());
  }

  @Test
  void ticketsTooThinToPlaceAreUnclassifiedInTheSamePassOverTheInput() {
    Dataset<Row> input =
        tickets(
            List.of(
                "배송이 아직 안 와요 택배 언제 오나요",
                "택배 배송이 아직 안 와요",
                "사이즈가 커서 교환하고 싶어요",
                "사이즈 교환 하고 싶어요 커요",
                "네",
                ""));
    TopicModel fitted = TopicModeler.of(settings(2)).fit(input);
    Dataset<Row> assigned = fitted.transform(input);

    Map<String, Row> byTicket = new HashMap<>();
    assigned.collectAsList().forEach(r -> byTicket.put(r.getAs("ticket_id"), r));
    assertEquals(6, byTicket.size(), "every ticket once: " + byTicket.keySet());
    for (String placed : List.of("T0", "T1", "T2", "T3")) {
      Row row = byTicket.get(placed);
      int topic = row.<Integer>getAs(TopicModeler.TOPIC);
      assertTrue(topic >= 0, placed + " placed: " + row);
      assertTrue(row.<Double>getAs(TopicModeler.SIMILARITY) > 0, placed + ": " + row);
      // The similarity is the cosine of the ticket's vector and its topic's centre (whose length
      // the model works out once, not per ticket).
      Vector features = row.getAs(TopicModeler.FEATURES);
      Vector centre = fitted.centres()[topic];
      double dot = 0;
      for (int i = 0; i < centre.size(); i++) {
        dot += features.apply(i) * centre.apply(i);
      }
      assertEquals(
          dot / (Vectors.norm(features, 2.0) * Vectors.norm(centre, 2.0)),
          row.<Double>getAs(TopicModeler.SIMILARITY),
          1e-12,
          placed);
    }
    assertEquals(
        byTicket.get("T0").<Integer>getAs(TopicModeler.TOPIC),
        byTicket.get("T1").<Integer>getAs(TopicModeler.TOPIC),
        "the two late deliveries together");
    for (String thin : List.of("T4", "T5")) {
      Row row = byTicket.get(thin);
      assertEquals(TopicModeler.UNCLASSIFIED, row.<Integer>getAs(TopicModeler.TOPIC), thin);
      assertEquals(0.0, row.<Double>getAs(TopicModeler.SIMILARITY), thin);
    }
    // One read of the input: a plan with two (placed and unplaced) tokenized it twice.
    assertEquals(
        1,
        assigned.queryExecution().optimizedPlan().collectLeaves().size(),
        assigned.queryExecution().optimizedPlan().toString());
  }

  @Test
  void noTicketWithTermsEnoughIsAClearErrorNamingTheSetting() {
    InputException error =
        assertThrows(
            InputException.class,
            () -> TopicTrial.fit(tickets(List.of("😡😡😡 🙏", "!!!", "ㅠㅠ")), settings(0)));
    assertTrue(error.getMessage().contains("topics.min-terms"), error.getMessage());
  }
}
