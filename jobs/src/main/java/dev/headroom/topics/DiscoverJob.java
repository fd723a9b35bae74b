package dev.headroom.topics;

import static dev.headroom.common.Table.Topics.LEVEL_PARENT;
import static dev.headroom.common.Table.Topics.LEVEL_TOPIC;
import static dev.headroom.common.Table.Topics.UNCLASSIFIED_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.when;

import dev.headroom.common.BaseJob;
import dev.headroom.common.ConfigKeys;
import dev.headroom.common.DeltaIo;
import dev.headroom.common.Exemplar;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import dev.headroom.common.JobRun;
import dev.headroom.common.MonthWindow;
import dev.headroom.common.RunRecord;
import dev.headroom.common.SideBySide;
import dev.headroom.common.Table;
import dev.headroom.common.TopicSettings;
import dev.headroom.text.TicketAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code discover}: root-cause topics from the clean tickets of a window.
 *
 * <p>Reads {@code tickets}, fits the topic pipeline ({@link TopicModeler}), and writes {@code
 * topics} (one row per topic per run: stable id, label terms, exemplars, size, dominant agent tag,
 * the previous topic it continues), {@code ticket_topics} (each ticket's topic, replacing the
 * window's months), the fitted pipeline under {@code models/<run id>}, and a {@code runs} record
 * with k, the selection scores and the agreement with agent tags.
 */
public final class DiscoverJob extends BaseJob<DiscoverJob, DiscoverResult> {

  /** The job name. */
  public static final String NAME = "discover";

  private static final String PARENT = "parent";

  /** Heaviest centre terms kept per topic for identity across runs. */
  public static final int CENTRE_TERMS = 50;

  /** Tickets per partition of the clustering input, whatever the cluster's shape. */
  static final long TICKETS_PER_PARTITION = 25_000;

  /** Fewest partitions of the clustering input: enough to keep a few cores busy tokenizing. */
  static final int MIN_PARTITIONS = 4;

  /**
   * Fewest of a fine topic's tickets in one language for that language to have its own emerging
   * threshold: at the shipped 5% quantile, twenty tickets put one below it.
   */
  static final int EMERGING_MIN_TICKETS = 20;

  private DiscoverJob(SparkSession spark, HeadroomConfig config) {
    super(NAME, spark, config);
  }

  /** A job for this session and configuration. */
  public static DiscoverJob of(SparkSession spark, HeadroomConfig config) {
    return new DiscoverJob(spark, config);
  }

  @Override
  protected DiscoverJob self() {
    return this;
  }

  /** Reads and tokenizes the window's tickets, fits, summarizes, writes. */
  @Override
  protected DiscoverResult run(JobRun run) {
    TopicSettings settings = config.topics();
    Instant t0 = Instant.now();
    TopicModeler modeler =
        TopicModeler.of(settings)
            .languageColumn("language")
            .parentGrouping("agent_tag", config.parentSimilarity());
    SeedTerms seeds = SeedTerms.of(config.taxonomy(), modeler.tokenizerStage(), run.spark());
    Previous previous = previousTopics(run.spark(), seeds);
    checkSeedIdsAreFree(previous, seeds);
    // What each seed reads as, so a team can see a word the tokenizer left out.
    seeds
        .topics()
        .forEach(d -> run.parameter("taxonomy." + d.seed().verb() + "." + d.topicId(), d.readAs()));
    // Tokenize once: the months, the fit and the assignment all scan these rows.
    Dataset<Row> tickets =
        modeler
            .tokenizerStage()
            .transform(inDataOrder(readTickets(run.spark(), outputRoot(), window())))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // The first pass over the tickets reads and tokenizes them into the cache.
      List<String> months = months(run, tickets);
      run.seconds("tokenize", RunRecord.secondsSince(t0));
      // The team's seeded topics are found first: k-means clusters the tickets they leave.
      TopicModel fitted = run.stage("fit", () -> modeler.fit(seeds.outsideSeeds(tickets)));
      fitted.summary().seconds().forEach((step, s) -> run.seconds("fit." + step, s));
      Instant placing = Instant.now();
      Placement placement =
          run.stage("summarize", () -> place(run, fitted, tickets, seeds, previous));
      // Placing every ticket is the last of what scikit-learn's k-means also does (the bench).
      run.seconds("summarize.place", RunRecord.secondsSince(placing));
      try {
        Summary summary = run.stage("summarize", () -> summarize(run, fitted, placement, settings));
        String modelPath = modelPath(outputRoot(), run.runId());
        List<DiscoverResult.Topic> topics =
            run.stage(
                "write",
                () ->
                    write(
                        run,
                        fitted,
                        placement,
                        summary,
                        months,
                        modelPath,
                        config.taxonomy().names()));
        return record(run, settings, fitted, summary, months, modelPath, topics);
      } finally {
        placement.placed().unpersist();
      }
    } finally {
      tickets.unpersist();
    }
  }

  /** The window's months that have tickets, in order; an error when there are none. */
  private List<String> months(JobRun run, Dataset<Row> tickets) {
    List<String> months =
        tickets.select("month").distinct().as(Encoders.STRING()).collectAsList().stream()
            .sorted()
            .toList();
    if (months.isEmpty()) {
      throw new InputException(
          "No clean tickets in "
              + run.path(Table.TICKETS)
              + window().describe()
              + "; run ingest first");
    }
    return months;
  }

  /**
   * Every ticket placed in its fine topic and that topic's parent, with the stable ids.
   *
   * <p>Topics are numbered as the model numbers them (0 to k-1); the team's seeded and split-off
   * topics follow at k + their place among the taxonomy's seeds, each its own parent.
   *
   * @param placed the tickets with their fine topic and similarity (cached; the caller frees it)
   * @param assigned the same with the splits applied and each fine topic's parent
   * @param parentOf the parent of each fine topic, by the model's topic index
   * @param ids the stable ids of both levels
   */
  private record Placement(
      Dataset<Row> placed, Dataset<Row> assigned, int[] parentOf, Identities ids) {}

  private Placement place(
      JobRun run, TopicModel fitted, Dataset<Row> tickets, SeedTerms seeds, Previous previous) {
    SparkSession spark = run.spark();
    int k = fitted.getK();
    List<SeedTerms.Defined> defined = seeds.topics();
    // A seeded topic takes its tickets whatever the model says (the first seed that matches).
    Column topic = col(TopicModeler.TOPIC);
    for (int i = defined.size() - 1; i >= 0; i--) {
      if (defined.get(i).from() == null) {
        topic = when(defined.get(i).matches(), lit(k + i)).otherwise(topic);
      }
    }
    // The feature vectors have given each ticket its topic and similarity; nothing after reads
    // them, so the cache of every placed ticket leaves them out.
    Dataset<Row> placed =
        fitted
            .transform(tickets)
            .withColumn(TopicModeler.TOPIC, topic)
            .drop(TopicModeler.FEATURES)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Tallies tallies = Tallies.of(placed, k);
    Map<Integer, Long> sizes = tallies.sizes();
    int[] parentOf = parents(run, fitted, sizes, tallies.tags());
    Identities ids = identities(fitted, sizes, parentOf, seeds, previous);
    // Splits take the matching tickets of the topic they name (a fine topic, a parent, or an
    // earlier seed's topic), in file order; they need the stable ids, so they come after.
    Dataset<Row> split = placed;
    for (int i = 0; i < defined.size(); i++) {
      SeedTerms.Defined d = defined.get(i);
      if (d.from() != null) {
        List<Integer> indices = ids.indicesOf(d.from(), parentOf);
        Column from =
            indices.isEmpty() ? lit(false) : col(TopicModeler.TOPIC).isin(indices.toArray());
        split =
            split.withColumn(
                TopicModeler.TOPIC,
                when(from.and(d.matches()), lit(k + i)).otherwise(col(TopicModeler.TOPIC)));
      }
    }
    List<Row> parentRows = new ArrayList<>();
    for (int t = 0; t < k + defined.size(); t++) {
      parentRows.add(RowFactory.create(t, t < k ? parentOf[t] : t));
    }
    Dataset<Row> parentMap =
        spark.createDataFrame(
            parentRows,
            new StructType()
                .add(TopicModeler.TOPIC, DataTypes.IntegerType)
                .add(PARENT, DataTypes.IntegerType));
    Dataset<Row> assigned = split.join(broadcast(parentMap), TopicModeler.TOPIC, "left");
    return new Placement(placed, assigned, parentOf, ids);
  }

  /**
   * The stable ids of both levels, and the centre terms they were matched by.
   *
   * @param fineIds per fine topic of the model, its stable id
   * @param parentIds per parent (and per seeded or split-off topic), its stable id
   * @param fineCentres heaviest centre terms per fine topic
   * @param parentCentres the same per parent
   */
  private record Identities(
      Map<Integer, TopicSummaries.Identity> fineIds,
      Map<Integer, TopicSummaries.Identity> parentIds,
      Map<Integer, Map<String, Double>> fineCentres,
      Map<Integer, Map<String, Double>> parentCentres) {

    /** The topic numbers whose tickets count as topic {@code id}'s: its own, or its children's. */
    List<Integer> indicesOf(int id, int[] parentOf) {
      List<Integer> indices = new ArrayList<>();
      fineIds.forEach(
          (t, identity) -> {
            if (identity.topicId() == id || parentIds.get(parentOf[t]).topicId() == id) {
              indices.add(t);
            }
          });
      parentIds.forEach(
          (t, identity) -> {
            if (t >= parentOf.length && identity.topicId() == id) {
              indices.add(t);
            }
          });
      return indices;
    }
  }

  /**
   * Matches the fine topics and the parents to the previous run's by their centres; the team's
   * seeded and split-off topics keep the ids the team gave them, and new topics get ids no run has
   * given out and no seed takes.
   */
  private Identities identities(
      TopicModel fitted,
      Map<Integer, Long> sizes,
      int[] parentOf,
      SeedTerms seeds,
      Previous previous) {
    Map<Integer, Map<String, Double>> fineCentres =
        TopicSummaries.centreTerms(fitted, CENTRE_TERMS);
    Map<Integer, Map<String, Double>> parentCentres = parentCentres(fineCentres, sizes, parentOf);
    Map<Integer, Long> parentSizes = new TreeMap<>();
    for (int t = 0; t < parentOf.length; t++) {
      parentSizes.merge(parentOf[t], sizes.getOrDefault(t, 0L), Long::sum);
    }
    Set<Integer> taken = new HashSet<>(previous.allIds());
    taken.addAll(seeds.ids());
    int firstNew = previous.nextId();
    Map<Integer, TopicSummaries.Identity> fineIds =
        skipping(
            TopicSummaries.assignIds(
                fineCentres,
                sizes,
                previous.centres(LEVEL_TOPIC),
                config.matchSimilarity(),
                firstNew),
            firstNew,
            taken);
    int nextId =
        fineIds.values().stream().mapToInt(TopicSummaries.Identity::topicId).max().orElse(0) + 1;
    nextId = Math.max(nextId, firstNew);
    Map<Integer, TopicSummaries.Identity> parentIds =
        skipping(
            TopicSummaries.assignIds(
                parentCentres,
                parentSizes,
                previous.centres(LEVEL_PARENT),
                config.matchSimilarity(),
                nextId),
            nextId,
            taken);
    List<SeedTerms.Defined> defined = seeds.topics();
    for (int i = 0; i < defined.size(); i++) {
      int id = defined.get(i).topicId();
      parentIds.put(
          parentOf.length + i,
          new TopicSummaries.Identity(id, previous.latestIds().contains(id) ? id : null, null));
    }
    Set<Integer> known = new HashSet<>(previous.allIds());
    fineIds.values().forEach(id -> known.add(id.topicId()));
    parentIds.values().forEach(id -> known.add(id.topicId()));
    config.taxonomy().checkKnown(known);
    return new Identities(fineIds, parentIds, fineCentres, parentCentres);
  }

  /**
   * The same identities with the new ids ({@code firstNew} on) renumbered in their order to leave
   * out ids already taken (a seed's, or an old seed's still in {@code topics}).
   */
  private static Map<Integer, TopicSummaries.Identity> skipping(
      Map<Integer, TopicSummaries.Identity> ids, int firstNew, Set<Integer> taken) {
    Map<Integer, TopicSummaries.Identity> renumbered = new TreeMap<>(ids);
    int next = firstNew;
    for (var e :
        ids.entrySet().stream()
            .filter(e -> e.getValue().topicId() >= firstNew)
            .sorted(Comparator.comparingInt(e -> e.getValue().topicId()))
            .toList()) {
      while (taken.contains(next)) {
        next++;
      }
      TopicSummaries.Identity id = e.getValue();
      renumbered.put(
          e.getKey(),
          new TopicSummaries.Identity(next++, id.previousTopicId(), id.matchSimilarity()));
    }
    return renumbered;
  }

  /**
   * What the run found at both levels, with the stable ids matched against the previous run.
   *
   * @param fine the fine topics' sizes, labels, exemplars and tag agreement
   * @param coarse the same for the parents
   * @param total tickets in the window
   * @param unclassified tickets with too few terms
   * @param emergingBelow per fine topic, the similarities below which assign calls a ticket
   *     emerging
   * @param ids the stable ids of both levels and their centre terms
   */
  private record Summary(
      LevelSummary fine,
      LevelSummary coarse,
      long total,
      long unclassified,
      Map<Integer, EmergingBelow> emergingBelow,
      Identities ids) {

    Map<Integer, TopicSummaries.Identity> fineIds() {
      return ids.fineIds();
    }

    Map<Integer, TopicSummaries.Identity> parentIds() {
      return ids.parentIds();
    }
  }

  private Summary summarize(
      JobRun run, TopicModel fitted, Placement placement, TopicSettings settings) {
    Dataset<Row> assigned = placement.assigned();
    LevelSummary.Both levels = LevelSummary.of(assigned, settings);
    LevelSummary fine = levels.fine();
    LevelSummary coarse = levels.coarse();
    long total = fine.sizes.values().stream().mapToLong(Long::longValue).sum();
    java.util.Set<String> labelTerms = new java.util.HashSet<>(WrittenForms.termsOf(fine.labels));
    labelTerms.addAll(WrittenForms.termsOf(coarse.labels));
    Map<String, String> written =
        WrittenForms.of(
            placement.placed(),
            "language",
            fitted.tokenizerSettings().orElse(settings.tokenizer()),
            labelTerms,
            total,
            settings.seed());
    fine = fine.readable(written);
    coarse = coarse.readable(written);
    long unclassified = fine.sizes.getOrDefault(TopicModeler.UNCLASSIFIED, 0L);
    return new Summary(
        fine, coarse, total, unclassified, emergingThresholds(assigned), placement.ids());
  }

  /**
   * Each fine topic's emerging thresholds: the {@code topics.emerging-quantile} quantile of its
   * tickets' similarities to its centre, over all of them and for each language with at least
   * {@link #EMERGING_MIN_TICKETS} of them. One cause in two languages is one topic whose tickets
   * lie around two sets of words, so a language's quantile is its own tickets'.
   */
  private Map<Integer, EmergingBelow> emergingThresholds(Dataset<Row> assigned) {
    String language = "analysis_language";
    Map<Integer, Double> overall = new HashMap<>();
    Map<Integer, Map<String, Double>> byLanguage = new HashMap<>();
    // One pass: rollup gives each topic's row (language null) beside its topic x language rows.
    for (Row r :
        assigned
            .filter(col(TopicModeler.TOPIC).geq(0))
            .withColumn(language, TicketAnalyzer.analysisLanguage(col("text"), col("language")))
            .rollup(col(TopicModeler.TOPIC), col(language))
            .agg(
                percentile_approx(
                    col(TopicModeler.SIMILARITY), lit(config.emergingQuantile()), lit(10_000)),
                count(lit(1)))
            .filter(col(TopicModeler.TOPIC).isNotNull())
            .collectAsList()) {
      int topic = r.getInt(0);
      if (r.isNullAt(1)) {
        overall.put(topic, r.getDouble(2));
      } else if (r.getLong(3) >= EMERGING_MIN_TICKETS) {
        byLanguage.computeIfAbsent(topic, t -> new TreeMap<>()).put(r.getString(1), r.getDouble(2));
      }
    }
    Map<Integer, EmergingBelow> thresholds = new HashMap<>();
    overall.forEach(
        (topic, below) ->
            thresholds.put(
                topic, new EmergingBelow(below, byLanguage.getOrDefault(topic, Map.of()))));
    return thresholds;
  }

  /**
   * The similarities below which assign calls a ticket of a fine topic emerging.
   *
   * @param overall the quantile over all the topic's tickets
   * @param byLanguage the quantile over each language's tickets, where it has enough of them
   */
  record EmergingBelow(double overall, Map<String, Double> byLanguage) {}

  /** Writes topics, ticket_topics and the model; the topics for the result, largest first. */
  private static List<DiscoverResult.Topic> write(
      JobRun run,
      TopicModel fitted,
      Placement placement,
      Summary summary,
      List<String> months,
      String modelPath,
      Map<Integer, String> curatedNames) {
    SparkSession spark = run.spark();
    String runId = run.runId();
    int[] parentOf = placement.parentOf();
    Timestamp now = Timestamp.from(run.started());
    List<Row> topicRows = new ArrayList<>();
    List<DiscoverResult.Topic> topics = new ArrayList<>();
    for (var entry : new TreeMap<>(summary.parentIds()).entrySet()) {
      int parent = entry.getKey();
      topics.add(
          topicRow(
              topicRows,
              runId,
              now,
              LEVEL_PARENT,
              entry.getValue(),
              FineLink.NONE,
              summary.coarse(),
              parent,
              summary.total(),
              summary.ids().parentCentres().get(parent),
              curatedNames));
    }
    for (var entry : new TreeMap<>(summary.fineIds()).entrySet()) {
      int topic = entry.getKey();
      topics.add(
          topicRow(
              topicRows,
              runId,
              now,
              LEVEL_TOPIC,
              entry.getValue(),
              new FineLink(
                  topic,
                  summary.parentIds().get(parentOf[topic]).topicId(),
                  summary.emergingBelow().get(topic)),
              summary.fine(),
              topic,
              summary.total(),
              summary.ids().fineCentres().get(topic),
              curatedNames));
    }
    topicRows.add(unclassifiedRow(runId, now, summary.unclassified(), summary.total()));
    topics.sort((a, b) -> Long.compare(b.size(), a.size()));

    String note = run.commitNote();
    List<Row> idRows = new ArrayList<>();
    summary
        .fineIds()
        .forEach(
            (topic, id) ->
                idRows.add(
                    RowFactory.create(
                        topic, id.topicId(), summary.parentIds().get(parentOf[topic]).topicId())));
    // The team's seeded and split-off topics are their own parents, as unclassified is.
    summary
        .parentIds()
        .forEach(
            (topic, id) -> {
              if (topic >= parentOf.length) {
                idRows.add(RowFactory.create(topic, id.topicId(), id.topicId()));
              }
            });
    Dataset<Row> idMap =
        spark.createDataFrame(
            idRows,
            new StructType()
                .add(TopicModeler.TOPIC, DataTypes.IntegerType)
                .add("topic_id", DataTypes.IntegerType)
                .add("parent_topic_id", DataTypes.IntegerType));
    Dataset<Row> ticketTopics =
        placement
            .assigned()
            .join(broadcast(idMap), TopicModeler.TOPIC, "left")
            .select(
                col("ticket_id"),
                col("month"),
                coalesce(col("topic_id"), lit(UNCLASSIFIED_ID)).as("topic_id"),
                coalesce(col("parent_topic_id"), lit(UNCLASSIFIED_ID)).as("parent_topic_id"),
                col(TopicModeler.SIMILARITY),
                lit(false).as("emerging"),
                lit(runId).as("run_id"));
    SideBySide.run(
        spark,
        List.of(
            () ->
                DeltaIo.replaceSlice(
                    spark.createDataFrame(topicRows, Table.TOPICS.schema()),
                    run.path(Table.TOPICS),
                    "run_id = '" + runId + "'",
                    Table.TOPICS.partitionColumns(),
                    note),
            () ->
                DeltaIo.replaceSlice(
                    ticketTopics,
                    run.path(Table.TICKET_TOPICS),
                    "month IN " + DeltaIo.inList(months),
                    Table.TICKET_TOPICS.partitionColumns(),
                    note),
            () -> {
              try {
                fitted.write().overwrite().save(modelPath);
              } catch (IOException e) {
                throw new UncheckedIOException("Cannot save the topic model to " + modelPath, e);
              }
            }));
    return topics;
  }

  /** The run's counts, figures and parameters, and the result. */
  private DiscoverResult record(
      JobRun run,
      TopicSettings settings,
      TopicModel fitted,
      Summary summary,
      List<String> months,
      String modelPath,
      List<DiscoverResult.Topic> topics) {
    long total = summary.total();
    long unclassified = summary.unclassified();
    TagAgreement coarseTags = summary.coarse().tags;
    run.metric("k", fitted.getK());
    run.metric("parents", summary.parentIds().size());
    fitted.summary().silhouetteByK().forEach((k, sc) -> run.metric("silhouette.k" + k, sc));
    fitted
        .summary()
        .parentStabilityByK()
        .forEach((k, ari) -> run.metric("parent_stability.k" + k, ari));
    if (coarseTags.nmi() != null) {
      run.metric("agent_tag_nmi", coarseTags.nmi());
      run.metric("agent_tag_ari", coarseTags.ari());
      run.metric("agent_tag_nmi_fine", summary.fine().tags.nmi());
      run.metric("agent_tag_ari_fine", summary.fine().tags.ari());
    }
    run.metric("unclassified_share", total == 0 ? 0.0 : (double) unclassified / total);
    run.count("tickets", total);
    run.count("unclassified", unclassified);
    run.count("topics", fitted.getK());
    // How many terms the vocabulary kept: the cap (topics.vocabulary-size) reached, or not.
    run.count("vocabulary_terms", fitted.vocabulary().length);
    run.count("parent_topics", summary.parentIds().size());
    run.parameter("months", String.join(",", months));
    run.parameter(ConfigKeys.TOPICS_K.name(), Integer.toString(settings.k()));
    run.parameter("topics.k-range", settings.kMin() + ".." + settings.kMax());
    run.parameter("topics.k-chosen-by", fitted.summary().kChosenBy().key());
    run.parameter("term_weighting", fitted.termWeighting());
    int merged = fitted.summary().mergedFineTopics();
    run.parameter("kmeans_start", merged > 0 ? merged + " fine topics merged" : "k-means||");
    run.parameter(ConfigKeys.TOPICS_SEED.name(), Long.toString(settings.seed()));
    run.parameter(ConfigKeys.TOPICS_MAX_DOC_SHARE.name(), Double.toString(settings.maxDocShare()));
    run.parameter(
        ConfigKeys.TOPICS_PARENT_SIMILARITY.name(), Double.toString(config.parentSimilarity()));
    run.parameter("model", modelPath);
    return new DiscoverResult(
        run.runId(),
        fitted.getK(),
        fitted.summary().kChosenBy(),
        summary.parentIds().size(),
        fitted.summary().silhouetteByK(),
        fitted.summary().parentStabilityByK(),
        fitted.termWeighting(),
        fitted.vocabulary().length,
        merged,
        topics,
        total,
        unclassified,
        coarseTags.nmi(),
        coarseTags.ari(),
        modelPath,
        run.stageSeconds());
  }

  /**
   * Each fine topic's parent: centres merged while the merges stay close ({@link
   * TopicHierarchy#stoppingSimilarity}), never two groups the agents tag apart, and groups they tag
   * alike joined when their centres share some terms; both similarities used are recorded with the
   * run.
   */
  private int[] parents(
      JobRun run, TopicModel fitted, Map<Integer, Long> sizes, List<Map<String, Long>> tags) {
    double[][] centres = new double[fitted.getK()][];
    long[] weights = new long[fitted.getK()];
    for (int t = 0; t < fitted.getK(); t++) {
      centres[t] = fitted.centres()[t].toArray();
      weights[t] = sizes.getOrDefault(t, 0L);
    }
    double stopBelow = TopicHierarchy.stoppingSimilarity(centres, config.parentSimilarity());
    run.metric("parent_similarity_used", stopBelow);
    run.metric("parent_tag_join_similarity", TopicHierarchy.TAGGED_ALIKE_SHARE * stopBelow);
    return TopicHierarchy.parents(centres, weights, stopBelow, tags);
  }

  /**
   * Each placed topic's size, and each model topic's agent tags with their ticket counts (empty
   * where its tickets carry none): one Spark job for both.
   */
  private record Tallies(Map<Integer, Long> sizes, List<Map<String, Long>> tags) {

    static Tallies of(Dataset<Row> placed, int k) {
      Map<Integer, Long> sizes = new TreeMap<>();
      List<Map<String, Long>> tags = new ArrayList<>();
      for (int t = 0; t < k; t++) {
        tags.add(new HashMap<>());
      }
      for (Row r : placed.groupBy(TopicModeler.TOPIC, "agent_tag").count().collectAsList()) {
        int topic = r.getInt(0);
        sizes.merge(topic, r.getLong(2), Long::sum);
        if (!r.isNullAt(1) && topic >= 0 && topic < k) {
          tags.get(topic).put(r.getString(1), r.getLong(2));
        }
      }
      return new Tallies(sizes, tags);
    }
  }

  /** A parent's centre terms: its children's, weighted by size. */
  private static Map<Integer, Map<String, Double>> parentCentres(
      Map<Integer, Map<String, Double>> fine, Map<Integer, Long> sizes, int[] parentOf) {
    Map<Integer, Map<String, Double>> parents = new TreeMap<>();
    for (var e : fine.entrySet()) {
      Map<String, Double> parent =
          parents.computeIfAbsent(parentOf[e.getKey()], p -> new HashMap<>());
      double w = sizes.getOrDefault(e.getKey(), 0L);
      e.getValue().forEach((term, v) -> parent.merge(term, v * w, Double::sum));
    }
    Map<Integer, Map<String, Double>> top = new TreeMap<>();
    parents.forEach(
        (p, terms) -> {
          Map<String, Double> heaviest = new LinkedHashMap<>();
          terms.entrySet().stream()
              .sorted(
                  Map.Entry.<String, Double>comparingByValue()
                      .reversed()
                      .thenComparing(Map.Entry.comparingByKey()))
              .limit(CENTRE_TERMS)
              .forEach(t -> heaviest.put(t.getKey(), t.getValue()));
          top.put(p, heaviest);
        });
    return top;
  }

  /**
   * How a fine topic links to the model and its parent; none for a parent.
   *
   * @param modelTopic the model's topic index
   * @param parentTopicId the parent's stable id
   * @param emergingBelow the similarities below which assign calls a ticket emerging
   */
  private record FineLink(Integer modelTopic, Integer parentTopicId, EmergingBelow emergingBelow) {
    static final FineLink NONE = new FineLink(null, null, null);
  }

  /** Adds one topic's row of {@code topics} to {@code rows}; the topic for the result. */
  private static DiscoverResult.Topic topicRow(
      List<Row> rows,
      String runId,
      Timestamp now,
      int level,
      TopicSummaries.Identity id,
      FineLink link,
      LevelSummary summary,
      int topic,
      long total,
      Map<String, Double> centre,
      Map<Integer, String> curatedNames) {
    Integer parentTopicId = link.parentTopicId();
    List<String> terms = summary.labels.getOrDefault(topic, List.of());
    long size = summary.sizes.getOrDefault(topic, 0L);
    TagAgreement.DominantTag dominant = summary.tags.dominant().get(topic);
    Double dominantShare = dominant == null ? null : dominant.share();
    rows.add(
        RowFactory.create(
            runId,
            id.topicId(),
            level,
            curatedNames.getOrDefault(
                id.topicId(), summary.names.getOrDefault(topic, String.join(" · ", terms))),
            scalaSeq(terms),
            size,
            total == 0 ? 0.0 : (double) size / total,
            scalaSeq(
                summary.exemplars.getOrDefault(topic, List.of()).stream()
                    .map(e -> RowFactory.create(e.ticketId(), e.text()))
                    .toList()),
            dominant == null ? null : dominant.tag(),
            dominantShare,
            id.previousTopicId(),
            id.matchSimilarity(),
            parentTopicId,
            link.modelTopic(),
            link.emergingBelow() == null ? null : link.emergingBelow().overall(),
            link.emergingBelow() == null
                ? null
                : scala.collection.JavaConverters.mapAsScalaMap(link.emergingBelow().byLanguage()),
            scala.collection.JavaConverters.mapAsScalaMap(centre == null ? Map.of() : centre),
            now));
    return new DiscoverResult.Topic(
        id.topicId(),
        level,
        parentTopicId,
        id.previousTopicId(),
        terms,
        size,
        dominant == null ? null : dominant.tag(),
        dominantShare);
  }

  /** The row of the unclassified topic: tickets with too few terms to place. */
  private static Row unclassifiedRow(String runId, Timestamp now, long unclassified, long total) {
    return RowFactory.create(
        runId,
        UNCLASSIFIED_ID,
        LEVEL_PARENT,
        "unclassified",
        scalaSeq(List.of()),
        unclassified,
        total == 0 ? 0.0 : (double) unclassified / total,
        scalaSeq(List.of()),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        scala.collection.JavaConverters.mapAsScalaMap(Map.of()),
        now);
  }

  /** Sizes, label terms, exemplars and agent-tag agreement of one level's topics. */
  private record LevelSummary(
      Map<Integer, Long> sizes,
      Map<Integer, List<String>> labels,
      Map<Integer, List<Exemplar>> exemplars,
      TagAgreement tags,
      Map<Integer, String> names) {

    /** The same with label terms as people wrote them, and the names made from those. */
    LevelSummary readable(Map<String, String> written) {
      Map<Integer, List<String>> words = new TreeMap<>();
      labels.forEach((topic, terms) -> words.put(topic, WrittenForms.apply(terms, written)));
      return new LevelSummary(
          sizes, words, exemplars, tags, TopicNames.of(words, sizes, tags.dominant()));
    }

    /**
     * Both levels' summaries: the fine topics' and their parents' (the unclassified tickets are
     * their own at both). A parent's tickets are its topics' tickets, so one query per kind of
     * figure serves both levels, and the parents' sizes and tag counts are summed here.
     */
    static Both of(Dataset<Row> assigned, TopicSettings settings) {
      Dataset<Row> withParent =
          assigned.withColumn(PARENT, coalesce(col(PARENT), lit(TopicModeler.UNCLASSIFIED)));
      Map<Integer, Long> sizes = new TreeMap<>();
      Map<Integer, Long> parentSizes = new TreeMap<>();
      Map<String, Map<String, Long>> tags = new TreeMap<>();
      Map<String, Map<String, Long>> parentTags = new TreeMap<>();
      for (Row r :
          withParent.groupBy(TopicModeler.TOPIC, PARENT, "agent_tag").count().collectAsList()) {
        int topic = r.getInt(0);
        int parent = r.getInt(1);
        long n = r.getLong(3);
        sizes.merge(topic, n, Long::sum);
        parentSizes.merge(parent, n, Long::sum);
        if (topic >= 0 && !r.isNullAt(2)) {
          tags.computeIfAbsent(Integer.toString(topic), t -> new TreeMap<>())
              .merge(r.getString(2), n, Long::sum);
          parentTags
              .computeIfAbsent(Integer.toString(parent), t -> new TreeMap<>())
              .merge(r.getString(2), n, Long::sum);
        }
      }
      long placed =
          sizes.entrySet().stream()
              .filter(e -> e.getKey() >= 0)
              .mapToLong(Map.Entry::getValue)
              .sum();
      var labels = TopicSummaries.labelTerms(withParent, PARENT, settings.labelTerms(), placed);
      var exemplars =
          TopicSummaries.exemplars(withParent, PARENT, "ticket_id", "text", settings.exemplars());
      return new Both(
          new LevelSummary(
              sizes, labels.topics(), exemplars.topics(), TagAgreement.of(tags), Map.of()),
          new LevelSummary(
              parentSizes,
              labels.parents(),
              exemplars.parents(),
              TagAgreement.of(parentTags),
              Map.of()));
    }

    /** The fine topics' summary and their parents'. */
    record Both(LevelSummary fine, LevelSummary coarse) {}
  }

  /**
   * The tickets in partitions and an order that follow from the data alone: hashed by ticket id
   * into a number of partitions set by the row count, sorted by id within each. MLlib's k-means
   * draws its starting centres per partition, and the file splits Spark reads depend on the cores
   * and on how ingest wrote the table; this way local[1], local[*] and a cluster of any shape fit
   * the same topics from the same tickets (docs/cluster.md).
   */
  static Dataset<Row> inDataOrder(Dataset<Row> tickets) {
    long rows = tickets.count();
    int partitions =
        (int) Math.max(MIN_PARTITIONS, (rows + TICKETS_PER_PARTITION - 1) / TICKETS_PER_PARTITION);
    return tickets.repartition(partitions, col("ticket_id")).sortWithinPartitions("ticket_id");
  }

  /** The clean tickets of a window, as discover and assign read them. */
  static Dataset<Row> readTickets(SparkSession spark, String outputRoot, MonthWindow window) {
    return Table.TICKETS
        .read(spark, outputRoot)
        .filter(window.contains(col("month")))
        .select("ticket_id", "month", "text", "language", "agent_tag");
  }

  /**
   * The latest previous run's topic centres per level (leaving out the team's seeded and split-off
   * topics, whose ids are the team's), every id given out, and the next id after those discover
   * gave its own topics.
   */
  private Previous previousTopics(SparkSession spark, SeedTerms seeds) {
    if (!Table.TOPICS.exists(spark, outputRoot())) {
      return new Previous(Map.of(), Set.of(), Set.of(), Set.of(), UNCLASSIFIED_ID + 1);
    }
    Dataset<Row> all = Table.TOPICS.read(spark, outputRoot());
    Row latest =
        all.orderBy(col("created_at").desc(), col("run_id").desc()).select("run_id").first();
    // Discover's own topics are the fine topics and their parents; a level-1 row with no fine
    // topic under it is a seed's (or the unclassified bucket).
    Set<Integer> allIds = new HashSet<>();
    Set<Integer> discovered = new HashSet<>();
    for (Row r : all.select("level", "topic_id", "parent_topic_id").distinct().collectAsList()) {
      allIds.add(r.getInt(1));
      if (r.getInt(0) == LEVEL_TOPIC) {
        discovered.add(r.getInt(1));
        if (!r.isNullAt(2)) {
          discovered.add(r.getInt(2));
        }
      }
    }
    int nextId = discovered.stream().mapToInt(Integer::intValue).max().orElse(UNCLASSIFIED_ID) + 1;
    Map<Integer, Map<Integer, Map<String, Double>>> byLevel = new HashMap<>();
    Set<Integer> latestIds = new HashSet<>();
    for (Row r :
        all.filter(
                col("run_id")
                    .equalTo(latest.getString(0))
                    .and(col("topic_id").notEqual(UNCLASSIFIED_ID)))
            .select("level", "topic_id", "centre_terms")
            .collectAsList()) {
      latestIds.add(r.getInt(1));
      if (!seeds.ids().contains(r.getInt(1))) {
        byLevel
            .computeIfAbsent(r.getInt(0), l -> new HashMap<>())
            .put(r.getInt(1), r.getJavaMap(2));
      }
    }
    return new Previous(byLevel, latestIds, allIds, discovered, nextId);
  }

  /** Stops when a seed or split takes the id of a topic discover found (a fine topic or parent). */
  private void checkSeedIdsAreFree(Previous previous, SeedTerms seeds) {
    for (SeedTerms.Defined d : seeds.topics()) {
      if (previous.discovered().contains(d.topicId())) {
        int free = previous.allIds().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        throw new InputException(
            config.taxonomy().file()
                + ":"
                + d.seed().line()
                + " gives topic "
                + d.topicId()
                + " to a "
                + d.seed().verb()
                + ", but discover found a topic of its own under that id; choose an id no run has"
                + " given out (from "
                + free
                + " on)");
      }
    }
  }

  private static <T> scala.collection.Seq<T> scalaSeq(List<T> items) {
    return scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(items)).toSeq();
  }

  /**
   * What discover needs to know of the runs before.
   *
   * @param byLevel the latest run's centre terms per level and topic (not the seeds' topics)
   * @param latestIds every topic id of the latest run
   * @param allIds every topic id any run gave out
   * @param discovered the ids of discover's own topics (fine topics and parents) in any run
   * @param nextId the id after the largest of {@code discovered}
   */
  private record Previous(
      Map<Integer, Map<Integer, Map<String, Double>>> byLevel,
      Set<Integer> latestIds,
      Set<Integer> allIds,
      Set<Integer> discovered,
      int nextId) {

    Map<Integer, Map<String, Double>> centres(int level) {
      return byLevel.getOrDefault(level, Map.of());
    }
  }

  /** Where a discover run saves its fitted pipeline. */
  static String modelPath(String outputRoot, String runId) {
    return outputRoot + "/" + Table.MODELS_FOLDER + "/" + runId;
  }
}
