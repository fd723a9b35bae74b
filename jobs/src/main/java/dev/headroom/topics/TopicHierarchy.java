package dev.headroom.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups fine topics into parent topics: agglomerative clustering of the k-means centres, merging
 * at each step the two groups whose size-weighted mean centres are most similar (cosine). Fine
 * topics often split one cause by phrasing; their centres still share the cause's terms, so their
 * parents bring the cause back together: the two-level "tag depth" CX teams use.
 *
 * <p>Where every pair of centres is alike (long texts full of generic words), a fixed least
 * similarity would merge everything into one parent; the merging then stops relative to how alike
 * the centres typically are ({@link #stoppingSimilarity}). Where tickets carry agent tags, two
 * groups the agents tag differently stay apart however alike their centres ({@link
 * #parents(double[][], long[], double, List)}), and two groups they tag alike join when their
 * centres share some terms.
 *
 * <p>Works on the driver: k centres of at most the vocabulary size each.
 */
public final class TopicHierarchy {

  /**
   * How many standard deviations above the fine centres' mean pairwise similarity a merge must be
   * when that bound is above the configured floor (see {@link #stoppingSimilarity}).
   */
  public static final double SPREAD_ABOVE_MEAN = 2.0;

  private TopicHierarchy() {}

  /**
   * Each fine topic's parent: the groups left once the next merge would join groups less similar
   * than {@code stopBelow}.
   *
   * @param centres the k-means centres
   * @param sizes each topic's number of tickets
   * @param stopBelow the least similarity of a merge, usually {@link #stoppingSimilarity}
   * @return each topic's parent, numbered by the smallest topic in the group
   */
  public static int[] parents(double[][] centres, long[] sizes, double stopBelow) {
    return parents(centres, sizes, stopBelow, null);
  }

  /**
   * The same, except that two groups the agents tag differently are never merged: when each group
   * has at least {@link #MIN_TAGGED} tagged tickets and a tag on at least half of them, and the two
   * tags differ. Causes that share a salient word (cancellations and refunds share 취소) have centres
   * as alike as two phrasings of one cause, but agents tag them apart; phrasings of one cause carry
   * one tag. For the same reason, two groups left apart whose dominant tags are the same join when
   * their centres are at least {@link #TAGGED_ALIKE_SHARE} of {@code stopBelow} alike.
   *
   * @param tags each topic's agent tags and their ticket counts, or null to use no tags
   */
  public static int[] parents(
      double[][] centres, long[] sizes, double stopBelow, List<Map<String, Long>> tags) {
    Levels levels = levels(centres, sizes, tags);
    int[] cut = levels.parents()[levels.parentsAt(stopBelow)];
    return tags == null ? cut : joinTaggedAlike(cut, centres, sizes, stopBelow, tags);
  }

  /**
   * The groups left by the centres' merge, with groups the agents tag alike joined: both have a
   * dominant tag (see {@link #MIN_TAGGED}), the same one, and centres at least {@link
   * #TAGGED_ALIKE_SHARE} of {@code stopBelow} alike. Phrasings of one cause that share few words
   * (an English late delivery and a Korean one, a complaint about the delay and a claim for
   * compensation) fall below the stopping similarity, but the agents tag them the same.
   */
  private static int[] joinTaggedAlike(
      int[] parent,
      double[][] centres,
      long[] sizes,
      double stopBelow,
      List<Map<String, Long>> tags) {
    int k = parent.length;
    int groups = Arrays.stream(parent).max().orElse(-1) + 1;
    double[][] sums = new double[groups][k == 0 ? 0 : centres[0].length];
    List<Map<String, Long>> groupTags = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      groupTags.add(new HashMap<>());
    }
    for (int t = 0; t < k; t++) {
      double w = Math.max(1, sizes[t]);
      for (int i = 0; i < centres[t].length; i++) {
        sums[parent[t]][i] += centres[t][i] * w;
      }
      Map<String, Long> into = groupTags.get(parent[t]);
      tags.get(t).forEach((tag, n) -> into.merge(tag, n, Long::sum));
    }
    int[] root = new int[groups];
    for (int g = 0; g < groups; g++) {
      root[g] = g;
    }
    String[] dominant = groupTags.stream().map(TopicHierarchy::dominantTag).toArray(String[]::new);
    double least = TAGGED_ALIKE_SHARE * stopBelow;
    for (int a = 0; a < groups; a++) {
      if (dominant[a] == null) {
        continue;
      }
      for (int b = a + 1; b < groups; b++) {
        if (dominant[a].equals(dominant[b]) && cosine(sums[a], sums[b]) >= least) {
          int ra = root(root, a);
          int rb = root(root, b);
          root[Math.max(ra, rb)] = Math.min(ra, rb);
        }
      }
    }
    Map<Integer, List<Integer>> byRoot = new TreeMap<>();
    for (int t = 0; t < k; t++) {
      byRoot.computeIfAbsent(root(root, parent[t]), r -> new ArrayList<>()).add(t);
    }
    return assignment(new ArrayList<>(byRoot.values()), k);
  }

  /** The group a group has been joined into (union-find without path compression: k is small). */
  private static int root(int[] root, int g) {
    while (root[g] != g) {
      g = root[g];
    }
    return g;
  }

  /** Fewest tagged tickets for a group's dominant tag to keep it apart from another's. */
  public static final long MIN_TAGGED = 20;

  /**
   * How alike, as a share of the stopping similarity, two groups with the same dominant agent tag
   * must be to join: some shared vocabulary besides the tag, so that a tag agents put on unrelated
   * tickets (기타) does not by itself join them.
   */
  public static final double TAGGED_ALIKE_SHARE = 0.5;

  /**
   * The least similarity at which two groups still merge: {@code floor}, or, when the fine centres
   * are alike across the board, {@link #SPREAD_ABOVE_MEAN} standard deviations above their mean
   * pairwise similarity, whichever is higher. Short tickets of different causes share almost no
   * terms (mean about 0.06 on the sample), so the floor governs them; long texts share so many
   * generic words that every pair of centres clears a fixed floor (mean 0.30 on the petitions), and
   * only pairs well above that typical likeness are phrasings of one subject.
   */
  public static double stoppingSimilarity(double[][] centres, double floor) {
    int k = centres.length;
    if (k < 3) {
      return floor;
    }
    double sum = 0;
    double sumOfSquares = 0;
    int pairs = 0;
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        double s = cosine(centres[a], centres[b]);
        sum += s;
        sumOfSquares += s * s;
        pairs++;
      }
    }
    double mean = sum / pairs;
    double spread = Math.sqrt(Math.max(0, sumOfSquares / pairs - mean * mean));
    return Math.max(floor, mean + SPREAD_ABOVE_MEAN * spread);
  }

  /**
   * Every level of the merge, from k groups down to one.
   *
   * @param centres the k-means centres
   * @param sizes each topic's number of tickets
   * @return every level of the merge
   */
  public static Levels levels(double[][] centres, long[] sizes) {
    return levels(centres, sizes, null);
  }

  /**
   * Every level of the merge, down to one group or until every pair left is tagged apart (see
   * {@link #parents(double[][], long[], double, List)}); levels not reached merge at -infinity.
   */
  private static Levels levels(double[][] centres, long[] sizes, List<Map<String, Long>> tags) {
    int k = centres.length;
    int[][] levels = new int[k + 1][];
    double[] mergeSimilarity = new double[k + 1];
    Arrays.fill(mergeSimilarity, Double.NEGATIVE_INFINITY);
    mergeSimilarity[k] = 1.0;
    List<double[]> sums = new ArrayList<>();
    List<Long> weights = new ArrayList<>();
    List<List<Integer>> members = new ArrayList<>();
    List<Map<String, Long>> groupTags = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      groupTags.add(new HashMap<>(tags == null ? Map.of() : tags.get(t)));
      double w = Math.max(1, sizes[t]);
      double[] sum = new double[centres[t].length];
      for (int i = 0; i < sum.length; i++) {
        sum[i] = centres[t][i] * w;
      }
      sums.add(sum);
      weights.add(Math.max(1, sizes[t]));
      members.add(new ArrayList<>(List.of(t)));
    }
    levels[k] = assignment(members, k);
    while (members.size() > 1) {
      int bestA = -1;
      int bestB = -1;
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < members.size(); a++) {
        for (int b = a + 1; b < members.size(); b++) {
          double s = cosine(sums.get(a), sums.get(b));
          if (s > best && !taggedApart(groupTags.get(a), groupTags.get(b))) {
            best = s;
            bestA = a;
            bestB = b;
          }
        }
      }
      if (bestA < 0) {
        break;
      }
      double[] merged = sums.get(bestA);
      double[] other = sums.get(bestB);
      for (int i = 0; i < merged.length; i++) {
        merged[i] += other[i];
      }
      weights.set(bestA, weights.get(bestA) + weights.get(bestB));
      members.get(bestA).addAll(members.get(bestB));
      Map<String, Long> mergedTags = groupTags.get(bestA);
      groupTags.get(bestB).forEach((tag, n) -> mergedTags.merge(tag, n, Long::sum));
      groupTags.remove(bestB);
      sums.remove(bestB);
      weights.remove(bestB);
      members.remove(bestB);
      levels[members.size()] = assignment(members, k);
      mergeSimilarity[members.size()] = best;
    }
    return new Levels(levels, mergeSimilarity);
  }

  /**
   * The merge levels.
   *
   * @param parents for each number of parents p (index 1..k), each topic's parent (0..p-1, numbered
   *     by the smallest topic in the group)
   * @param mergeSimilarity for each p, the similarity of the merge that left p groups (1 at p=k)
   */
  public record Levels(int[][] parents, double[] mergeSimilarity) {

    /** The fewest parents reached while every merge joined groups at least this similar. */
    public int parentsAt(double minSimilarity) {
      int p = parents.length - 1;
      while (p > 1 && mergeSimilarity[p - 1] >= minSimilarity) {
        p--;
      }
      return p;
    }
  }

  /** Whether each group has a dominant agent tag (see {@link #MIN_TAGGED}) and the two differ. */
  static boolean taggedApart(Map<String, Long> a, Map<String, Long> b) {
    String tagA = dominantTag(a);
    String tagB = dominantTag(b);
    return tagA != null && tagB != null && !tagA.equals(tagB);
  }

  private static String dominantTag(Map<String, Long> tags) {
    long tagged = tags.values().stream().mapToLong(Long::longValue).sum();
    if (tagged < MIN_TAGGED) {
      return null;
    }
    return tags.entrySet().stream()
        .filter(e -> 2 * e.getValue() >= tagged)
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst()
        .orElse(null);
  }

  private static int[] assignment(List<List<Integer>> members, int k) {
    List<List<Integer>> groups = new ArrayList<>();
    for (List<Integer> m : members) {
      List<Integer> sorted = new ArrayList<>(m);
      sorted.sort(Integer::compare);
      groups.add(sorted);
    }
    groups.sort((x, y) -> Integer.compare(x.get(0), y.get(0)));
    int[] parent = new int[k];
    Arrays.fill(parent, -1);
    for (int g = 0; g < groups.size(); g++) {
      for (int t : groups.get(g)) {
        parent[t] = g;
      }
    }
    return parent;
  }

  private static double cosine(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
