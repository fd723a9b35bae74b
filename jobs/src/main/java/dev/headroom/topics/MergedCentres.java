package dev.headroom.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starting centres for the final k-means: the selection sample clustered into {@link
 * #FINE_PER_TOPIC} times k fine topics, which are then merged pairwise down to k, each time the
 * pair whose merge loses the least of the spherical k-means objective.
 *
 * <p>Spherical k-means maximizes the sum, over topics, of the length of the topic's summed unit
 * vectors. Merging topics {@code a} and {@code b} changes that sum by {@code |Sa + Sb| - |Sa| -
 * |Sb|} (never positive): two halves of one cause lose almost nothing, two causes lose much.
 * k-means seeded directly with k centres (k-means++ or k-means||) settles where its seeds fell: on
 * banking77, centres started at the 77 intents' own means reach a lower objective than k-means from
 * its seeds does, and agree with the intents far better. Over-clustering and merging reaches such a
 * lower objective without the labels (docs/topics.md, "Clustering").
 */
final class MergedCentres {

  /**
   * Fine topics per final topic clustered before merging (3, 4 and 5 measured; docs/topics.md,
   * "Over-cluster, then merge").
   */
  static final int FINE_PER_TOPIC = 4;

  /**
   * The share of {@code topics.parent-similarity} below which two fine topics' centres are too
   * unlike to merge while any other pair may. A fine topic of a few dozen tickets has a noisier
   * centre than a parent of hundreds, so two halves of one cause can sit below the parents'
   * threshold: at the full threshold banking77 reached 0.610, at half of it 0.623.
   */
  static final double FLOOR_SHARE = 0.5;

  private MergedCentres() {}

  /**
   * Starting centres and where they came from.
   *
   * @param centres k normalized centres (fewer when the sample has fewer different vectors)
   * @param fineTopics the fine topics the sample was clustered into and merged from
   */
  record Start(double[][] centres, int fineTopics) {}

  /**
   * k normalized centres (fewer when the sample has fewer different vectors) from the sample's fine
   * topics merged by least loss of the objective.
   *
   * @param tags each sampled vector's agent tag (null where it has none), or null without tags
   * @param parentSimilarity {@code topics.parent-similarity}; fine topics whose centres are less
   *     alike than {@link #FLOOR_SHARE} of it merge only when no other pair is left
   */
  static Start of(
      KSelection sample,
      String[] tags,
      int k,
      long seed,
      int maxIterations,
      double parentSimilarity) {
    int[] fineTopic = sample.cluster(k * FINE_PER_TOPIC, seed, maxIterations);
    int fine = 0;
    for (int t : fineTopic) {
      fine = Math.max(fine, t + 1);
    }
    double[][] fineSums = sample.clusterSums(fineTopic, fine);
    List<Map<String, Long>> fineTags = new ArrayList<>();
    for (int t = 0; t < fine; t++) {
      fineTags.add(new HashMap<>());
    }
    for (int i = 0; tags != null && i < fineTopic.length; i++) {
      if (tags[i] != null) {
        fineTags.get(fineTopic[i]).merge(tags[i], 1L, Long::sum);
      }
    }
    int[] group = merge(fineSums, fineTags, k, parentSimilarity * FLOOR_SHARE);
    int groups = 0;
    for (int g : group) {
      groups = Math.max(groups, g + 1);
    }
    double[][] centres = new double[groups][sample.dimension()];
    for (int t = 0; t < fine; t++) {
      for (int d = 0; d < centres[group[t]].length; d++) {
        centres[group[t]][d] += fineSums[t][d];
      }
    }
    for (double[] centre : centres) {
      KSelection.normalize(centre);
    }
    return new Start(centres, fine);
  }

  /**
   * Merges topics with vector sums {@code sums} pairwise until {@code k} remain (or as many as
   * there are), always the pair losing the least of the objective, ties to the lower indices. Empty
   * topics (a zero sum) are merged first: they lose nothing. As parents are grouped ({@link
   * TopicHierarchy}), two topics the agents tag differently merge only when no other pair is left:
   * two small causes lose little of the objective when joined, however unlike they are, while
   * agents tag each its own way.
   *
   * @param tags each topic's agent tags and their ticket counts (empty maps without tags)
   * @param floor the least cosine of two topics' centres for them to merge while another pair may
   * @return each topic's group, 0..groups-1, numbered in order of each group's first topic
   */
  static int[] merge(double[][] sums, List<Map<String, Long>> tags, int k, double floor) {
    int n = sums.length;
    // Dot products of the groups' sums, updated on each merge: (Sa + Sb)·Sc = Sa·Sc + Sb·Sc.
    double[][] dots = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        dots[a][b] = KSelection.dot(sums[a], sums[b]);
        dots[b][a] = dots[a][b];
      }
    }
    List<Map<String, Long>> groupTags = new ArrayList<>();
    tags.forEach(t -> groupTags.add(new HashMap<>(t)));
    int[] groupOf = new int[n];
    boolean[] alive = new boolean[n];
    for (int t = 0; t < n; t++) {
      groupOf[t] = t;
      alive[t] = true;
    }
    for (int remaining = n; remaining > Math.max(1, k); remaining--) {
      int bestA = -1;
      int bestB = -1;
      double bestLoss = Double.POSITIVE_INFINITY;
      boolean bestAllowed = false;
      for (int a = 0; a < n; a++) {
        if (!alive[a]) {
          continue;
        }
        double normA = Math.sqrt(dots[a][a]);
        for (int b = a + 1; b < n; b++) {
          if (!alive[b]) {
            continue;
          }
          double normB = Math.sqrt(dots[b][b]);
          double merged = Math.sqrt(Math.max(0, dots[a][a] + dots[b][b] + 2 * dots[a][b]));
          double loss = normA + normB - merged;
          boolean allowed =
              !TopicHierarchy.taggedApart(groupTags.get(a), groupTags.get(b))
                  && (normA == 0 || normB == 0 || dots[a][b] >= floor * normA * normB);
          if ((allowed && !bestAllowed) || (allowed == bestAllowed && loss < bestLoss)) {
            bestLoss = loss;
            bestAllowed = allowed;
            bestA = a;
            bestB = b;
          }
        }
      }
      double selfDot = dots[bestA][bestA] + dots[bestB][bestB] + 2 * dots[bestA][bestB];
      for (int c = 0; c < n; c++) {
        dots[bestA][c] += dots[bestB][c];
        dots[c][bestA] = dots[bestA][c];
      }
      dots[bestA][bestA] = selfDot;
      alive[bestB] = false;
      Map<String, Long> into = groupTags.get(bestA);
      groupTags.get(bestB).forEach((tag, count) -> into.merge(tag, count, Long::sum));
      for (int t = 0; t < n; t++) {
        if (groupOf[t] == bestB) {
          groupOf[t] = bestA;
        }
      }
    }
    int[] number = new int[n];
    java.util.Arrays.fill(number, -1);
    int next = 0;
    int[] group = new int[n];
    for (int t = 0; t < n; t++) {
      if (number[groupOf[t]] < 0) {
        number[groupOf[t]] = next++;
      }
      group[t] = number[groupOf[t]];
    }
    return group;
  }
}
