package dev.headroom.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;

/**
 * Benchmark-gap excess of one topic along its segment dimensions (docs/headroom.md, "Excess").
 *
 * <p>Input: cells, one per combination of segment values that has orders in the window, with the
 * orders and the topic's first contacts in it. The model
 *
 * <ol>
 *   <li>fits a main-effects Poisson model by iterative proportional fitting, so a segment's
 *       expected contacts account for its mix on the other dimensions (a seller that sells clothes
 *       is compared with what clothes usually get, not with a book seller);
 *   <li>shrinks each segment's ratio of observed to expected contacts toward 1 by its evidence
 *       (gamma-Poisson empirical Bayes), so noise in small segments does not set the benchmark;
 *   <li>takes the order-weighted {@code benchmarkQuantile} of the shrunk ratios over segments with
 *       enough orders where the topic occurs at all (see {@code minExposure}) as the benchmark;
 *   <li>counts a segment's excess {@code contacts - benchmark x expected} only where its contacts
 *       are significantly above the benchmark (one-sided Poisson test, the significance shared
 *       among the dimension's segments) and the excess is material (at least {@code minExcessShare}
 *       of the topic's first contacts), capped at its contacts.
 * </ol>
 *
 * <p>Pure Java with no Spark types, so it runs inside a Spark task and in plain unit tests.
 */
public final class SegmentModel {

  /** Iterations of proportional fitting at most; it stops earlier once the margins match. */
  public static final int MAX_ITERATIONS = 100;

  private static final double CONVERGED = 1e-9;

  private SegmentModel() {}

  /**
   * One combination of segment values.
   *
   * @param values one value per dimension, in the dimensions' order
   * @param orders orders with these values in the window (above 0)
   * @param contacts the topic's first contacts on those orders
   */
  public record Cell(List<String> values, long orders, long contacts) implements Serializable {}

  /**
   * How the benchmark is set and excess counted.
   *
   * @param benchmarkQuantile order-weighted quantile of the shrunk ratios taken as the benchmark
   * @param minSegmentOrders segments with fewer orders do not set the benchmark
   * @param minExposure segments whose shrunk ratio is below this do not set the benchmark (the
   *     topic hardly applies there, like size exchanges in books); 0 lets every segment count
   * @param significance a segment's excess counts only if its contacts are this unlikely under the
   *     benchmark (one-sided Poisson p-value), divided by the number of segments tested
   * @param minExcessShare a segment's excess counts only if it is at least this share of the
   *     topic's first contacts: a few contacts above the benchmark explain nothing
   */
  public record Settings(
      double benchmarkQuantile,
      long minSegmentOrders,
      double minExposure,
      double significance,
      double minExcessShare)
      implements Serializable {}

  /**
   * The figures of one segment.
   *
   * @param dimension the dimension ({@code seller_id})
   * @param segment the value ({@code S07})
   * @param orders orders in the segment
   * @param contacts the topic's first contacts in it
   * @param expected contacts expected at the topic's typical rate for the segment's mix
   * @param ratio contacts / expected, null when nothing is expected
   * @param shrunkRatio the ratio shrunk toward 1 by the segment's evidence
   * @param setsBenchmark whether the segment took part in setting the benchmark
   * @param benchmarkContacts contacts the segment would have at the benchmark
   * @param pValue chance of at least {@code contacts} at the benchmark (Poisson)
   * @param excess contacts above the benchmark, counted when significant, else 0
   */
  public record Segment(
      String dimension,
      String segment,
      long orders,
      long contacts,
      double expected,
      Double ratio,
      double shrunkRatio,
      boolean setsBenchmark,
      double benchmarkContacts,
      double pValue,
      double excess)
      implements Serializable {}

  /**
   * The figures of one dimension.
   *
   * @param dimension the dimension
   * @param benchmarkRatio the benchmark as a ratio to the typical rate (1 = typical)
   * @param heterogeneity the estimated variance of true ratios between segments (0 = none beyond
   *     noise)
   * @param excess the sum of the segments' excess
   * @param segments every segment of the dimension
   */
  public record Dimension(
      String dimension,
      double benchmarkRatio,
      double heterogeneity,
      double excess,
      List<Segment> segments)
      implements Serializable {}

