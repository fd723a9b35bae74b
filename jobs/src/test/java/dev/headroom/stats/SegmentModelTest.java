package dev.headroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SegmentModelTest {

  private static final SegmentModel.Settings DEFAULTS =
      new SegmentModel.Settings(0.25, 100, 0.2, 0.01, 0.02);

  /** The worked example of docs/headroom.md, computed by hand. */
  @Test
  void oneDimensionMatchesTheWorkedExample() {
    List<SegmentModel.Cell> cells =
        List.of(cell(1000, 10, "A"), cell(1000, 12, "B"), cell(1000, 8, "C"), cell(1000, 50, "D"));
    SegmentModel.Dimension sellers = SegmentModel.fit(List.of("seller_id"), cells, DEFAULTS).get(0);

    // 80 contacts on 4,000 orders: each seller of 1,000 orders expects 20.
    // Heterogeneity: (sum of (V - X)^2 - sum X) / sum X^2 = (100 + 64 + 144 + 900 - 80) / 1600.
    double heterogeneity = (1208.0 - 80.0) / 1600.0;
    double prior = 1 / heterogeneity;
    assertEquals(0.705, sellers.heterogeneity(), 1e-12);
    Map<String, SegmentModel.Segment> s = bySegment(sellers);
    assertEquals(20.0, s.get("D").expected(), 1e-9);
    assertEquals(2.5, s.get("D").ratio(), 1e-12);
    assertEquals((50 + prior) / (20 + prior), s.get("D").shrunkRatio(), 1e-12);
    // Shrunk ratios C < A < B < D; C alone holds 25% of the orders, so C sets the benchmark.
    double benchmark = (8 + prior) / (20 + prior);
    assertEquals(benchmark, sellers.benchmarkRatio(), 1e-12);
    assertEquals(0.4397, benchmark, 1e-4);
    // D: 50 contacts where the benchmark expects 8.79; P(Poisson(8.79) >= 50) is far below 1%.
    double benchmarkContacts = benchmark * 20;
    assertEquals(benchmarkContacts, s.get("D").benchmarkContacts(), 1e-9);
    assertTrue(s.get("D").pValue() < 1e-15);
    assertEquals(50 - benchmarkContacts, s.get("D").excess(), 1e-9);
    // A and B are above the benchmark too, but not significantly: no excess counted.
    assertEquals(poissonUpperTail(benchmarkContacts, 12), s.get("B").pValue(), 1e-12);
    assertTrue(s.get("B").pValue() > 0.01);
    assertEquals(0.0, s.get("A").excess());
    assertEquals(0.0, s.get("B").excess());
    assertEquals(0.0, s.get("C").excess());
    assertEquals(50 - benchmarkContacts, sellers.excess(), 1e-9);
    assertEquals("D", sellers.segments().get(0).segment(), "segments come largest excess first");
  }

  /**
   * A size-exchange-like topic: only fashion gets it, and fashion sellers sell fashion. Seller S03
   * has three times the rate. Adjusted for category, S03 alone has excess, and category has none
   * (books never get size exchanges: they are not exposed and do not set the benchmark).
   */
  @Test
  void adjustsEachDimensionForTheOthersAndIgnoresUnexposedSegments() {
    SplittableRandom random = new SplittableRandom(3);
    List<SegmentModel.Cell> cells = new ArrayList<>();
    String[] categories = {"fashion", "shoes", "books", "food"};
    for (int seller = 1; seller <= 20; seller++) {
      String sellerId = String.format("S%02d", seller);
      // Sellers 1..10 sell mostly fashion or shoes; the others mostly books or food.
      int main = seller <= 10 ? seller % 2 : 2 + seller % 2;
      for (int c = 0; c < categories.length; c++) {
        long orders = c == main ? 4000 : 300;
        double rate = c < 2 ? 0.04 : 0.0;
        if (sellerId.equals("S03")) {
          rate *= 3;
        }
        cells.add(
            new SegmentModel.Cell(
                List.of(sellerId, categories[c]), orders, poisson(rate * orders, random)));
      }
    }
    Map<String, SegmentModel.Dimension> fitted =
        SegmentModel.fit(List.of("seller_id", "product_category"), cells, DEFAULTS).stream()
            .collect(Collectors.toMap(SegmentModel.Dimension::dimension, x -> x));

    SegmentModel.Dimension sellers = fitted.get("seller_id");
    assertEquals("S03", sellers.segments().get(0).segment());
    double s03 = sellers.segments().get(0).excess();
    // S03: about 4,300 fashion/shoes orders x 0.04 x (3 - 1) = 344 contacts above the others.
    assertTrue(s03 > 250 && s03 < 420, "S03 excess " + s03);
    assertTrue(
        sellers.excess() - s03 < 0.1 * s03, "other sellers' excess " + (sellers.excess() - s03));
    SegmentModel.Dimension category = fitted.get("product_category");
    Map<String, SegmentModel.Segment> byCategory = bySegment(category);
    assertFalse(byCategory.get("books").setsBenchmark());
    assertTrue(byCategory.get("fashion").setsBenchmark());
    assertTrue(category.excess() < 0.05 * total(cells), "category excess " + category.excess());
  }

  /** With no segment really worse, noise alone must not show up as reducible excess. */
  @Test
  void flatTopicHasNearlyNoExcess() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 20; trial++) {
      List<SegmentModel.Cell> cells = new ArrayList<>();
      for (int seller = 1; seller <= 40; seller++) {
        long orders = Math.round(20_000 / Math.pow(seller, 0.7));
        cells.add(cell(orders, poisson(0.01 * orders, random), "S" + seller));
      }
      double excess = SegmentModel.fit(List.of("seller_id"), cells, DEFAULTS).get(0).excess();
      assertTrue(
          excess < 0.05 * total(cells),
          "trial " + trial + ": excess " + excess + " of " + total(cells));
    }
  }

  /**
   * The same with three dimensions where sellers nest in categories (each sells mostly one, as in
   * generated data): the sellers' noisy factors must not push a category's expected contacts away
   * from what it got, which made up "excess" in a flat cause (issue 19).
   */
  @Test
  void flatTopicHasNearlyNoExcessWhenSellersNestInCategories() {
    SplittableRandom random = new SplittableRandom(11);
    String[] categories = {"fashion", "shoes", "digital", "food", "beauty", "home", "books"};
    String[] channels = {"app", "mobile_web", "web"};
    double[] channelShare = {0.55, 0.15, 0.30};
    List<String> dimensions = List.of("seller_id", "product_category", "channel");
    for (int trial = 0; trial < 20; trial++) {
      List<SegmentModel.Cell> cells = new ArrayList<>();
      for (int seller = 1; seller <= 40; seller++) {
        long sellerOrders = Math.round(20_000 / Math.pow(seller, 0.7));
        for (int c = 0; c < categories.length; c++) {
          double categoryShare = c == seller % categories.length ? 0.8 + 0.2 / 7 : 0.2 / 7;
          for (int h = 0; h < channels.length; h++) {
            long orders = Math.round(sellerOrders * categoryShare * channelShare[h]);
            if (orders > 0) {
              cells.add(
                  new SegmentModel.Cell(
                      List.of("S" + seller, categories[c], channels[h]),
                      orders,
                      poisson(0.005 * orders, random)));
            }
          }
        }
      }
      for (SegmentModel.Dimension d : SegmentModel.fit(dimensions, cells, DEFAULTS)) {
        assertTrue(
            d.excess() < 0.05 * total(cells),
            "trial "
                + trial
                + ", "
                + d.dimension()
                + ": excess "
                + d.excess()
                + " of "
                + total(cells));
      }
    }
  }

  /**
   * A rare topic: 3 contacts in a small channel where the benchmark expects a fraction of one is
   * significant (p of about 1e-4), but 3 contacts of a 400-contact topic explain nothing. Under 2%
   * of the topic's first contacts, the excess is not counted and the channel is not named.
   */
  @Test
  void excessThatIsSignificantButNotMaterialIsNotCounted() {
    List<SegmentModel.Cell> cells =
        List.of(cell(100_000, 200, "app"), cell(100_000, 197, "web"), cell(150, 4, "mobile_web"));
    SegmentModel.Dimension d = SegmentModel.fit(List.of("channel"), cells, DEFAULTS).get(0);
    SegmentModel.Segment small = bySegment(d).get("mobile_web");
    assertTrue(small.pValue() < 0.01 / 3, "significant: " + small);
    assertEquals(0.0, small.excess(), "4 of 401 is under 2%: " + small);
    SegmentModel.Dimension counted =
        SegmentModel.fit(
                List.of("channel"), cells, new SegmentModel.Settings(0.25, 100, 0.2, 0.01, 0.0))
            .get(0);
    assertTrue(bySegment(counted).get("mobile_web").excess() > 2, "counted without the rule");
  }

  @Test
  void edgeCasesGiveFiniteFigures() {
    assertEquals(0.0, SegmentModel.fit(List.of("seller_id"), List.of(), DEFAULTS).get(0).excess());
    // One contact in one segment; a segment too small to set the benchmark; no contacts at all.
    for (List<SegmentModel.Cell> cells :
        List.of(
            List.of(cell(500, 1, "A"), cell(500, 0, "B")),
            List.of(cell(5, 3, "tiny"), cell(1000, 10, "A")),
            List.of(cell(1000, 0, "A"), cell(1000, 0, "B")))) {
      SegmentModel.Dimension d = SegmentModel.fit(List.of("seller_id"), cells, DEFAULTS).get(0);
      assertTrue(Double.isFinite(d.benchmarkRatio()) && Double.isFinite(d.excess()), d.toString());
      for (SegmentModel.Segment s : d.segments()) {
        assertTrue(
            Double.isFinite(s.shrunkRatio())
                && Double.isFinite(s.excess())
                && Double.isFinite(s.pValue()),
            s.toString());
        assertTrue(s.excess() <= s.contacts());
      }
    }
    // The tiny segment (5 orders) never sets the benchmark, however good or bad its rate.
    SegmentModel.Dimension d =
        SegmentModel.fit(
                List.of("seller_id"), List.of(cell(5, 3, "tiny"), cell(1000, 10, "A")), DEFAULTS)
            .get(0);
    assertFalse(bySegment(d).get("tiny").setsBenchmark());
  }

  @Test
  void upperTailIsThePoissonTail() {
    assertEquals(1.0, SegmentModel.upperTail(3.0, 0));
    assertEquals(0.0, SegmentModel.upperTail(0.0, 2));
    assertEquals(poissonUpperTail(4.2, 7), SegmentModel.upperTail(4.2, 7), 1e-12);
  }

  private static SegmentModel.Cell cell(long orders, long contacts, String... values) {
    return new SegmentModel.Cell(List.of(values), orders, contacts);
  }

  private static Map<String, SegmentModel.Segment> bySegment(SegmentModel.Dimension d) {
    return d.segments().stream().collect(Collectors.toMap(SegmentModel.Segment::segment, s -> s));
  }

  private static long total(List<SegmentModel.Cell> cells) {
    return cells.stream().mapToLong(SegmentModel.Cell::contacts).sum();
  }

  /** 1 - sum_{i<k} e^-m m^i / i!, by direct summation. */
  static double poissonUpperTail(double mean, int k) {
    double term = Math.exp(-mean);
    double below = 0;
    for (int i = 0; i < k; i++) {
      below += term;
      term *= mean / (i + 1);
    }
    return 1 - below;
  }

  static long poisson(double mean, SplittableRandom random) {
    // Sum of Poisson draws of mean <= 10 each (Knuth's method underflows for large means).
    long total = 0;
    double left = mean;
    while (left > 0) {
      double m = Math.min(left, 10.0);
      double limit = Math.exp(-m);
      double product = random.nextDouble();
      while (product > limit) {
        total++;
        product *= random.nextDouble();
      }
      left -= m;
    }
    return total;
  }
}
