package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * One pass finds the vocabulary {@code CountVectorizer} would keep, in a fixed order, and the IDF
 * weights {@code IDF} would fit on its vectors, to the last bit.
 */
class TermCountsTest {

  private static final double MIN_TICKETS = 50;
  private static final double MAX_TICKETS = 1_000;
  private static final int SIZE = 100;

  /** Each term's [times written, tickets with it], counted on the driver. */
  private static Map<String, long[]> countedOneByOne(Dataset<Row> texts) {
    Map<String, long[]> counts = new HashMap<>();
    for (Row row : texts.select(TopicModeler.TERMS).collectAsList()) {
      List<String> terms = row.getList(0);
      for (String term : terms) {
        counts.computeIfAbsent(term, t -> new long[2])[0]++;
      }
      for (String term : new HashSet<>(terms)) {
        counts.get(term)[1]++;
      }
    }
    return counts;
  }

  @Test
  void keepsTheMostWrittenTermsInTheirTicketBoundsInAFixedOrder() {
    Dataset<Row> texts = FeatureVectorsTest.texts();
    Map<String, long[]> counts = countedOneByOne(texts);
    List<String> inBounds = new ArrayList<>();
    counts.forEach(
        (term, c) -> {
          if (c[1] >= MIN_TICKETS && c[1] <= MAX_TICKETS) {
            inBounds.add(term);
          }
        });
    inBounds.sort(
        Comparator.<String>comparingLong(term -> -counts.get(term)[0])
            .thenComparing(Comparator.naturalOrder()));
    // Each bound and the size leave some term out, so each is tested.
    assertTrue(counts.values().stream().anyMatch(c -> c[1] < MIN_TICKETS));
    assertTrue(counts.values().stream().anyMatch(c -> c[1] > MAX_TICKETS));
    assertTrue(inBounds.size() > SIZE);
    List<String> expected = inBounds.subList(0, SIZE);

    TermCounts terms = TermCounts.of(texts, MIN_TICKETS, MAX_TICKETS, SIZE);
    assertEquals(expected, List.of(terms.vocabulary()));

    // Spark's own estimator keeps the same terms.
    CountVectorizerModel spark =
        new CountVectorizer()
            .setInputCol(TopicModeler.TERMS)
            .setMinDF(MIN_TICKETS)
            .setMaxDF(MAX_TICKETS)
            .setVocabSize(SIZE)
            .fit(texts);
    assertEquals(Set.copyOf(expected), Set.of(spark.vocabulary()));
  }

  @Test
  void weighsTermsAsIdfFittedOnTheirVectors() {
    Dataset<Row> texts = FeatureVectorsTest.texts();
    long tickets = texts.count();
    TermCounts terms = TermCounts.of(texts, 2, Long.MAX_VALUE, 200);
    for (boolean presence : new boolean[] {true, false}) {
      CountVectorizerModel vectors = terms.counts("tf", presence);
      assertEquals(presence, vectors.getBinary());
      IDFModel fitted = new IDF().setInputCol("tf").fit(vectors.transform(texts));
      IDFModel counted = terms.idf("tf", "tfidf", tickets);
      assertArrayEquals(fitted.idf().toArray(), counted.idf().toArray(), 0.0);
      assertArrayEquals(fitted.docFreq(), counted.docFreq());
      assertEquals(fitted.numDocs(), counted.numDocs());
    }
  }
}
