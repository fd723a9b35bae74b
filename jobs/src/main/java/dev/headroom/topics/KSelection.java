package dev.headroom.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/**
 * Chooses k on the driver, over a bounded sample of L2-normalized feature vectors: spherical
 * k-means (k-means++ seeding, Lloyd iterations) for each candidate k, scored by the cosine
 * silhouette.
 *
 * <p>The sample is about {@code topics.selection-sample} vectors (a few megabytes), so it fits the
 * driver whatever the input size. On Spark each candidate was some forty small jobs whose time went
 * to scheduling; here the same arithmetic takes a fraction of a second per candidate. BENCHMARKS.md
 * has the figures. When the sample is every ticket, the final k-means runs here too ({@link
 * #refine}).
 *
 * <p>The silhouette is Spark's {@code ClusteringEvaluator} definition for cosine distance, computed
 * exactly from each cluster's vector sum: a point's mean distance to the members of a cluster of
 * {@code n} is {@code 1 - x·S/n}, its own cluster excluding itself, and a point alone in its
 * cluster scores 0.
 *
 * <p>k is the first candidate from which the parent topics stop changing ({@link #choose}): the
 * parents (what a PM reads as causes) are grouped at each candidate as discover groups them ({@link
 * TopicHierarchy}), and from that k on, more fine topics only split phrasings inside parents. On
 * support tickets the silhouette keeps rising with k, so its highest is k-max; it decides only when
 * the parents never settle in the range.
 */
final class KSelection {

  /**
   * The least adjusted Rand index between the sample's parents at one candidate and at the next for
   * the two to count as the same parents: nearly every pair of tickets together at one is together
   * at the other.
   */
  static final double SAME_PARENTS = 0.95;

  private final int dimension;
  private final int[][] indices;
  private final double[][] values;

  private KSelection(int dimension, int[][] indices, double[][] values) {
    this.dimension = dimension;
    this.indices = indices;
    this.values = values;
  }

  /** The sample to choose on; every vector has the same size and a norm of 1 (or 0). */
  static KSelection of(List<Vector> vectors) {
    int dimension = vectors.isEmpty() ? 0 : vectors.get(0).size();
    int[][] indices = new int[vectors.size()][];
    double[][] values = new double[vectors.size()][];
    for (int i = 0; i < vectors.size(); i++) {
      SparseVector sparse = vectors.get(i).toSparse();
      indices[i] = sparse.indices();
      values[i] = sparse.values();
    }
    return new KSelection(dimension, indices, values);
  }

  /** How many vectors the sample holds. */
  int size() {
    return indices.length;
  }

  /** The length of every vector (the vocabulary's size). */
  int dimension() {
    return dimension;
  }

  /**
   * One candidate k fitted on the sample.
   *
   * @param k the number of fine topics
   * @param silhouette the mean cosine silhouette of the fine topics
   * @param parents each sampled vector's parent topic at this k
   */
  record Candidate(int k, double silhouette, int[] parents) {}

  /**
   * The candidates fitted in parallel on the driver's cores, in candidate order, each from its own
   * seeded generator, with their fine topics grouped into parents as discover groups them.
   *
   * @param tags each sampled vector's agent tag (null where it has none), or null without tags
   * @param parentFloor the least similarity of a merge into a parent ({@code
   *     topics.parent-similarity})
   */
  List<Candidate> candidates(
      List<Integer> ks, long seed, int maxIterations, String[] tags, double parentFloor) {
    return ks.parallelStream()
        .map(
            k -> {
              int[] topic = cluster(k, seed, maxIterations);
              return new Candidate(k, silhouette(topic, k), parentsOf(topic, k, tags, parentFloor));
            })
        .sorted(Comparator.comparingInt(Candidate::k))
        .toList();
  }

  /**
   * How alike the parents at each candidate are to those at the next: the adjusted Rand index
   * between the two partitions of the sample. The last candidate has no next, so no score.
   */
  static Map<Integer, Double> parentStability(List<Candidate> candidates) {
    Map<Integer, Double> byK = new TreeMap<>();
    for (int i = 0; i + 1 < candidates.size(); i++) {
      byK.put(
          candidates.get(i).k(),
          agreement(candidates.get(i).parents(), candidates.get(i + 1).parents()));
    }
    return byK;
  }

