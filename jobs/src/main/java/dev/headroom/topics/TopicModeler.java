package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.udf;

import dev.headroom.common.ConfigKeys;
import dev.headroom.common.InputException;
import dev.headroom.common.RunRecord;
import dev.headroom.common.TopicSettings;
import dev.headroom.text.NoriTokenizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits the topic pipeline: Nori tokenizer -> term counts over a capped vocabulary -> IDF -> L2
 * normalization -> k-means with cosine distance (spherical k-means).
 *
 * <p>k is fixed, or chosen on a sample as the candidate with the highest cosine silhouette:
 * silhouette rewards topics that are tight and apart from each other, needs no labels, and is what
 * Spark ML evaluates natively. Tickets with fewer than {@code minTerms} terms are not clustered;
 * they are the unclassified topic ({@link #UNCLASSIFIED}).
 */
public final class TopicModeler {

  /** Topic number of tickets with too little content to place. */
  public static final int UNCLASSIFIED = -1;

  /** Column with the terms of a ticket. */
  public static final String TERMS = "terms";

  /** Column with the normalized TF-IDF vector. */
  public static final String FEATURES = "features";

  /** Column with the topic number (0..k-1, or {@link #UNCLASSIFIED}). */
  public static final String TOPIC = "topic";

  /** Column with the cosine similarity of a ticket to its topic's centre. */
  public static final String SIMILARITY = "similarity";

  /** k-means fits run at once while choosing k. */
  private static final int SELECTION_THREADS = 4;

  private static final UserDefinedFunction NON_ZEROS =
      udf((UDF1<Vector, Integer>) Vector::numNonzeros, DataTypes.IntegerType);

  private final TopicSettings settings;
  private String textColumn = "text";
  private String languageColumn = "";
  private Transformer customTokenizer;
  private Transformer tokenizerStage;

  private TopicModeler(TopicSettings settings) {
    this.settings = settings;
  }

  /** A modeler with these settings. */
  public static TopicModeler of(TopicSettings settings) {
    return new TopicModeler(settings);
  }

  /** The text column (default {@code text}). */
  public TopicModeler textColumn(String column) {
    this.textColumn = column;
    return this;
  }

  /**
   * Replaces the Nori tokenizer with another stage writing {@link #TERMS}; used to compare against
   * simpler tokenization (whitespace) on the same data.
   */
  public TopicModeler tokenizer(Transformer stage) {
    this.customTokenizer = stage;
    return this;
  }

  /** A per-row language column ({@code ko}/{@code en}); empty to detect from the script. */
  public TopicModeler languageColumn(String column) {
    this.languageColumn = column == null ? "" : column;
    return this;
  }

  /**
   * The first stage of the pipeline {@link #fit} builds: text to {@link #TERMS}. A caller that
   * scores the same tickets after fitting can tokenize once with it, cache the result, and pass
   * that to both {@link #fit} and {@link #assign}.
   */
  public Transformer tokenizerStage() {
    if (tokenizerStage == null) {
      tokenizerStage =
          customTokenizer != null
              ? customTokenizer
              : new NoriTokenizer()
                  .setInputCol(textColumn)
                  .setOutputCol(TERMS)
                  .setLanguageCol(languageColumn)
                  .setSettings(settings.tokenizer());
    }
    return tokenizerStage;
  }

  /**
   * Fits the topic pipeline on {@code tickets}. Rows that already have {@link #TERMS} (from {@link
   * #tokenizerStage}) are not tokenized again; the caller keeps them cached.
   *
   * @return the fitted pipeline, k and the selection scores
   */
  public FittedTopics fit(Dataset<Row> tickets) {
    Transformer tokenizer = tokenizerStage();
    boolean tokenizedByCaller = hasTerms(tickets);
    Dataset<Row> tokenized =
        tokenizedByCaller
            ? tickets
            : tokenizer.transform(tickets).persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Double> seconds = new LinkedHashMap<>();
    Instant t0 = Instant.now();
    try {
      Dataset<Row> content = tokenized.filter(size(col(TERMS)).geq(settings.minTerms()));
      PipelineModel featurizer = featurizer(content, true);
      Dataset<Row> features = placeable(featurizer, content);
      if (features.isEmpty()) {
        // Every kept term is in every ticket (all texts alike): IDF weighs each of them zero.
        // Presence alone still tells the tickets' one topic.
        features.unpersist();
        featurizer = featurizer(content, false);
        features = placeable(featurizer, content);
      }
      try {
        // k-means cannot find more topics than there are different tickets.
        long distinct = distinctUpTo(features, Math.max(settings.k(), settings.kMax()) + 1);
        if (distinct == 0) {
          throw new InputException(
              "No ticket has "
                  + settings.minTerms()
                  + " or more known terms, so no topics can be formed"
                  + " (check the ticket text columns, the stopwords and "
                  + ConfigKeys.TOPICS_MIN_TERMS.name()
                  + ")");
        }
        Map<Integer, Double> scores = new LinkedHashMap<>();
        seconds.put("vectorize", RunRecord.secondsSince(t0));
        t0 = Instant.now();
        int k =
            settings.k() > 0
                ? (int) Math.min(settings.k(), distinct)
                : chooseK(features, scores, distinct);
        seconds.put("choose_k", RunRecord.secondsSince(t0));
        t0 = Instant.now();
        // MLlib asks for k of 2 or more; with one different ticket it finds the one centre.
        KMeansModel kmeans = kmeans(Math.max(2, k)).fit(uncached(features));
        seconds.put("kmeans", RunRecord.secondsSince(t0));

        List<Transformer> stages = new ArrayList<>();
        stages.add(tokenizer);
        for (Transformer stage : featurizer.stages()) {
          stages.add(stage);
        }
        stages.add(kmeans);
        PipelineModel model = new PipelineModel(tokenizer.uid() + "-pipeline", stages);
        // k-means may find fewer centres than k among few different tickets; the model's count is
        // k.
        return new FittedTopics(
            model, kmeans.clusterCenters().length, scores, kmeans.clusterCenters(), seconds);
      } finally {
        features.unpersist();
      }
    } finally {
      if (!tokenizedByCaller) {
        tokenized.unpersist();
      }
    }
  }

  /**
   * Applies a fitted pipeline: every row gets its terms, topic and cosine similarity to the topic's
   * centre; rows with fewer than {@code minTerms} terms get {@link #UNCLASSIFIED}. Rows that
   * already have {@link #TERMS} skip the tokenizer stage.
   */
  public static Dataset<Row> assign(PipelineModel model, Dataset<Row> tickets, int minTerms) {
    Transformer[] stages = model.stages();
    KMeansModel kmeans = (KMeansModel) stages[stages.length - 1];
    Broadcast<Vector[]> centres =
        JavaSparkContext.fromSparkContext(tickets.sparkSession().sparkContext())
            .broadcast(kmeans.clusterCenters());
    UserDefinedFunction similarity =
        udf(
            (UDF2<Vector, Integer, Double>)
                (features, topic) -> cosine(features, centres.value()[topic]),
            DataTypes.DoubleType);
    Transformer[] featurizer =
        Arrays.copyOfRange(stages, hasTerms(tickets) ? 1 : 0, stages.length - 1);
    Dataset<Row> featurized =
        new PipelineModel(model.uid() + "-features", featurizer)
            .transform(tickets)
            .drop("tf", "tfidf");
    String prediction = kmeans.getPredictionCol();
    // k-means with cosine distance is undefined for empty vectors: those tickets are unclassified.
    Column placeable = size(col(TERMS)).geq(minTerms).and(NON_ZEROS.apply(col(FEATURES)).gt(0));
    Dataset<Row> placed =
        kmeans
            .transform(featurized.filter(placeable))
            .withColumn(TOPIC, col(prediction))
            .withColumn(SIMILARITY, similarity.apply(col(FEATURES), col(prediction)))
            .drop(prediction);
    Dataset<Row> unplaced =
        featurized
            .filter(not(placeable))
            .withColumn(TOPIC, lit(UNCLASSIFIED))
            .withColumn(SIMILARITY, lit(0.0));
    return placed.unionByName(unplaced);
  }

  private static boolean hasTerms(Dataset<Row> rows) {
    return Arrays.asList(rows.columns()).contains(TERMS);
  }

  private KMeans kmeans(int k) {
    return new KMeans()
        .setK(k)
        .setSeed(settings.seed())
        .setMaxIter(settings.maxIterations())
        .setDistanceMeasure("cosine")
        .setFeaturesCol(FEATURES)
        .setPredictionCol("kmeans_prediction");
  }

  /**
   * Term presence (with IDF weights when {@code idf}), L2-normalized. A vocabulary is the terms in
   * {@code minDocFrequency} tickets or more; when no term is (a handful of tickets), every term.
   */
  private PipelineModel featurizer(Dataset<Row> content, boolean idf) {
    CountVectorizerModel vocabulary = vocabulary(settings.minDocFrequency()).fit(content);
    if (vocabulary.vocabulary().length == 0 && settings.minDocFrequency() > 1) {
      vocabulary = vocabulary(1).fit(content);
    }
    if (vocabulary.vocabulary().length == 0) {
      throw new InputException(
          "No ticket has "
              + settings.minTerms()
              + " or more known terms, so no topics can be formed"
              + " (check the ticket text columns, the stopwords and "
              + ConfigKeys.TOPICS_MIN_TERMS.name()
              + ")");
    }
    List<Transformer> stages = new ArrayList<>();
    stages.add(vocabulary);
    String weighted = "tf";
    if (idf) {
      stages.add(
          new IDF().setInputCol("tf").setOutputCol("tfidf").fit(vocabulary.transform(content)));
      weighted = "tfidf";
    }
    stages.add(new Normalizer().setInputCol(weighted).setOutputCol(FEATURES).setP(2.0));
    return new PipelineModel(Identifiable.randomUID("featurizer"), stages);
  }

  private CountVectorizer vocabulary(int minDocFrequency) {
    return new CountVectorizer()
        .setInputCol(TERMS)
        .setOutputCol("tf")
        .setVocabSize(settings.vocabularySize())
        .setMinDF(minDocFrequency)
        // Presence, not counts: short tickets repeat words for emphasis.
        .setBinary(true);
  }

  /** The tickets with a feature vector k-means can place (cosine needs a non-zero vector). */
  private static Dataset<Row> placeable(PipelineModel featurizer, Dataset<Row> content) {
    return featurizer
        .transform(content)
        .drop("tf", "tfidf")
        .filter(NON_ZEROS.apply(col(FEATURES)).gt(0))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  private int chooseK(Dataset<Row> features, Map<Integer, Double> scores, long distinct) {
    // Silhouette needs two topics or more, and k-means no more topics than different tickets.
    int highest = (int) Math.min(settings.kMax(), distinct - 1);
    if (highest < 2) {
      return (int) distinct;
    }
    int lowest = Math.min(Math.max(2, settings.kMin()), highest);
    long n = features.count();
    // A sample is taken into one partition: each candidate's k-means is some 40 small Spark jobs
    // over it, whose cost is scheduling, not arithmetic (one task per job, not one per input
    // partition). All the tickets keep their partitions, so the score selection computes for a k
    // is the final fit's at that k.
    Dataset<Row> sample =
        n > settings.selectionSample()
            ? features
                .sample(false, (double) settings.selectionSample() / n, settings.seed())
                .coalesce(1)
            : features;
    sample = sample.persist(StorageLevel.MEMORY_AND_DISK());
    int step = Math.max(1, (highest - lowest) / 9);
    List<Integer> candidates = new ArrayList<>();
    for (int k = lowest; k <= highest; k += step) {
      candidates.add(k);
    }
    // The candidates are fitted side by side: each k-means is some 40 small Spark jobs whose time
    // goes to scheduling more than to arithmetic, so the cores idle between one fit's jobs. Each
    // fit has its own seed and data, so the scores do not depend on the order they finish in.
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(SELECTION_THREADS, candidates.size()));
    try {
      Dataset<Row> selection = sample;
      List<Future<Double>> pending = new ArrayList<>();
      for (int k : candidates) {
        pending.add(pool.submit(() -> silhouette(selection, k)));
      }
      int best = lowest;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < candidates.size(); i++) {
        double score = pending.get(i).get();
        scores.put(candidates.get(i), score);
        if (score > bestScore) {
          bestScore = score;
          best = candidates.get(i);
        }
      }
      return best;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while choosing k", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
      sample.unpersist();
    }
  }

  /** The cosine silhouette of k-means with {@code k} topics on {@code sample}. */
  private double silhouette(Dataset<Row> sample, int k) {
    ClusteringEvaluator silhouette =
        new ClusteringEvaluator()
            .setFeaturesCol(FEATURES)
            .setPredictionCol("kmeans_prediction")
            .setDistanceMeasure("cosine");
    return silhouette.evaluate(kmeans(k).fit(uncached(sample)).transform(sample));
  }

  /**
   * The features as a Dataset Spark does not see as cached. MLlib's k-means keeps its own copy of
   * the vectors (with their norms) for its iterations only when its input is not cached; on a
   * cached input it reads and converts every row again in each of its iterations.
   */
  private static Dataset<Row> uncached(Dataset<Row> features) {
    return features.select(FEATURES);
  }

  /**
   * How many different feature vectors there are, counted up to {@code limit}: each partition stops
   * scanning once it has seen {@code limit} different ones, so this costs a few rows per partition
   * on real data instead of a shuffle of every vector.
   */
  static long distinctUpTo(Dataset<Row> features, int limit) {
    List<List<Vector>> perPartition =
        features
            .select(FEATURES)
            .javaRDD()
            .mapPartitions(
                (FlatMapFunction<Iterator<Row>, List<Vector>>)
                    rows -> {
                      Set<Vector> seen = new LinkedHashSet<>();
                      while (rows.hasNext() && seen.size() < limit) {
                        seen.add(rows.next().getAs(0));
                      }
                      return List.<List<Vector>>of(new ArrayList<>(seen)).iterator();
                    })
            .collect();
    Set<Vector> all = new LinkedHashSet<>();
    perPartition.forEach(all::addAll);
    return Math.min(all.size(), limit);
  }

  static double cosine(Vector a, Vector b) {
    double normB = org.apache.spark.ml.linalg.Vectors.norm(b, 2.0);
    double normA = org.apache.spark.ml.linalg.Vectors.norm(a, 2.0);
    if (normA == 0 || normB == 0) {
      return 0.0;
    }
    double dot = 0;
    org.apache.spark.ml.linalg.SparseVector sparse = a.toSparse();
    for (int i = 0; i < sparse.indices().length; i++) {
      dot += sparse.values()[i] * b.apply(sparse.indices()[i]);
    }
    return dot / (normA * normB);
  }

  /**
   * A fitted topic pipeline.
   *
   * @param model tokenizer, vectorizer, IDF, normalizer and k-means as one pipeline
   * @param k the number of topics
   * @param silhouetteByK the selection candidates and their scores (empty when k was fixed)
   * @param centres the k-means centres, in topic order
   * @param seconds the time of each step of the fit: vectorize (vocabulary, IDF, feature vectors),
   *     choose_k (k-means and silhouette on the selection sample), kmeans (the final fit)
   */
  public record FittedTopics(
      PipelineModel model,
      int k,
      Map<Integer, Double> silhouetteByK,
      Vector[] centres,
      Map<String, Double> seconds) {}
}
