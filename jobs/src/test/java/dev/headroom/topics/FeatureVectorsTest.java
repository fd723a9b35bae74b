package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The featurizer's stages in one step give the vectors the stages give one after another, to the
 * last bit: counts or presence, sublinear weights or not, IDF or not, with terms outside the
 * vocabulary, repeated terms, and texts of no known term.
 */
class FeatureVectorsTest {

  /** 2,000 texts of 0 to 40 terms drawn unevenly from 300 words, so some words are rare. */
  static Dataset<Row> texts() {
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int length = random.nextInt(41);
      String[] terms = new String[length];
      for (int j = 0; j < length; j++) {
        double u = random.nextDouble();
        terms[j] = "w" + (int) (300 * u * u * u);
      }
      rows.add(RowFactory.create("T" + i, terms));
    }
    return TestSpark.session()
        .createDataFrame(
            rows,
            new StructType()
                .add("ticket_id", DataTypes.StringType)
                .add(TopicModeler.TERMS, DataTypes.createArrayType(DataTypes.StringType, false)))
        .repartition(3);
  }

  /** The featurizer's chain as {@code TopicModeler} builds it, fitted on {@code texts}. */
  private static List<Transformer> chain(
      Dataset<Row> texts, boolean counts, boolean sublinear, boolean idf, double minTf) {
    CountVectorizerModel vocabulary =
        new CountVectorizer()
            .setInputCol(TopicModeler.TERMS)
            .setOutputCol("tf")
            .setVocabSize(200)
            .setMinDF(2)
            .setBinary(!counts)
            .fit(texts)
            .setMinTF(minTf);
    List<Transformer> stages = new ArrayList<>(List.of(vocabulary));
    Dataset<Row> weighted = vocabulary.transform(texts);
    String column = "tf";
    if (sublinear) {
      SublinearTermFrequency weights =
          new SublinearTermFrequency().setInputCol(column).setOutputCol("tf_sublinear");
      stages.add(weights);
      weighted = weights.transform(weighted);
      column = "tf_sublinear";
    }
    if (idf) {
      stages.add(new IDF().setInputCol(column).setOutputCol("tfidf").fit(weighted));
      column = "tfidf";
    }
    stages.add(new Normalizer().setInputCol(column).setOutputCol(TopicModeler.FEATURES).setP(2.0));
    return stages;
  }

  private static void assertSameVectors(List<Transformer> stages, Dataset<Row> texts) {
    assertTrue(FeatureVectors.of(stages).isPresent(), "the chain runs in one step");
    Dataset<Row> oneByOne = texts;
    for (Transformer stage : stages) {
      oneByOne = stage.transform(oneByOne);
    }
    List<Row> expected =
        oneByOne.orderBy("ticket_id").select(TopicModeler.FEATURES).collectAsList();
    Dataset<Row> oneStep = FeatureVectors.featurize(stages, texts);
    List<Row> actual = oneStep.orderBy("ticket_id").select(TopicModeler.FEATURES).collectAsList();
    assertEquals(expected.size(), actual.size());
    int empty = 0;
    for (int i = 0; i < expected.size(); i++) {
      SparseVector want = (SparseVector) expected.get(i).get(0);
      SparseVector got = (SparseVector) actual.get(i).get(0);
      assertEquals(want.size(), got.size());
      assertArrayEquals(want.indices(), got.indices(), "ticket " + i);
      // Exact: the same operations in the same order, so the same bits.
      assertArrayEquals(want.values(), got.values(), 0.0, "ticket " + i);
      empty += want.indices().length == 0 ? 1 : 0;
    }
    assertTrue(empty > 0, "some texts have no known term");
    assertEquals(
        AttributeGroup.fromStructField(oneByOne.schema().apply(TopicModeler.FEATURES)).size(),
        AttributeGroup.fromStructField(oneStep.schema().apply(TopicModeler.FEATURES)).size());
    assertEquals(
        List.of("ticket_id", TopicModeler.TERMS, TopicModeler.FEATURES),
        List.of(oneStep.columns()));
  }

  @Test
  void presenceWithIdfAsOnShortTickets() {
    Dataset<Row> texts = texts();
    assertSameVectors(chain(texts, false, false, true, 1.0), texts);
  }

  @Test
  void sublinearCountsWithIdfAsOnLongTexts() {
    Dataset<Row> texts = texts();
    assertSameVectors(chain(texts, true, true, true, 1.0), texts);
  }

  /** Presence alone (every kept term in every ticket), and a term frequency given as a share. */
  @Test
  void withoutIdfAndWithAShareOfTerms() {
    Dataset<Row> texts = texts();
    assertSameVectors(chain(texts, false, false, false, 1.0), texts);
    assertSameVectors(chain(texts, true, false, true, 0.05), texts);
    assertSameVectors(chain(texts, true, false, true, 2.0), texts);
  }

  /** A chain of other stages runs stage by stage. */
  @Test
  void anotherChainIsLeftToItsStages() {
    Dataset<Row> texts = texts();
    List<Transformer> stages = chain(texts, false, false, true, 1.0);
    stages.set(
        stages.size() - 1,
        new Normalizer().setInputCol("tfidf").setOutputCol(TopicModeler.FEATURES).setP(1.0));
    assertTrue(FeatureVectors.of(stages).isEmpty());
    Dataset<Row> byStages = FeatureVectors.featurize(stages, texts);
    SparseVector first =
        (SparseVector)
            byStages
                .filter(org.apache.spark.sql.functions.size(byStages.col(TopicModeler.TERMS)).gt(5))
                .first()
                .getAs(TopicModeler.FEATURES);
    double sum = 0;
    for (double v : first.values()) {
      sum += Math.abs(v);
    }
    assertEquals(1.0, sum, 1e-9, "the L1 norm its own stage gives");
    assertEquals(
        List.of("ticket_id", TopicModeler.TERMS, TopicModeler.FEATURES),
        List.of(byStages.columns()));
  }
}