  /** Fits the model for one topic; returns one {@link Dimension} per dimension, in order. */
  public static List<Dimension> fit(List<String> dimensions, List<Cell> cells, Settings settings) {
    int d = dimensions.size();
    long totalOrders = cells.stream().mapToLong(Cell::orders).sum();
    long totalContacts = cells.stream().mapToLong(Cell::contacts).sum();
    List<Dimension> result = new ArrayList<>();
    if (cells.isEmpty() || totalOrders == 0) {
      dimensions.forEach(name -> result.add(new Dimension(name, 1.0, 0.0, 0.0, List.of())));
      return result;
    }
    double baseRate = (double) totalContacts / totalOrders;
    // Index each dimension's segments; each cell points at its segment in every dimension.
    List<Map<String, Integer>> index = new ArrayList<>();
    int[][] cellSegment = new int[cells.size()][d];
    for (int j = 0; j < d; j++) {
      Map<String, Integer> ids = new LinkedHashMap<>();
      for (int c = 0; c < cells.size(); c++) {
        cellSegment[c][j] = ids.computeIfAbsent(cells.get(c).values().get(j), v -> ids.size());
      }
      index.add(ids);
    }
    double[][] factor = new double[d][];
    double[][] observed = new double[d][];
    long[][] orders = new long[d][];
    for (int j = 0; j < d; j++) {
      int n = index.get(j).size();
      factor[j] = new double[n];
      observed[j] = new double[n];
      orders[j] = new long[n];
      java.util.Arrays.fill(factor[j], 1.0);
    }
    for (int c = 0; c < cells.size(); c++) {
      for (int j = 0; j < d; j++) {
        observed[j][cellSegment[c][j]] += cells.get(c).contacts();
        orders[j][cellSegment[c][j]] += cells.get(c).orders();
      }
    }
    fitFactors(cells, cellSegment, baseRate, factor, observed);

    for (int j = 0; j < d; j++) {
      // Expected contacts of each segment from the other dimensions' factors alone.
      double[] expected = new double[factor[j].length];
      for (int c = 0; c < cells.size(); c++) {
        double mu = baseRate * cells.get(c).orders();
        for (int other = 0; other < d; other++) {
          if (other != j) {
            mu *= factor[other][cellSegment[c][other]];
          }
        }
        expected[cellSegment[c][j]] += mu;
      }
      double expectedTotal = java.util.Arrays.stream(expected).sum();
      double scale = expectedTotal > 0 ? totalContacts / expectedTotal : 0.0;
      for (int s = 0; s < expected.length; s++) {
        expected[s] *= scale;
      }
      result.add(
          dimension(dimensions.get(j), index.get(j), orders[j], observed[j], expected, settings));
    }
    return result;
  }

