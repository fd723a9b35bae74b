package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.common.TopicSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted topic model: the fitted stages (tokenizer, vocabulary, IDF, normalizer, k-means) and the
 * Params they were fitted with, saved and loaded as one.
 *
 * <p>{@link #transform} gives every row its {@link TopicModeler#TERMS}, {@link
 * TopicModeler#FEATURES}, {@link TopicModeler#TOPIC} and {@link TopicModeler#SIMILARITY} (cosine to
 * its topic's centre); rows with fewer than {@link #minTerms()} terms, or none in the vocabulary,
 * get {@link TopicModeler#UNCLASSIFIED}. Rows that already have terms skip the tokenizer.
 *
 * <p>Saved as {@code metadata/} (this class, uid and Params as JSON) and {@code pipeline/} (the
 * stages, each by its own writer). A folder holding a bare pipeline, as discover saved before,
 * loads too.
 */
public final class TopicModel extends Model<TopicModel> implements MLWritable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String METADATA = "metadata";
  private static final String PIPELINE = "pipeline";

  private static final UserDefinedFunction NON_ZEROS =
      udf((UDF1<Vector, Integer>) Vector::numNonzeros, DataTypes.IntegerType);

  private static final String PLACEABLE = "placeable";
  private static final String PLACEABLE_FEATURES = "placeable_features";

  /** The features when placeable, else a unit vector k-means accepts (its answer is not used). */
  private static final UserDefinedFunction STAND_IN_UNLESS =
      udf(
          (UDF2<Vector, Boolean, Vector>)
              (features, placeable) ->
                  placeable
                      ? features
                      : Vectors.sparse(features.size(), new int[] {0}, new double[] {1.0}),
          new VectorUDT());

  private final String uid;
  private final PipelineModel pipeline;
  private final IntParam k;
  private final IntParam minTerms;
  private final IntParam vocabularySize;
  private final IntParam minDocFrequency;
  private final LongParam seed;
  private TopicModeler.Summary summary;

  /** A model over fitted {@code pipeline} stages whose last stage is the k-means model. */
  TopicModel(String uid, PipelineModel pipeline) {
    this.uid = uid;
    this.pipeline = pipeline;
    k = new IntParam(this, "k", "number of topics the model found", ParamValidators.gtEq(1));
    minTerms =
        new IntParam(
            this, "minTerms", "tickets with fewer terms are unclassified", ParamValidators.gtEq(1));
    vocabularySize = new IntParam(this, "vocabularySize", "vocabulary cap it was fitted with");
    minDocFrequency =
        new IntParam(this, "minDocFrequency", "least tickets a vocabulary term was in");
    seed = new LongParam(this, "seed", "seed of the k-means fit");
    setDefault(minTerms, TopicSettings.MIN_TERMS_DEFAULT);
    setDefault(vocabularySize, TopicSettings.VOCABULARY_SIZE_DEFAULT);
    setDefault(minDocFrequency, TopicSettings.MIN_DOC_FREQUENCY_DEFAULT);
    setDefault(seed, TopicSettings.SEED_DEFAULT);
    set(k, kmeans().clusterCenters().length);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The number of topics. */
  public IntParam k() {
    return k;
  }

  /** Tickets with fewer terms are unclassified. */
  public IntParam minTerms() {
    return minTerms;
  }

  /** The vocabulary cap the model was fitted with. */
  public IntParam vocabularySize() {
    return vocabularySize;
  }

  /** The least number of tickets a vocabulary term was in. */
  public IntParam minDocFrequency() {
    return minDocFrequency;
  }

  /** The seed of the k-means fit. */
  public LongParam seed() {
    return seed;
  }

  /** The number of topics. */
  public int getK() {
    return (Integer) $(k);
  }

  /** Tickets with fewer terms are unclassified. */
  public int getMinTerms() {
    return (Integer) $(minTerms);
  }

  /** Sets the least number of terms a ticket needs to be placed. */
  public TopicModel setMinTerms(int value) {
    set(minTerms, value);
    return this;
  }

  TopicModel setFittedWith(TopicSettings settings) {
    set(minTerms, settings.minTerms());
    set(vocabularySize, settings.vocabularySize());
    set(minDocFrequency, settings.minDocFrequency());
    set(seed, settings.seed());
    return this;
  }

  /** The fitted stages, tokenizer first and k-means last. */
  public PipelineModel pipeline() {
    return pipeline;
  }

  /**
   * The analysis settings of the model's tokenizer stage; empty when another stage cut the text (a
   * whitespace tokenizer in a comparison).
   */
  public java.util.Optional<dev.headroom.text.TokenizerSettings> tokenizerSettings() {
    for (var stage : pipeline().stages()) {
      if (stage instanceof dev.headroom.text.NoriTokenizer tokenizer) {
        return java.util.Optional.of(tokenizer.settings());
      }
    }
    return java.util.Optional.empty();
  }

  /** The k-means centres, in topic order. */
  public Vector[] centres() {
    return kmeans().clusterCenters();
  }

  /** The terms of the feature vectors, by index. */
  public String[] vocabulary() {
    for (Transformer stage : pipeline.stages()) {
      if (stage instanceof CountVectorizerModel cv) {
        return cv.vocabulary();
      }
    }
    throw new IllegalStateException("The topic pipeline has no vocabulary stage");
  }

  /**
   * How the features weigh a term: {@code sublinear} ({@code 1 + ln(count)}, chosen on long texts)
   * or {@code presence}.
   */
  public String termWeighting() {
    for (Transformer stage : pipeline.stages()) {
      if (stage instanceof SublinearTermFrequency) {
        return "sublinear";
      }
    }
    return "presence";
  }

  /** How the fit went (k selection scores, step times); null for a loaded model. */
  public TopicModeler.Summary summary() {
    return summary;
  }

  TopicModel setSummary(TopicModeler.Summary fitSummary) {
    this.summary = fitSummary;
    return this;
  }

  private KMeansModel kmeans() {
    Transformer[] stages = pipeline.stages();
    return (KMeansModel) stages[stages.length - 1];
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    Dataset<Row> tickets = dataset.toDF();
    KMeansModel kmeans = kmeans();
    Vector[] centreVectors = kmeans.clusterCenters();
    // A centre is dense, as long as the vocabulary (topics.vocabulary-size, 20,000 terms by
    // default): its length is worked out once here, not again for every ticket.
    double[] centreNorms = new double[centreVectors.length];
    for (int t = 0; t < centreVectors.length; t++) {
      centreNorms[t] = Vectors.norm(centreVectors[t], 2.0);
    }
    Broadcast<Vector[]> centres =
        JavaSparkContext.fromSparkContext(tickets.sparkSession().sparkContext())
            .broadcast(centreVectors);
    UserDefinedFunction similarity =
        udf(
            (UDF2<Vector, Integer, Double>)
                (features, topic) ->
                    TopicModeler.cosine(features, centres.value()[topic], centreNorms[topic]),
            DataTypes.DoubleType);
    Transformer[] stages = pipeline.stages();
    Dataset<Row> tokenized = hasTerms(tickets) ? tickets : stages[0].transform(tickets);
    Dataset<Row> featurized =
        FeatureVectors.featurize(Arrays.asList(stages).subList(1, stages.length - 1), tokenized);
    // k-means with cosine distance is undefined for empty vectors: those tickets are unclassified.
    Column placeable =
        size(col(TopicModeler.TERMS))
            .geq(getMinTerms())
            .and(NON_ZEROS.apply(col(TopicModeler.FEATURES)).gt(0));
    // One pass over the tickets: k-means sees a stand-in vector for a ticket it cannot place, whose
    // prediction is then set aside. A union of the placed and the unplaced tickets read and
    // tokenized the input twice, once for each side.
    KMeansModel predictor = kmeans.copy(ParamMap.empty()).setFeaturesCol(PLACEABLE_FEATURES);
    String prediction = predictor.getPredictionCol();
    return predictor
        .transform(
            featurized
                .withColumn(PLACEABLE, placeable)
                .withColumn(
                    PLACEABLE_FEATURES,
                    STAND_IN_UNLESS.apply(col(TopicModeler.FEATURES), col(PLACEABLE))))
        .withColumn(
            TopicModeler.TOPIC,
            when(col(PLACEABLE), col(prediction)).otherwise(lit(TopicModeler.UNCLASSIFIED)))
        .withColumn(
            TopicModeler.SIMILARITY,
            when(col(PLACEABLE), similarity.apply(col(TopicModeler.FEATURES), col(prediction)))
                .otherwise(lit(0.0)))
        .drop(prediction, PLACEABLE, PLACEABLE_FEATURES);
  }

  static boolean hasTerms(Dataset<?> rows) {
    return Arrays.asList(rows.columns()).contains(TopicModeler.TERMS);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StructType out = schema;
    Transformer[] stages = pipeline.stages();
    for (int i = hasTerms(schema) ? 1 : 0; i < stages.length - 1; i++) {
      out = stages[i].transformSchema(out);
    }
    List<String> drop = TopicModeler.WORKING_VECTORS;
    StructType kept = new StructType();
    for (var field : out.fields()) {
      if (!drop.contains(field.name())) {
        kept = kept.add(field);
      }
    }
    return kept.add(TopicModeler.TOPIC, DataTypes.IntegerType, false)
        .add(TopicModeler.SIMILARITY, DataTypes.DoubleType, false);
  }

  private static boolean hasTerms(StructType schema) {
    return Arrays.asList(schema.fieldNames()).contains(TopicModeler.TERMS);
  }

  @Override
  public TopicModel copy(ParamMap extra) {
    TopicModel copy = copyValues(new TopicModel(uid, pipeline), extra);
    return copy.setSummary(summary).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Loads a saved model, or a bare pipeline saved by an earlier discover (default min terms). */
  public static TopicModel load(String path) {
    SparkSession spark = SparkSession.active();
    String metadata = spark.read().text(path + "/" + METADATA).as(Encoders.STRING()).first();
    JsonNode json;
    try {
      json = JSON.readTree(metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable topic model metadata in " + path, e);
    }
    if (!TopicModel.class.getName().equals(json.path("class").asText())) {
      PipelineModel older = PipelineModel.load(path);
      return new TopicModel(older.uid(), older);
    }
    TopicModel model =
        new TopicModel(json.get("uid").asText(), PipelineModel.load(path + "/" + PIPELINE));
    Iterator<Map.Entry<String, JsonNode>> params = json.get("paramMap").fields();
    while (params.hasNext()) {
      Map.Entry<String, JsonNode> entry = params.next();
      Param<Object> param = model.getParam(entry.getKey());
      model.set(param, param.jsonDecode(entry.getValue().asText()));
    }
    return model;
  }

  /** Writes the Params as JSON beside the pipeline, which its stages write themselves. */
  private static final class Writer extends MLWriter {
    private final TopicModel model;

    Writer(TopicModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      ObjectNode json = JSON.createObjectNode();
      json.put("class", TopicModel.class.getName());
      json.put("uid", model.uid());
      json.put("sparkVersion", sparkSession().version());
      ObjectNode params = json.putObject("paramMap");
      for (Param<?> param : model.params()) {
        if (model.isDefined(param)) {
          params.put(param.name(), encode(param));
        }
      }
      sparkSession()
          .createDataset(List.of(json.toString()), Encoders.STRING())
          .coalesce(1)
          .write()
          .text(path + "/" + METADATA);
      try {
        model.pipeline().write().save(path + "/" + PIPELINE);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot save the topic pipeline to " + path, e);
      }
    }

    @SuppressWarnings("unchecked")
    private String encode(Param<?> param) {
      Param<Object> typed = (Param<Object>) param;
      return typed.jsonEncode(model.getOrDefault(typed));
    }
  }
}
