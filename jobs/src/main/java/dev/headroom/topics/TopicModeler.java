package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
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
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The topic estimator: fits Nori tokenizer -> term presence over a capped vocabulary -> IDF -> L2
 * normalization -> k-means with cosine distance (spherical k-means), as a {@link TopicModel}.
 *
 * <p>k is fixed, or chosen on a sample as the first candidate from which the parent topics stop
 * changing, else the one with the highest cosine silhouette ({@link KSelection} fits the candidates
 * on the driver and says why). Tickets with fewer than {@code minTerms} terms are not clustered;
 * they are the unclassified topic ({@link #UNCLASSIFIED}).
 */
public final class TopicModeler extends Estimator<TopicModel> {

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

  /**
   * The working vector columns of the featurizer (counts, their sublinear weights, TF-IDF), dropped
   * once the normalized features are made.
   */
  static final List<String> WORKING_VECTORS = List.of("tf", "tf_sublinear", "tfidf");

  /**
   * From this median number of terms a text on, the featurizer weighs a term by how often the text
   * writes it ({@code 1 + ln(count)}, {@link SublinearTermFrequency}) instead of by its presence. A
   * support ticket is a few sentences (a median of 5 or 6 terms on the sample and banking77): a
   * word written twice there is emphasis, or two synonyms the concept lexicon joined. A letter or a
   * petition runs to hundreds of terms (229 on the petitions), and there the words it repeats are
   * its subject.
   */
  static final int LONG_TEXT_MEDIAN_TERMS = 40;

  private static final UserDefinedFunction NON_ZEROS =
      udf((UDF1<Vector, Integer>) Vector::numNonzeros, DataTypes.IntegerType);

  private final String uid;
  private final IntParam k;
  private final IntParam kMin;
  private final IntParam kMax;
  private final IntParam selectionSample;
  private final IntParam minTerms;
  private final IntParam vocabularySize;
  private final IntParam minDocFrequency;
  private final DoubleParam maxDocShare;
  private final IntParam maxIterations;
  private final LongParam seed;
  // What the Params do not hold: the tokenizer settings (its stage has them) and summary sizes.
  private final TopicSettings base;
  private String textColumn = "text";
  private String languageColumn = "";
  private Transformer customTokenizer;
  private String tagColumn = "";
  private double parentSimilarity = ConfigKeys.TOPICS_PARENT_SIMILARITY_DEFAULT;
  private Transformer tokenizerStage;

  private TopicModeler(String uid, TopicSettings settings) {
    this.uid = uid;
    this.base = settings;
    // Params name their parent by uid: they are made once it is set.
    k =
        new IntParam(
            this, "k", "number of topics; 0 chooses it on a sample", ParamValidators.gtEq(0));
    kMin = new IntParam(this, "kMin", "smallest k tried", ParamValidators.gtEq(2));
    kMax = new IntParam(this, "kMax", "largest k tried", ParamValidators.gtEq(2));
    selectionSample =
        new IntParam(
            this, "selectionSample", "tickets sampled to choose k", ParamValidators.gtEq(1));
    minTerms =
        new IntParam(
            this, "minTerms", "tickets with fewer terms are unclassified", ParamValidators.gtEq(1));
    vocabularySize =
        new IntParam(this, "vocabularySize", "vocabulary cap", ParamValidators.gtEq(1));
    minDocFrequency =
        new IntParam(
            this, "minDocFrequency", "least tickets a term must be in", ParamValidators.gtEq(1));
    maxDocShare =
        new DoubleParam(
            this,
            "maxDocShare",
            "largest share of the tickets a term may be in",
            ParamValidators.inRange(0, 1, false, true));
    maxIterations =
        new IntParam(this, "maxIterations", "k-means iterations", ParamValidators.gtEq(1));
    seed = new LongParam(this, "seed", "seed for sampling and k-means");
    setDefault(k, TopicSettings.K_DEFAULT);
    setDefault(kMin, TopicSettings.K_MIN_DEFAULT);
    setDefault(kMax, TopicSettings.K_MAX_DEFAULT);
    setDefault(selectionSample, TopicSettings.SELECTION_SAMPLE_DEFAULT);
    setDefault(minTerms, TopicSettings.MIN_TERMS_DEFAULT);
    setDefault(vocabularySize, TopicSettings.VOCABULARY_SIZE_DEFAULT);
    setDefault(minDocFrequency, TopicSettings.MIN_DOC_FREQUENCY_DEFAULT);
    setDefault(maxDocShare, TopicSettings.MAX_DOC_SHARE_DEFAULT);
    setDefault(maxIterations, TopicSettings.MAX_ITERATIONS_DEFAULT);
    setDefault(seed, TopicSettings.SEED_DEFAULT);
    set(k, settings.k());
    set(kMin, settings.kMin());
    set(kMax, settings.kMax());
    set(selectionSample, settings.selectionSample());
    set(minTerms, settings.minTerms());
    set(vocabularySize, settings.vocabularySize());
    set(minDocFrequency, settings.minDocFrequency());
    set(maxDocShare, settings.maxDocShare());
    set(maxIterations, settings.maxIterations());
    set(seed, settings.seed());
  }

  /** An estimator with these settings (the tokenizer's go to its stage). */
  public static TopicModeler of(TopicSettings settings) {
    return new TopicModeler(Identifiable.randomUID("topics"), settings);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Number of topics; 0 chooses it between {@link #kMin()} and {@link #kMax()}. */
  public IntParam k() {
    return k;
  }

  /** Smallest k tried when choosing. */
  public IntParam kMin() {
    return kMin;
  }

  /** Largest k tried when choosing. */
  public IntParam kMax() {
    return kMax;
  }

  /** Tickets with fewer terms are unclassified. */
  public IntParam minTerms() {
    return minTerms;
  }

  /** Vocabulary cap. */
  public IntParam vocabularySize() {
    return vocabularySize;
  }

  /** Terms in fewer tickets are left out. */
  public IntParam minDocFrequency() {
    return minDocFrequency;
  }

  /** Terms in a larger share of the tickets are left out. */
  public DoubleParam maxDocShare() {
    return maxDocShare;
  }

  /** Seed for sampling and k-means. */
  public LongParam seed() {
    return seed;
  }

  /** Tickets sampled to choose k. */
  public IntParam selectionSample() {
    return selectionSample;
  }

  /** k-means iterations. */
  public IntParam maxIterations() {
    return maxIterations;
  }

  private int intValue(IntParam param) {
    return (Integer) $(param);
  }

  /** The settings the Params describe, with the tokenizer's (which its own stage holds). */
  private TopicSettings fitSettings() {
    return new TopicSettings(
        intValue(k),
        intValue(kMin),
        intValue(kMax),
        intValue(selectionSample),
        intValue(minTerms),
        intValue(vocabularySize),
        intValue(minDocFrequency),
        (Double) $(maxDocShare),
        intValue(maxIterations),
        (Long) $(seed),
        base.labelTerms(),
        base.exemplars(),
        base.tokenizer());
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
   * How discover groups fine topics into parents, for choosing k by the parents: the agent-tag
   * column (empty for none) and {@code topics.parent-similarity}.
   */
  public TopicModeler parentGrouping(String column, double similarity) {
    this.tagColumn = column == null ? "" : column;
    this.parentSimilarity = similarity;
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
                  .setSettings(base.tokenizer());
    }
    return tokenizerStage;
  }

  /**
   * Fits the topic model on {@code dataset}. Rows that already have {@link #TERMS} (from {@link
   * #tokenizerStage}) are not tokenized again; the caller keeps them cached. The model's {@link
   * TopicModel#summary()} has the selection scores and step times.
   */
  @Override
  public TopicModel fit(Dataset<?> dataset) {
    TopicSettings settings = fitSettings();
    Dataset<Row> tickets = dataset.toDF();
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
      List<Transformer> featurizer = featurizer(content, true, settings);
      Dataset<Row> features = placeable(featurizer, content);
      if (features.isEmpty()) {
        // Every kept term is in every ticket (all texts alike): IDF weighs each of them zero.
        // Presence alone still tells the tickets' one topic.
        features.unpersist();
        featurizer = featurizer(content, false, settings);
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
        Map<Integer, Double> stability = new LinkedHashMap<>();
        seconds.put("vectorize", RunRecord.secondsSince(t0));
        t0 = Instant.now();
        Sample sample = sample(features, settings);
        KChoice choice =
            settings.k() > 0
                ? KChoice.configured((int) Math.min(settings.k(), distinct))
                : chooseK(sample, scores, stability, distinct, settings);
        int k = choice.k();
        seconds.put("choose_k", RunRecord.secondsSince(t0));
        t0 = Instant.now();
        // MLlib asks for k of 2 or more; with one different ticket it finds the one centre.
        Fit fit =
            fitCentres(features, sample, Math.max(2, k), distinct, settings, parentSimilarity);
        KMeansModel kmeans = fit.kmeans();
        seconds.put("kmeans", RunRecord.secondsSince(t0));

        List<PipelineStage> stages = new ArrayList<>();
        stages.add(tokenizer);
        stages.addAll(featurizer);
        stages.add(kmeans);
        // A pipeline of fitted stages only: fitting it checks the schema and fits nothing.
        PipelineModel pipeline =
            new Pipeline(uid + "-pipeline")
                .setStages(stages.toArray(PipelineStage[]::new))
                .fit(tokenizedByCaller ? tickets.drop(TERMS) : tickets);
        // k-means may find fewer centres than k among few different tickets; the model's count is
        // k.
        return new TopicModel(uid + "-model", pipeline)
            .setFittedWith(settings)
            .setSummary(
                new Summary(choice.rule(), scores, stability, fit.mergedFineTopics(), seconds))
            .setParent(this);
      } finally {
        features.unpersist();
      }
    } finally {
      if (!tokenizedByCaller) {
        tokenized.unpersist();
      }
    }
  }

  private static boolean hasTerms(Dataset<Row> rows) {
    return Arrays.asList(rows.columns()).contains(TERMS);
  }

  private static KMeans kmeans(int k, TopicSettings settings) {
    return new KMeans()
        .setK(k)
        .setSeed(settings.seed())
        .setMaxIter(settings.maxIterations())
        .setDistanceMeasure("cosine")
        .setFeaturesCol(FEATURES)
        .setPredictionCol("kmeans_prediction");
  }

  /**
   * Below this many tickets the vocabulary keeps terms however large their share: a share of a
   * handful of tickets says little, and dropping a word of most of them can leave a ticket no
   * terms.
   */
  static final long MAX_DOC_SHARE_MIN_TICKETS = 200;

  /**
   * Term presence, or on long texts ({@link #LONG_TEXT_MEDIAN_TERMS}) sublinear term counts, with
   * IDF weights when {@code idf}, L2-normalized. A vocabulary is the terms in {@code
   * minDocFrequency} tickets or more and in at most {@code maxDocShare} of them (from {@link
   * #MAX_DOC_SHARE_MIN_TICKETS} tickets); when no term is (a handful of tickets, or texts all
   * alike), every term.
   */
  private static List<Transformer> featurizer(
      Dataset<Row> content, boolean idf, TopicSettings settings) {
    // One pass for the ticket count and the median length.
    Row shape =
        content
            .agg(count(lit(1)), percentile_approx(size(col(TERMS)), lit(0.5), lit(1000)))
            .first();
    long tickets = shape.getLong(0);
    boolean longTexts = !shape.isNullAt(1) && shape.getInt(1) >= LONG_TEXT_MEDIAN_TERMS;
    // A term in most tickets cannot tell topics apart; on long texts such words (내용, 국민)
    // add up and pull every text towards one catch-all topic.
    double maxDocShare =
        settings.maxDocShare() < 1 && tickets >= MAX_DOC_SHARE_MIN_TICKETS
            ? settings.maxDocShare()
            : 1.0;
    // The share as a number of tickets, counted above.
    double maxDocs = maxDocShare < 1 ? maxDocShare * tickets : Long.MAX_VALUE;
    // One pass finds the vocabulary and how many tickets each term is in, which IDF weighs.
    TermCounts terms =
        TermCounts.of(content, settings.minDocFrequency(), maxDocs, settings.vocabularySize());
    if (terms.vocabulary().length == 0 && (settings.minDocFrequency() > 1 || maxDocShare < 1)) {
      terms = TermCounts.of(content, 1, Long.MAX_VALUE, settings.vocabularySize());
    }
    if (terms.vocabulary().length == 0) {
      throw new InputException(
          "No ticket has "
              + settings.minTerms()
              + " or more known terms, so no topics can be formed"
              + " (check the ticket text columns, the stopwords and "
              + ConfigKeys.TOPICS_MIN_TERMS.name()
              + ")");
    }
    List<Transformer> stages = new ArrayList<>();
    // Presence, not counts, on short tickets: they repeat words for emphasis.
    stages.add(terms.counts("tf", !longTexts));
    String weighted = "tf";
    if (longTexts) {
      stages.add(new SublinearTermFrequency().setInputCol("tf").setOutputCol("tf_sublinear"));
      weighted = "tf_sublinear";
    }
    if (idf) {
      // IDF counts the tickets each term is in, so the counts fit it whatever the weights.
      stages.add(terms.idf(weighted, "tfidf", tickets));
      weighted = "tfidf";
    }
    stages.add(new Normalizer().setInputCol(weighted).setOutputCol(FEATURES).setP(2.0));
    return stages;
  }

  /** The tickets with a feature vector k-means can place (cosine needs a non-zero vector). */
  private static Dataset<Row> placeable(List<Transformer> featurizer, Dataset<Row> content) {
    return FeatureVectors.featurize(featurizer, content)
        .filter(NON_ZEROS.apply(col(FEATURES)).gt(0))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * The selection sample, collected to the driver: about {@code selectionSample} vectors (a few
   * megabytes) whatever the input size, with each one's agent tag when the tickets have tags.
   *
   * @param vectors the sampled feature vectors
   * @param tags each sampled vector's agent tag (null where it has none), or null without tags
   * @param whole whether the sample is every feature vector (no more than {@code selectionSample})
   */
  private record Sample(KSelection vectors, String[] tags, boolean whole) {}

  private Sample sample(Dataset<Row> features, TopicSettings settings) {
    long n = features.count();
    Dataset<Row> sample =
        n > settings.selectionSample()
            ? features.sample(false, (double) settings.selectionSample() / n, settings.seed())
            : features;
    boolean tagged = !tagColumn.isEmpty() && Arrays.asList(features.columns()).contains(tagColumn);
    List<Row> rows =
        (tagged
                ? sample.select(col(FEATURES), col(tagColumn).cast("string"))
                : sample.select(col(FEATURES)))
            .collectAsList();
    List<Vector> vectors = rows.stream().map(row -> (Vector) row.get(0)).toList();
    String[] tags =
        tagged ? rows.stream().map(row -> row.getString(1)).toArray(String[]::new) : null;
    return new Sample(KSelection.of(vectors), tags, n <= settings.selectionSample());
  }

  private KChoice chooseK(
      Sample sample,
      Map<Integer, Double> scores,
      Map<Integer, Double> stability,
      long distinct,
      TopicSettings settings) {
    // Silhouette needs two topics or more, and k-means no more topics than different tickets.
    int highest = (int) Math.min(settings.kMax(), distinct - 1);
    if (highest < 2) {
      return new KChoice((int) distinct, KChoice.Rule.FEW_DIFFERENT_TICKETS);
    }
    int lowest = Math.min(Math.max(2, settings.kMin()), highest);
    // k-means on Spark is some forty small jobs per candidate whose time goes to scheduling, while
    // the same arithmetic on the driver's sample takes a fraction of a second (see KSelection).
    int step = Math.max(1, (highest - lowest) / 9);
    List<Integer> candidates = new ArrayList<>();
    for (int k = lowest; k <= highest; k += step) {
      candidates.add(k);
    }
    List<KSelection.Candidate> fitted =
        sample
            .vectors()
            .candidates(
                candidates,
                settings.seed(),
                settings.maxIterations(),
                sample.tags(),
                parentSimilarity);
    fitted.forEach(candidate -> scores.put(candidate.k(), candidate.silhouette()));
    stability.putAll(KSelection.parentStability(fitted));
    return KSelection.choose(fitted);
  }

  /**
   * The final k-means and how it started.
   *
   * @param kmeans the fitted model
   * @param mergedFineTopics the sample's fine topics merged into its starting centres, or 0 when
   *     k-means|| seeded it
   */
  private record Fit(KMeansModel kmeans, int mergedFineTopics) {}

  /**
   * MLlib k-means's default convergence tolerance (cosine distance a centre may still move), which
   * the final k-means keeps when it runs on the driver.
   */
  static final double MLLIB_KMEANS_TOLERANCE = 1e-4;

  /**
   * The final k-means over every ticket, started from the sample's fine topics merged down to k
   * ({@link MergedCentres}): on the driver when the sample is every ticket ({@link
   * KSelection#refine}), else MLlib's on Spark; plain k-means|| seeding when the sample has no more
   * vectors than k or there are no more different tickets than k.
   */
  private static Fit fitCentres(
      Dataset<Row> features,
      Sample sample,
      int k,
      long distinct,
      TopicSettings settings,
      double parentSimilarity) {
    if (distinct <= k || sample.vectors().size() <= k) {
      return new Fit(kmeans(k, settings).fit(uncached(features)), 0);
    }
    MergedCentres.Start start =
        MergedCentres.of(
            sample.vectors(),
            sample.tags(),
            k,
            settings.seed(),
            settings.maxIterations(),
            parentSimilarity);
    if (start.centres().length < 2) {
      return new Fit(kmeans(k, settings).fit(uncached(features)), 0);
    }
    if (sample.whole()) {
      // The driver holds every vector already: MLlib's iterations are a few Spark jobs each for
      // the same arithmetic (11 jobs, 1.7 s of the sample's run; BENCHMARKS.md, issue 20).
      double[][] centres =
          sample
              .vectors()
              .refine(start.centres(), settings.maxIterations(), MLLIB_KMEANS_TOLERANCE);
      return new Fit(
          withCentres(features.sparkSession(), dense(centres), settings), start.fineTopics());
    }
    org.apache.spark.mllib.linalg.Vector[] initial = dense(start.centres());
    // Spark ML's k-means takes no starting centres; the RDD-based one does. Its input is not
    // cached, so it keeps its own copy of the vectors for its iterations.
    org.apache.spark.mllib.clustering.KMeansModel refined =
        new org.apache.spark.mllib.clustering.KMeans()
            .setK(initial.length)
            .setMaxIterations(settings.maxIterations())
            .setSeed(settings.seed())
            .setDistanceMeasure("cosine")
            .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(initial, "cosine"))
            .run(
                features
                    .select(FEATURES)
                    .javaRDD()
                    .map(row -> org.apache.spark.mllib.linalg.Vectors.fromML(row.getAs(0)))
                    .rdd());
    return new Fit(
        withCentres(features.sparkSession(), refined.clusterCenters(), settings),
        start.fineTopics());
  }

  /** Centres as the RDD-based k-means's vectors. */
  private static org.apache.spark.mllib.linalg.Vector[] dense(double[][] centres) {
    return Arrays.stream(centres)
        .map(org.apache.spark.mllib.linalg.Vectors::dense)
        .toArray(org.apache.spark.mllib.linalg.Vector[]::new);
  }

  /**
   * A Spark ML k-means model whose centres are exactly {@code centres}, made by Spark ML's own
   * k-means on those centres as its only points: with as many topics as points, random seeding
   * takes every point and each stays its own topic. The model so made has the same params, and
   * saves and loads the same way, as any other fit.
   */
  private static KMeansModel withCentres(
      org.apache.spark.sql.SparkSession spark,
      org.apache.spark.mllib.linalg.Vector[] centres,
      TopicSettings settings) {
    List<Row> points =
        Arrays.stream(centres).map(c -> org.apache.spark.sql.RowFactory.create(c.asML())).toList();
    StructType schema = new StructType().add(FEATURES, new VectorUDT(), false);
    return kmeans(centres.length, settings)
        .setInitMode("random")
        .fit(spark.createDataFrame(points, schema));
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

  /**
   * The cosine of a ticket's (sparse) vector {@code a} and a centre {@code b} of length {@code
   * normB}.
   */
  static double cosine(Vector a, Vector b, double normB) {
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

  @Override
  public StructType transformSchema(StructType schema) {
    StructType withTerms =
        Arrays.asList(schema.fieldNames()).contains(TERMS)
            ? schema
            : tokenizerStage().transformSchema(schema);
    return withTerms
        .add(FEATURES, new VectorUDT(), false)
        .add(TOPIC, DataTypes.IntegerType, false)
        .add(SIMILARITY, DataTypes.DoubleType, false);
  }

  @Override
  public TopicModeler copy(ParamMap extra) {
    TopicModeler copy = copyValues(new TopicModeler(uid, base), extra);
    copy.textColumn = textColumn;
    copy.languageColumn = languageColumn;
    copy.customTokenizer = customTokenizer;
    copy.tagColumn = tagColumn;
    copy.parentSimilarity = parentSimilarity;
    return copy;
  }

  /**
   * How a fit went; kept with the model it made, not saved.
   *
   * @param kChosenBy the rule that gave k ({@link KChoice.Rule#CONFIGURED} when {@code topics.k}
   *     was set)
   * @param silhouetteByK the selection candidates and their silhouettes (empty when k was fixed)
   * @param parentStabilityByK for each candidate but the last, how alike its parents are to the
   *     next candidate's (adjusted Rand index on the selection sample; empty when k was fixed)
   * @param mergedFineTopics the selection sample's fine topics merged into the final k-means's
   *     starting centres, or 0 when k-means|| seeded it (too few different tickets)
   * @param seconds the time of each step of the fit: vectorize (vocabulary, IDF, feature vectors),
   *     choose_k (k-means and silhouette on the selection sample), kmeans (the final fit)
   */
  public record Summary(
      KChoice.Rule kChosenBy,
      Map<Integer, Double> silhouetteByK,
      Map<Integer, Double> parentStabilityByK,
      int mergedFineTopics,
      Map<String, Double> seconds) {}
}