  /**
   * Iterative proportional fitting of the main-effects factors to each dimension's margins, each
   * factor shrunk toward the others' fit by its evidence (the same gamma-Poisson shrinkage as the
   * ratios, with the dimension's heterogeneity re-estimated each round). Unshrunk, nested
   * dimensions trade noise: sellers that mostly sell one category take that category's noise into
   * their factors and hand it back to the category as a made-up effect, which read as excess in a
   * cause with no offender (docs/headroom.md, "Expected contacts").
   */
  private static void fitFactors(
      List<Cell> cells,
      int[][] cellSegment,
      double baseRate,
      double[][] factor,
      double[][] observed) {
    int d = factor.length;
    if (d == 1) {
      // One dimension: the expected contacts are the typical rate times the orders; no fitting.
      return;
    }
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double largestChange = 0;
      for (int j = 0; j < d; j++) {
        // Contacts each segment of j would get from the other dimensions' factors alone.
        double[] others = new double[factor[j].length];
        for (int c = 0; c < cells.size(); c++) {
          double mu = baseRate * cells.get(c).orders();
          for (int k = 0; k < d; k++) {
            if (k != j) {
              mu *= factor[k][cellSegment[c][k]];
            }
          }
          others[cellSegment[c][j]] += mu;
        }
        double othersTotal = java.util.Arrays.stream(others).sum();
        double observedTotal = java.util.Arrays.stream(observed[j]).sum();
        double scale = othersTotal > 0 ? observedTotal / othersTotal : 0.0;
        double[] expected = new double[others.length];
        for (int s = 0; s < others.length; s++) {
          expected[s] = others[s] * scale;
        }
        double heterogeneity = heterogeneity(observed[j], expected);
        double prior = heterogeneity > 0 ? 1.0 / heterogeneity : Double.POSITIVE_INFINITY;
        for (int s = 0; s < others.length; s++) {
          double shrunk =
              Double.isInfinite(prior)
                  ? 1.0
                  : expected[s] > 0 ? (observed[j][s] + prior) / (expected[s] + prior) : 0.0;
          double updated = scale * shrunk;
          largestChange =
              Math.max(
                  largestChange, Math.abs(updated - factor[j][s]) / Math.max(1.0, factor[j][s]));
          factor[j][s] = updated;
        }
      }
      if (largestChange < CONVERGED) {
        return;
      }
    }
  }

  private static Dimension dimension(
      String name,
      Map<String, Integer> ids,
      long[] orders,
      double[] observed,
      double[] expected,
      Settings settings) {
    double heterogeneity = heterogeneity(observed, expected);
    // Prior strength in expected contacts: the gamma prior has mean 1 and variance heterogeneity.
    double prior = heterogeneity > 0 ? 1.0 / heterogeneity : Double.POSITIVE_INFINITY;
    double[] shrunk = new double[observed.length];
    for (int s = 0; s < observed.length; s++) {
      shrunk[s] = Double.isInfinite(prior) ? 1.0 : (observed[s] + prior) / (expected[s] + prior);
    }
    List<Integer> eligible = new ArrayList<>();
    for (int s = 0; s < observed.length; s++) {
      if (orders[s] >= settings.minSegmentOrders()
          && expected[s] > 0
          && shrunk[s] >= settings.minExposure()) {
        eligible.add(s);
      }
    }
    double benchmark = weightedQuantile(eligible, shrunk, orders, settings.benchmarkQuantile());
    // The significance is shared among the segments tested (Bonferroni): with 40 sellers, noise
    // alone would otherwise pass a 1% test somewhere in most topics.
    long tested = java.util.Arrays.stream(expected).filter(x -> x > 0).count();
    double significance = settings.significance() / Math.max(1, tested);
    double material = settings.minExcessShare() * java.util.Arrays.stream(observed).sum();
    List<Segment> segments = new ArrayList<>();
    double excessTotal = 0;
    for (var entry : ids.entrySet()) {
      int s = entry.getValue();
      double benchmarkContacts = benchmark * expected[s];
      long contacts = Math.round(observed[s]);
      double pValue = upperTail(benchmarkContacts, contacts);
      double above = Math.min(observed[s], Math.max(0.0, observed[s] - benchmarkContacts));
      double excess = pValue < significance && above >= material ? above : 0.0;
      excessTotal += excess;
      segments.add(
          new Segment(
              name,
              entry.getKey(),
              orders[s],
              contacts,
              expected[s],
              expected[s] > 0 ? observed[s] / expected[s] : null,
              shrunk[s],
              eligible.contains(s),
              benchmarkContacts,
              pValue,
              excess));
    }
    segments.sort(
        Comparator.comparingDouble(Segment::excess).reversed().thenComparing(Segment::segment));
    return new Dimension(name, benchmark, heterogeneity, excessTotal, List.copyOf(segments));
  }

  /**
   * Moment estimate of the between-segment variance of true ratios: observed minus expected,
   * squared, is Poisson noise ({@code expected}) plus {@code variance x expected^2}.
   */
  static double heterogeneity(double[] observed, double[] expected) {
    double squares = 0;
    double noise = 0;
    double scale = 0;
    for (int s = 0; s < observed.length; s++) {
      if (expected[s] > 0) {
        squares += (observed[s] - expected[s]) * (observed[s] - expected[s]);
        noise += expected[s];
        scale += expected[s] * expected[s];
      }
    }
    return scale > 0 ? Math.max(0.0, (squares - noise) / scale) : 0.0;
  }

  /**
   * The smallest value whose segments, with all lower ones, hold at least {@code quantile} of the
   * orders; 1 (the typical rate) when no segment is eligible.
   */
  static double weightedQuantile(
      List<Integer> eligible, double[] values, long[] weights, double quantile) {
    if (eligible.isEmpty()) {
      return 1.0;
    }
    List<Integer> sorted = new ArrayList<>(eligible);
    sorted.sort(Comparator.comparingDouble(s -> values[s]));
    double total = sorted.stream().mapToDouble(s -> weights[s]).sum();
    double running = 0;
    for (int s : sorted) {
      running += weights[s];
      if (running >= quantile * total - 1e-9) {
        return values[s];
      }
    }
    return values[sorted.get(sorted.size() - 1)];
  }

  /** P(X >= k) for X ~ Poisson(mean); 1 when k is 0, 0 when the mean is 0 and k above 0. */
  public static double upperTail(double mean, long k) {
    if (k <= 0) {
      return 1.0;
    }
    if (mean <= 0) {
      return 0.0;
    }
    // P(X >= k) is the regularized lower incomplete gamma function P(k, mean).
    return Gamma.regularizedGammaP(k, mean);
  }
}
