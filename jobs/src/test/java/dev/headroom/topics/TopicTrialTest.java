package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.common.TopicSettings;
import dev.headroom.text.TokenizerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class TopicTrialTest {

  private static final String[] LATE = {"배송이 지연돼서 안 와요", "배송 지연 택배", "주문 배송 지연", "배송 지연 언제 와요"};
  private static final String[] SIZE = {"사이즈가 커서 교환", "사이즈가 작아서 교환", "사이즈 교환 가능한가요", "사이즈 교환 신청"};

  /**
   * Two causes, each phrased four ways around its own two core terms (배송 지연, 사이즈 교환) with a tail
   * either may have, tagged as agents tagged them.
   */
  private static Dataset<Row> tickets() {
    String[] tails = {"", " 확인 부탁", "", " 답변 주세요"};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      String tail = tails[(i / 4) % tails.length];
      rows.add(RowFactory.create("late-" + i, LATE[i % LATE.length] + tail, "ko", "배송>지연"));
      rows.add(RowFactory.create("size-" + i, SIZE[i % SIZE.length] + tail, "ko", "교환>사이즈"));
    }
    return TopicTesting.taggedTickets(rows);
  }

  private static TopicSettings settings(int k, Set<String> stopwords) {
    TokenizerSettings defaults = TokenizerSettings.defaults();
    TokenizerSettings tokenizer =
        new TokenizerSettings(
            defaults.decompoundMode(), defaults.keepTags(), List.of(), stopwords, true);
    TopicSettings base = TopicSettings.withK(k, tokenizer);
    return new TopicSettings(
        k,
        2,
        4,
        base.selectionSample(),
        base.minTerms(),
        base.vocabularySize(),
        base.minDocFrequency(),
        base.maxDocShare(),
        base.maxIterations(),
        base.seed(),
        5,
        base.exemplars(),
        tokenizer);
  }

  @Test
  void twoPlantedCausesBecomeTwoTopicsThatMatchTheAgentTags() {
    TopicTrial.Result result = TopicTrial.fit(tickets(), settings(2, Set.of()));

    assertEquals(2, result.k());
    assertEquals(96, result.tickets());
    assertTrue(result.silhouetteByK().isEmpty(), "k was fixed, so nothing was selected");
    assertEquals(2, result.topics().size());
    for (TopicTrial.Topic topic : result.topics()) {
      assertEquals(1.0, topic.dominantTagShare(), 1e-9, topic.toString());
    }
    assertEquals(1.0, result.tagNmi(), 1e-6);
    // Positive: tickets are nearer their own cause than the other (the shared tails keep it ~0.3).
    assertTrue(result.silhouette() > 0, "silhouette " + result.silhouette());
    List<String> tags =
        result.topics().stream().map(TopicTrial.Topic::dominantTag).sorted().toList();
    assertEquals(List.of("교환>사이즈", "배송>지연"), tags);
    TopicTrial.Topic late =
        result.topics().stream()
            .filter(t -> t.dominantTag().equals("배송>지연"))
            .findFirst()
            .orElseThrow();
    assertTrue(late.labelTerms().contains("배송"), late.labelTerms().toString());
  }

  @Test
  void choosingKScoresEveryCandidateAndAStopwordLeavesTheLabels() {
    TopicSettings choosing = settings(0, Set.of());
    TopicTrial.Result result =
        TopicTrial.fit(tickets(), choosing.withTokenizer(choosing.tokenizer().plusStopwords("배송")));

    assertEquals(Set.of(2, 3, 4), result.silhouetteByK().keySet());
    assertEquals(Set.of(2, 3), result.parentStabilityByK().keySet(), "the last has no next k");
    // The first k whose parents the next k keeps, else the best silhouette.
    int bestSilhouette =
        result.silhouetteByK().entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .orElseThrow()
            .getKey();
    Integer settled =
        result.parentStabilityByK().entrySet().stream()
            .filter(candidate -> candidate.getValue() >= KSelection.SAME_PARENTS)
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(null);
    assertEquals(
        settled == null ? bestSilhouette : settled,
        result.k(),
        "stability " + result.parentStabilityByK());
    assertEquals(
        settled == null ? KChoice.Rule.BEST_SILHOUETTE : KChoice.Rule.PARENTS_KEPT,
        result.kChosenBy());
    // The trial's silhouette is the one selection computed for that k (same tickets and seed).
    assertEquals(result.silhouetteByK().get(result.k()), result.silhouette(), 1e-9);
    for (TopicTrial.Topic topic : result.topics()) {
      assertFalse(topic.labelTerms().contains("배송"), topic.toString());
    }
  }
}
