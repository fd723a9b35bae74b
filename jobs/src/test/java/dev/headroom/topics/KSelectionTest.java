package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class KSelectionTest {

  private static final int DIMENSION = 60;

  /**
   * Tickets of {@code topics} causes: each draws 3 of its cause's 6 terms and 1 of 30 shared words,
   * as presence weights normalized to length 1.
   */
  static List<Vector> tickets(int topics, int perTopic, long seed) {
    Random random = new Random(seed);
    List<Vector> vectors = new ArrayList<>();
    for (int t = 0; t < topics; t++) {
      for (int i = 0; i < perTopic; i++) {
        double[] v = new double[DIMENSION];
        for (int term = 0; term < 5; term++) {
          v[t * 6 + term] = 1;
        }
        v[t * 6 + random.nextInt(5)] = 0;
        v[30 + random.nextInt(30)] = 1;
        vectors.add(Vectors.dense(v).compressed());
      }
    }
    return vectors.stream().map(KSelectionTest::normalized).toList();
  }

  private static Vector normalized(Vector v) {
    double norm = Vectors.norm(v, 2);
    double[] values = v.toArray();
    for (int d = 0; d < values.length; d++) {
      values[d] /= norm;
    }
    return Vectors.dense(values).compressed();
  }

  @Test
  void theSilhouetteIsSparksCosineSilhouette() {
    List<Vector> vectors = tickets(4, 40, 7);
    KSelection selection = KSelection.of(vectors);
    // An assignment that is partly wrong, with one topic of a single ticket, so every term of the
    // definition counts: own-cluster distance without the ticket itself, the nearest other
    // cluster, and zero for a ticket alone in its topic.
    int[] topic = new int[vectors.size()];
    for (int i = 0; i < topic.length; i++) {
      topic[i] = (i / 40 + (i % 9 == 0 ? 1 : 0)) % 4;
    }
    topic[5] = 4;
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < topic.length; i++) {
      rows.add(RowFactory.create(vectors.get(i), topic[i]));
    }
    StructType schema =
        new StructType().add("features", new VectorUDT()).add("prediction", DataTypes.IntegerType);
    Dataset<Row> frame = TestSpark.session().createDataFrame(rows, schema);
    double spark =
        new ClusteringEvaluator()
            .setDistanceMeasure("cosine")
            .setFeaturesCol("features")
            .evaluate(frame);

    assertEquals(spark, selection.silhouette(topic, 5), 1e-9);
  }

  @Test
  void theSilhouettePeaksAtThePlantedNumberOfTopics() {
    KSelection selection = KSelection.of(tickets(5, 60, 11));
    List<KSelection.Candidate> candidates =
        selection.candidates(List.of(2, 3, 4, 5, 6, 7, 8), 42, 40, null, 0.2);

    KSelection.Candidate best =
        candidates.stream()
            .max(java.util.Comparator.comparingDouble(KSelection.Candidate::silhouette))
            .orElseThrow();
    assertEquals(5, best.k(), "silhouettes by k: " + silhouettes(candidates));
  }

  @Test
  void kMeansRecoversThePlantedTopicsAndRepeatsItselfForASeed() {
    List<Vector> vectors = tickets(5, 60, 3);
    KSelection selection = KSelection.of(vectors);
    int[] topic = selection.cluster(5, 42, 40);

    // Every planted cause lands whole in one topic, and no two causes share one.
    boolean[] used = new boolean[5];
    for (int cause = 0; cause < 5; cause++) {
      int first = topic[cause * 60];
      for (int i = cause * 60; i < (cause + 1) * 60; i++) {
        assertEquals(first, topic[i], "ticket " + i + " of cause " + cause);
      }
      assertTrue(!used[first], "two causes in topic " + first);
      used[first] = true;
    }
    assertArrayEquals(topic, KSelection.of(vectors).cluster(5, 42, 40));
  }

  @Test
  void theFinalKMeansOnTheDriverEndsWhereMllibsEndsFromTheSameStart() {
    // Noisier tickets than the planted ones (term weights drawn at random, three more shared words
    // each) and a poor start: three centres in cause 0, none in cause 3, so the centres move for
    // several iterations. Random weights leave no two centres equally near a ticket: MLlib breaks
    // such ties by rounding in its norms, this by the centres' order.
    Random random = new Random(11);
    List<Vector> vectors = new ArrayList<>();
    for (Vector v : tickets(4, 50, 5)) {
      double[] values = v.toArray();
      for (int d = 0; d < values.length; d++) {
        values[d] *= 0.5 + random.nextDouble();
      }
      for (int w = 0; w < 3; w++) {
        values[30 + random.nextInt(30)] += random.nextDouble();
      }
      vectors.add(normalized(Vectors.dense(values)));
    }
    double[][] start = {
      vectors.get(0).toArray(),
      vectors.get(1).toArray(),
      vectors.get(60).toArray(),
      vectors.get(110).toArray(),
      vectors.get(2).toArray()
    };
    double[][] before =
        java.util.Arrays.stream(start).map(double[]::clone).toArray(double[][]::new);
    double[][] ours = KSelection.of(vectors).refine(start, 40, TopicModeler.MLLIB_KMEANS_TOLERANCE);

    org.apache.spark.mllib.linalg.Vector[] theirs =
        new org.apache.spark.mllib.clustering.KMeans()
            .setK(start.length)
            .setMaxIterations(40)
            .setDistanceMeasure("cosine")
            .setInitialModel(
                new org.apache.spark.mllib.clustering.KMeansModel(
                    java.util.Arrays.stream(start)
                        .map(org.apache.spark.mllib.linalg.Vectors::dense)
                        .toArray(org.apache.spark.mllib.linalg.Vector[]::new),
                    "cosine"))
            .run(
                new org.apache.spark.api.java.JavaSparkContext(TestSpark.session().sparkContext())
                    .parallelize(
                        vectors.stream()
                            .map(org.apache.spark.mllib.linalg.Vectors::fromML)
                            .toList(),
                        3)
                    .rdd())
            .clusterCenters();
    assertEquals(theirs.length, ours.length);
    for (int c = 0; c < ours.length; c++) {
      assertArrayEquals(theirs[c].toArray(), ours[c], 1e-9, "centre " + c);
    }
    double moved = 0;
    for (int c = 0; c < ours.length; c++) {
      moved = Math.max(moved, 1 - KSelection.dot(start[c], ours[c]));
    }
    assertTrue(moved > 0.05, "the centres hardly moved: " + moved);
    for (int c = 0; c < start.length; c++) {
      assertArrayEquals(before[c], start[c], "the start is left as it was");
    }
  }

  @Test
  void fewerDifferentTicketsThanKLeaveTheExtraTopicsEmpty() {
    Vector a = normalized(Vectors.dense(1, 1, 0, 0));
    Vector b = normalized(Vectors.dense(0, 0, 1, 1));
    KSelection selection = KSelection.of(List.of(a, a, a, b, b, b));
    int[] topic = selection.cluster(4, 42, 40);

    assertEquals(topic[0], topic[2]);
    assertEquals(topic[3], topic[5]);
    assertTrue(topic[0] != topic[3]);
    assertEquals(1.0, selection.silhouette(topic, 4), 1e-9);
  }

  /**
   * Tickets of four causes, each phrased two ways: a cause's three terms, one phrasing's three
   * terms, and one of 30 shared words. Ticket i is of cause i / (2 * perPhrasing).
   */
  private static List<Vector> phrasedTickets(int perPhrasing, long seed) {
    Random random = new Random(seed);
    List<Vector> vectors = new ArrayList<>();
    for (int cause = 0; cause < 4; cause++) {
      for (int phrasing = 0; phrasing < 2; phrasing++) {
        for (int i = 0; i < perPhrasing; i++) {
          double[] v = new double[DIMENSION];
          for (int term = 0; term < 3; term++) {
            v[cause * 3 + term] = 1;
            v[12 + (cause * 2 + phrasing) * 3 + term] = 1;
          }
          v[36 + random.nextInt(24)] = 1;
          vectors.add(normalized(Vectors.dense(v)));
        }
      }
    }
    return vectors;
  }

  @Test
  void kIsWhereTheParentsStopChangingNotWhereTheSilhouettePeaks() {
    int perPhrasing = 40;
    KSelection selection = KSelection.of(phrasedTickets(perPhrasing, 5));
    List<KSelection.Candidate> candidates =
        selection.candidates(List.of(2, 3, 4, 5, 6, 7, 8), 42, 40, null, 0.2);
    Map<Integer, Double> stability = KSelection.parentStability(candidates);
    int bestSilhouette =
        candidates.stream()
            .max(java.util.Comparator.comparingDouble(KSelection.Candidate::silhouette))
            .orElseThrow()
            .k();

    // The silhouette rewards the eight phrasings; the parents are the four causes from k = 4 on.
    assertEquals(8, bestSilhouette, "silhouettes by k: " + silhouettes(candidates));
    assertEquals(
        new KChoice(4, KChoice.Rule.PARENTS_KEPT),
        KSelection.choose(candidates),
        "parents kept by the next k: " + stability);
    int[] parents = candidates.get(2).parents();
    for (int i = 0; i < parents.length; i++) {
      int firstOfCause = i / (2 * perPhrasing) * 2 * perPhrasing;
      assertEquals(parents[firstOfCause], parents[i], "ticket " + i);
    }
    assertEquals(4, java.util.Arrays.stream(parents).distinct().count());
    assertTrue(stability.get(3) < KSelection.SAME_PARENTS, "three topics merge two causes");
  }

  @Test
  void whereTheParentsNeverSettleTheBestSilhouetteChooses() {
    int[] a = {0, 0, 1, 1, 2, 2};
    int[] b = {0, 1, 0, 1, 0, 1};
    int[] c = {0, 0, 0, 1, 1, 1};
    List<KSelection.Candidate> unsettled =
        List.of(
            new KSelection.Candidate(2, 0.10, a),
            new KSelection.Candidate(3, 0.30, b),
            new KSelection.Candidate(4, 0.20, c));
    assertEquals(new KChoice(3, KChoice.Rule.BEST_SILHOUETTE), KSelection.choose(unsettled));

    List<KSelection.Candidate> settling =
        List.of(
            new KSelection.Candidate(2, 0.10, a),
            new KSelection.Candidate(3, 0.20, b),
            new KSelection.Candidate(4, 0.25, b),
            new KSelection.Candidate(5, 0.30, c));
    assertEquals(new KChoice(3, KChoice.Rule.PARENTS_KEPT), KSelection.choose(settling));
    assertEquals(
        Map.of(2, -0.36, 3, 1.0, 4, -0.11), roundedTo(KSelection.parentStability(settling)));
  }

  private static Map<Integer, Double> silhouettes(List<KSelection.Candidate> candidates) {
    Map<Integer, Double> byK = new java.util.TreeMap<>();
    candidates.forEach(candidate -> byK.put(candidate.k(), candidate.silhouette()));
    return byK;
  }

  private static Map<Integer, Double> roundedTo(Map<Integer, Double> scores) {
    Map<Integer, Double> rounded = new java.util.TreeMap<>();
    scores.forEach((k, v) -> rounded.put(k, Math.round(v * 100) / 100.0));
    return rounded;
  }
}
