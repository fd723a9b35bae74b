package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import dev.headroom.common.TopicSettings;
import dev.headroom.text.TokenizerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the features weigh a term a text writes more than once: by presence on short tickets, by
 * {@code 1 + ln(count)} on long texts ({@link TopicModeler#LONG_TEXT_MEDIAN_TERMS}).
 */
class TermWeightingTest {

  @Test
  void sublinearWeightsAreOnePlusTheLogOfTheCount() {
    Vector weights =
        SublinearTermFrequency.weights(Vectors.sparse(5, new int[] {0, 3}, new double[] {1, 4}));

    assertArrayEquals(new double[] {1, 0, 0, 1 + Math.log(4), 0}, weights.toArray(), 1e-12);
  }

  /**
   * Thirty texts of {@code length} terms. Terms a and b are in the same half of them (so the same
   * IDF), the rest is filler of one of two kinds. The last text writes a five times and b once. The
   * terms come as they are (the text beside them only completes the schema).
   */
  private static Dataset<Row> texts(int length) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      List<String> terms = new ArrayList<>();
      if (i % 2 == 0) {
        terms.addAll(List.of("a", "b"));
      }
      for (int j = terms.size(); j < length; j++) {
        terms.add((i % 3 == 0 ? "filler" : "other") + (j % (length / 2)));
      }
      if (i == 29) {
        terms.addAll(Collections.nCopies(5, "a"));
        terms.add("b");
      }
      rows.add(RowFactory.create("T" + i, String.join(" ", terms), terms.toArray(String[]::new)));
    }
    StructType schema =
        new StructType()
            .add("ticket_id", DataTypes.StringType)
            .add("text", DataTypes.StringType)
            .add(TopicModeler.TERMS, DataTypes.createArrayType(DataTypes.StringType, false));
    return TestSpark.session().createDataFrame(rows, schema);
  }

  /** The last text's feature weights of a (written five times) and b (once). */
  private static double[] weightsOfAAndB(TopicModel model, Dataset<Row> texts) {
    Row last = model.transform(texts).filter("ticket_id = 'T29'").first();
    Vector features = last.getAs(TopicModeler.FEATURES);
    List<String> vocabulary = Arrays.asList(model.vocabulary());
    return new double[] {
      features.apply(vocabulary.indexOf("a")), features.apply(vocabulary.indexOf("b"))
    };
  }

  /**
   * A term in more than {@code topics.max-doc-share} of the tickets is left out of the vocabulary;
   * one in exactly that share stays. Of 200 tickets (enough for the cap to apply), "half" is in 100
   * and "most" in 101.
   */
  @Test
  void aTermInMoreThanTheMaxShareOfTicketsIsLeftOutAndOneInExactlyThatShareStays() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      List<String> terms = new ArrayList<>(List.of("kind" + i % 4, "sort" + i % 5));
      if (i < 100) {
        terms.add("half");
      }
      if (i <= 100) {
        terms.add("most");
      }
      rows.add(RowFactory.create("T" + i, String.join(" ", terms), terms.toArray(String[]::new)));
    }
    TopicSettings settings = TopicSettings.withK(2, TokenizerSettings.defaults());
    TopicModel model =
        TopicModeler.of(settings).fit(TestSpark.session().createDataFrame(rows, texts(6).schema()));

    assertEquals(0.5, settings.maxDocShare());
    List<String> vocabulary = Arrays.asList(model.vocabulary());
    assertTrue(vocabulary.contains("half"), vocabulary.toString());
    assertFalse(vocabulary.contains("most"), vocabulary.toString());
    assertTrue(vocabulary.contains("kind0") && vocabulary.contains("sort0"), vocabulary.toString());
  }

  @Test
  void aShortTicketsRepeatedWordWeighsNoMoreThanAWordWrittenOnce() {
    Dataset<Row> shortTickets = texts(6);
    TopicModel model =
        TopicModeler.of(TopicSettings.withK(2, TokenizerSettings.defaults())).fit(shortTickets);

    assertEquals("presence", model.termWeighting());
    double[] ab = weightsOfAAndB(model, shortTickets);
    assertTrue(ab[0] > 0, "a is in the vocabulary with a weight");
    assertEquals(ab[1], ab[0], 1e-12, "emphasis is not a subject");
  }

  @Test
  void aLongTextsRepeatedWordWeighsMoreAndTheModelKeepsThatWhenSaved(@TempDir Path dir)
      throws Exception {
    Dataset<Row> longTexts = texts(TopicModeler.LONG_TEXT_MEDIAN_TERMS + 10);
    TopicModel model =
        TopicModeler.of(TopicSettings.withK(2, TokenizerSettings.defaults())).fit(longTexts);

    assertEquals("sublinear", model.termWeighting());
    double[] ab = weightsOfAAndB(model, longTexts);
    // Same IDF, so the ratio is the counts' weights: 1 + ln 5 against 1.
    assertEquals(1 + Math.log(5), ab[0] / ab[1], 1e-9);

    String path = dir.resolve("model").toString();
    model.write().save(path);
    TopicModel loaded = TopicModel.load(path);
    assertEquals("sublinear", loaded.termWeighting());
    assertArrayEquals(ab, weightsOfAAndB(loaded, longTexts), 1e-12);
  }
}
