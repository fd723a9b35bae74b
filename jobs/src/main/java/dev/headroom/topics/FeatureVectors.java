package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import scala.collection.Seq;

/**
 * The fitted featurizing stages (term counts, sublinear weights, IDF, L2 norm) applied as one
 * function of a ticket's terms. The vectors are those the stages give one after another, to the
 * last bit; the stages stay in the saved pipeline as they are. Run one after another, Spark turns
 * every ticket's vector into a row and back between each two stages, and Spark's counting stage
 * looks its settings up again for every ticket: at 1M tickets that was about a tenth of discover's
 * CPU outside tokenizing (BENCHMARKS.md, issue 20, "features in one step").
 */
final class FeatureVectors implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<String, Integer> index;
  private final int size;
  private final double minTermFrequency;
  private final boolean presence;
  private final boolean sublinear;
  private final double[] idf;

  private FeatureVectors(
      String[] vocabulary,
      double minTermFrequency,
      boolean presence,
      boolean sublinear,
      double[] idf) {
    index = new HashMap<>(vocabulary.length * 2);
    for (int i = 0; i < vocabulary.length; i++) {
      index.put(vocabulary[i], i);
    }
    size = vocabulary.length;
    this.minTermFrequency = minTermFrequency;
    this.presence = presence;
    this.sublinear = sublinear;
    this.idf = idf;
  }

  /**
   * The one-step function of {@code stages}, when they are the featurizer's chain from {@link
   * TopicModeler#TERMS} to {@link TopicModeler#FEATURES}: term counts, sublinear weights or not,
   * IDF or not, then the L2 norm. Empty for any other chain, which then runs stage by stage.
   */
  static Optional<FeatureVectors> of(List<Transformer> stages) {
    if (stages.size() < 2
        || !(stages.get(0) instanceof CountVectorizerModel counts)
        || !(stages.get(stages.size() - 1) instanceof Normalizer norm)
        || !counts.getInputCol().equals(TopicModeler.TERMS)
        || !norm.getOutputCol().equals(TopicModeler.FEATURES)
        || norm.getP() != 2.0) {
      return Optional.empty();
    }
    String column = counts.getOutputCol();
    boolean sublinear = false;
    double[] idf = null;
    for (Transformer stage : stages.subList(1, stages.size() - 1)) {
      if (stage instanceof SublinearTermFrequency weights
          && !sublinear
          && idf == null
          && weights.getOrDefault(weights.inputCol()).equals(column)) {
        sublinear = true;
        column = weights.getOrDefault(weights.outputCol());
      } else if (stage instanceof IDFModel weights
          && idf == null
          && weights.getInputCol().equals(column)) {
        idf = weights.idf().toArray();
        column = weights.getOutputCol();
      } else {
        return Optional.empty();
      }
    }
    if (!norm.getInputCol().equals(column)) {
      return Optional.empty();
    }
    return Optional.of(
        new FeatureVectors(
            counts.vocabulary(), counts.getMinTF(), counts.getBinary(), sublinear, idf));
  }

  /**
   * {@code rows} with {@link TopicModeler#FEATURES} from {@link TopicModeler#TERMS}: in one step
   * where the stages allow it, else through each stage.
   */
  static Dataset<Row> featurize(List<Transformer> stages, Dataset<Row> rows) {
    Optional<FeatureVectors> oneStep = of(stages);
    if (oneStep.isPresent()) {
      FeatureVectors function = oneStep.get();
      // The size the stages note on their column, which k-means reads.
      return rows.withColumn(
          TopicModeler.FEATURES,
          function.column(rows, col(TopicModeler.TERMS)),
          new AttributeGroup(TopicModeler.FEATURES, function.size).toMetadata());
    }
    Dataset<Row> featurized = rows;
    for (Transformer stage : stages) {
      featurized = stage.transform(featurized);
    }
    return featurized.drop(TopicModeler.WORKING_VECTORS.toArray(String[]::new));
  }

  /** The features of {@code terms}, with this function broadcast to the executors once. */
  private Column column(Dataset<Row> rows, Column terms) {
    Broadcast<FeatureVectors> shared =
        JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext()).broadcast(this);
    UserDefinedFunction features =
        udf(
            (UDF1<Seq<String>, Vector>) t -> t == null ? null : shared.value().apply(t),
            SQLDataTypes.VectorType());
    return features.apply(terms);
  }

  /** One ticket's features: what the stages would give for these terms. */
  Vector apply(Seq<String> terms) {
    int tokens = terms.length();
    int[] found = new int[tokens];
    int n = 0;
    scala.collection.Iterator<String> it = terms.iterator();
    while (it.hasNext()) {
      Integer at = index.get(it.next());
      if (at != null) {
        found[n++] = at;
      }
    }
    Arrays.sort(found, 0, n);
    // A term counts when it is written often enough: as many times as the setting says, or that
    // share of the ticket's terms (known or not), as Spark's counting stage has it.
    double minCount = minTermFrequency >= 1.0 ? minTermFrequency : tokens * minTermFrequency;
    int[] indices = new int[n];
    double[] values = new double[n];
    int kept = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && found[j] == found[i]) {
        j++;
      }
      double count = j - i;
      if (count >= minCount) {
        indices[kept] = found[i];
        values[kept] = presence ? 1.0 : count;
        kept++;
      }
      i = j;
    }
    indices = Arrays.copyOf(indices, kept);
    values = Arrays.copyOf(values, kept);
    for (int i = 0; i < kept; i++) {
      // A kept term was written at least once, so its weight is never zero here.
      if (sublinear) {
        values[i] = 1 + Math.log(values[i]);
      }
      if (idf != null) {
        values[i] = values[i] * idf[indices[i]];
      }
    }
    double sum = 0.0;
    for (int i = 0; i < kept; i++) {
      sum += values[i] * values[i];
    }
    double norm = Math.sqrt(sum);
    if (norm != 0.0) {
      for (int i = 0; i < kept; i++) {
        values[i] /= norm;
      }
    }
    return new SparseVector(size, indices, values);
  }
}