  /**
   * The first candidate whose parents are the same ({@link #SAME_PARENTS}) as the next candidate's;
   * where the parents never settle like that, the candidate with the highest silhouette.
   */
  static KChoice choose(List<Candidate> candidates) {
    Map<Integer, Double> stability = parentStability(candidates);
    for (int i = 0; i + 1 < candidates.size(); i++) {
      if (stability.get(candidates.get(i).k()) >= SAME_PARENTS) {
        return new KChoice(candidates.get(i).k(), KChoice.Rule.PARENTS_KEPT);
      }
    }
    Candidate best = candidates.get(0);
    for (Candidate candidate : candidates) {
      if (candidate.silhouette() > best.silhouette()) {
        best = candidate;
      }
    }
    return new KChoice(best.k(), KChoice.Rule.BEST_SILHOUETTE);
  }

  /** The adjusted Rand index of two partitions of the same vectors. */
  private static double agreement(int[] a, int[] b) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    for (int i = 0; i < a.length; i++) {
      counts
          .computeIfAbsent(Integer.toString(a[i]), x -> new HashMap<>())
          .merge(Integer.toString(b[i]), 1L, Long::sum);
    }
    return ClusterAgreement.ari(counts);
  }

  /**
   * Each vector's parent: the fine topics' normalized mean vectors, sizes and agent tags grouped by
   * {@link TopicHierarchy}, as discover groups the final model's topics.
   */
  int[] parentsOf(int[] topic, int k, String[] tags, double parentFloor) {
    double[][] centres = clusterSums(topic, k);
    for (double[] centre : centres) {
      normalize(centre);
    }
    long[] sizes = new long[k];
    List<Map<String, Long>> tagCounts = tags == null ? null : new ArrayList<>();
    for (int t = 0; tagCounts != null && t < k; t++) {
      tagCounts.add(new HashMap<>());
    }
    for (int i = 0; i < topic.length; i++) {
      sizes[topic[i]]++;
      if (tagCounts != null && tags[i] != null) {
        tagCounts.get(topic[i]).merge(tags[i], 1L, Long::sum);
      }
    }
    double stopBelow = TopicHierarchy.stoppingSimilarity(centres, parentFloor);
    int[] parentOfTopic = TopicHierarchy.parents(centres, sizes, stopBelow, tagCounts);
    int[] parent = new int[topic.length];
    for (int i = 0; i < topic.length; i++) {
      parent[i] = parentOfTopic[topic[i]];
    }
    return parent;
  }

  /**
   * Spherical k-means: the topic of each vector, 0..k-1. Centres start by k-means++ (each next
   * centre drawn with probability proportional to its cosine distance from the nearest chosen one),
   * then move to the normalized mean of their members until no vector changes topic or {@code
   * maxIterations} have run. A centre that loses all its members stays where it was.
   */
  int[] cluster(int k, long seed, int maxIterations) {
    int n = size();
    double[][] centres = seedCentres(k, new Random(seed));
    int[] topic = new int[n];
    Arrays.fill(topic, -1);
    for (int iteration = 0; iteration < maxIterations; iteration++) {
      if (!assign(topic, centres)) {
        break;
      }
      moveCentres(topic, centres);
    }
    return topic;
  }

  /**
   * Spherical k-means from {@code start}, as MLlib's cosine k-means runs it: each vector goes to
   * its nearest centre (the first of equally near ones), and each centre with members moves to
   * their normalized sum, until every moved centre is within {@code tolerance} (cosine distance) of
   * where it was or {@code maxIterations} have run. A centre that loses all its members stays where
   * it was.
   *
   * @param start normalized centres, left as they are
   * @return the final centres, in the order of {@code start}
   */
  double[][] refine(double[][] start, int maxIterations, double tolerance) {
    double[][] centres = new double[start.length][];
    for (int c = 0; c < start.length; c++) {
      centres[c] = start[c].clone();
    }
    int[] topic = new int[size()];
    for (int iteration = 0; iteration < maxIterations; iteration++) {
      assign(topic, centres);
      if (moveCentres(topic, centres) <= tolerance) {
        break;
      }
    }
    return centres;
  }

  /** Gives each vector its nearest centre in {@code topic}; whether any vector changed topic. */
  private boolean assign(int[] topic, double[][] centres) {
    boolean changed = false;
    for (int i = 0; i < topic.length; i++) {
      int nearest = nearest(i, centres);
      if (nearest != topic[i]) {
        topic[i] = nearest;
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Moves each centre with members to their normalized sum (one without stays where it was); the
   * farthest any centre moved, as cosine distance.
   */
  private double moveCentres(int[] topic, double[][] centres) {
    double[][] sums = clusterSums(topic, centres.length);
    double farthest = 0;
    for (int c = 0; c < centres.length; c++) {
      if (normalize(sums[c])) {
        farthest = Math.max(farthest, 1.0 - dot(centres[c], sums[c]));
        centres[c] = sums[c];
      }
    }
    return farthest;
  }

  /**
   * The mean silhouette over the sample of the assignment {@code topic} into {@code k} topics, with
   * cosine distance.
   */
  double silhouette(int[] topic, int k) {
    int n = size();
    if (n == 0) {
      return 0.0;
    }
    double[][] sums = clusterSums(topic, k);
    int[] members = new int[k];
    for (int t : topic) {
      members[t]++;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      int own = topic[i];
      if (members[own] <= 1) {
        continue;
      }
      double selfSimilarity = dot(values[i], values[i]);
      double within = 1.0 - (dot(i, sums[own]) - selfSimilarity) / (members[own] - 1);
      double nearestOther = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && members[c] > 0) {
          nearestOther = Math.min(nearestOther, 1.0 - dot(i, sums[c]) / members[c]);
        }
      }
      if (nearestOther == Double.POSITIVE_INFINITY) {
        continue;
      }
      double larger = Math.max(within, nearestOther);
      total += larger == 0 ? 0 : (nearestOther - within) / larger;
    }
    return total / n;
  }

  private double[][] seedCentres(int k, Random random) {
    int n = size();
    double[][] centres = new double[k][];
    centres[0] = dense(random.nextInt(n));
    double[] distance = new double[n];
    Arrays.fill(distance, Double.POSITIVE_INFINITY);
    lowerDistances(distance, centres[0]);
    // Greedy k-means++: of a few draws, the one that leaves the least total distance. One draw
    // often lands a second centre in a topic that has one, which Lloyd's steps rarely undo.
    int draws = 2 + (int) Math.log(k);
    int chosen = 1;
    for (; chosen < k; chosen++) {
      double total = Arrays.stream(distance).sum();
      if (total == 0) {
        break; // fewer different vectors than k: the rest would repeat a centre
      }
      double[] bestDistance = null;
      int best = -1;
      for (int draw = 0; draw < draws; draw++) {
        int candidate = drawByDistance(distance, total, random);
        double[] after = distance.clone();
        lowerDistances(after, dense(candidate));
        if (bestDistance == null
            || Arrays.stream(after).sum() < Arrays.stream(bestDistance).sum()) {
          bestDistance = after;
          best = candidate;
        }
      }
      centres[chosen] = dense(best);
      distance = bestDistance;
    }
    return Arrays.copyOf(centres, chosen);
  }

  /** Lowers each vector's distance to its nearest centre by a new centre. */
  private void lowerDistances(double[] distance, double[] centre) {
    for (int i = 0; i < distance.length; i++) {
      distance[i] = Math.min(distance[i], Math.max(0, 1.0 - dot(i, centre)));
    }
  }

  /** A vector drawn with probability proportional to its distance (k-means++ on unit vectors). */
  private static int drawByDistance(double[] distance, double total, Random random) {
    double target = random.nextDouble() * total;
    for (int i = 0; i < distance.length; i++) {
      target -= distance[i];
      if (target < 0) {
        return i;
      }
    }
    for (int i = distance.length - 1; i > 0; i--) {
      if (distance[i] > 0) {
        return i;
      }
    }
    return 0;
  }

  private int nearest(int i, double[][] centres) {
    int best = 0;
    double bestSimilarity = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < centres.length; c++) {
      double similarity = dot(i, centres[c]);
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        best = c;
      }
    }
    return best;
  }

  /** Each topic's sum of its members' vectors, for topics 0..k-1. */
  double[][] clusterSums(int[] topic, int k) {
    double[][] sums = new double[k][dimension];
    for (int i = 0; i < topic.length; i++) {
      double[] sum = sums[topic[i]];
      for (int j = 0; j < indices[i].length; j++) {
        sum[indices[i][j]] += values[i][j];
      }
    }
    return sums;
  }

  /** Scales a cluster's vector sum to length 1 in place; false for an empty cluster's zeros. */
  static boolean normalize(double[] sum) {
    double norm = Math.sqrt(dot(sum, sum));
    if (norm == 0) {
      return false;
    }
    for (int d = 0; d < sum.length; d++) {
      sum[d] /= norm;
    }
    return true;
  }

  private double[] dense(int i) {
    double[] vector = new double[dimension];
    for (int j = 0; j < indices[i].length; j++) {
      vector[indices[i][j]] = values[i][j];
    }
    return vector;
  }

  private double dot(int i, double[] dense) {
    double sum = 0;
    for (int j = 0; j < indices[i].length; j++) {
      sum += values[i][j] * dense[indices[i][j]];
    }
    return sum;
  }

  /** The dot product of two dense vectors of one length. */
  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int d = 0; d < a.length; d++) {
      sum += a[d] * b[d];
    }
    return sum;
  }
}
