package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.junit.jupiter.api.Test;

class MergedCentresTest {

  /**
   * Two halves of one cause (P, Q: big, alike) and two small unlike causes (X, Y). Joining X and Y
   * loses 2 - sqrt(2) = 0.59 of the objective, joining P and Q 2 sqrt(109) - 20 = 0.88.
   */
  private static final double[][] SUMS = {
    {10, 3, 0, 0}, // P
    {10, -3, 0, 0}, // Q
    {0, 0, 1, 0}, // X
    {0, 0, 0, 1}, // Y
  };

  private static List<Map<String, Long>> untagged() {
    List<Map<String, Long>> tags = new ArrayList<>();
    for (int t = 0; t < SUMS.length; t++) {
      tags.add(new HashMap<>());
    }
    return tags;
  }

  @Test
  void mergesThePairThatLosesLeastOfTheObjective() {
    assertArrayEquals(new int[] {0, 1, 2, 2}, MergedCentres.merge(SUMS, untagged(), 3, 0));
    assertArrayEquals(new int[] {0, 0, 1, 1}, MergedCentres.merge(SUMS, untagged(), 2, 0));
    assertArrayEquals(new int[] {0, 0, 0, 0}, MergedCentres.merge(SUMS, untagged(), 1, 0));
  }

  @Test
  void keepsApartTopicsTheAgentsTagDifferentlyWhileAnotherPairIsLeft() {
    List<Map<String, Long>> tags = untagged();
    tags.set(0, Map.of("배송>지연", 700L));
    tags.set(1, Map.of("배송>지연", 650L, "기타", 50L));
    tags.set(2, Map.of("앱>오류", 30L));
    tags.set(3, Map.of("배송>지연", 25L, "기타", 5L));
    // X and Y lose least, but the agents tag them apart: P and Q merge instead.
    assertArrayEquals(new int[] {0, 0, 1, 2}, MergedCentres.merge(SUMS, tags, 3, 0));
    // With two left, Y joins the late deliveries it is tagged with, not the app crashes.
    assertArrayEquals(new int[] {0, 0, 1, 0}, MergedCentres.merge(SUMS, tags, 2, 0));
    // Too few tagged tickets (under TopicHierarchy.MIN_TAGGED) say nothing.
    tags.set(2, Map.of("앱>오류", 3L));
    assertArrayEquals(new int[] {0, 1, 2, 2}, MergedCentres.merge(SUMS, tags, 3, 0));
  }

  @Test
  void keepsApartTopicsWhoseCentresAreUnlikeWhileAnotherPairIsLeft() {
    // X and Y share no term (cosine 0): under a floor of 0.1 the halves P and Q (cosine 0.83)
    // merge first although they lose more; X and Y still merge when nothing else is left.
    assertArrayEquals(new int[] {0, 0, 1, 2}, MergedCentres.merge(SUMS, untagged(), 3, 0.1));
    assertArrayEquals(new int[] {0, 0, 1, 1}, MergedCentres.merge(SUMS, untagged(), 2, 0.1));
  }

  @Test
  void findsEachPlantedCauseAsOneCentre() {
    // Five causes of 40 tickets: the 20 fine topics merge back into one centre per cause.
    List<Vector> tickets = KSelectionTest.tickets(5, 40, 3);
    MergedCentres.Start start = MergedCentres.of(KSelection.of(tickets), null, 5, 42, 40, 0.2);
    assertEquals(5 * MergedCentres.FINE_PER_TOPIC, start.fineTopics());
    double[][] centres = start.centres();
    assertEquals(5, centres.length);
    boolean[] found = new boolean[5];
    for (double[] centre : centres) {
      double norm = 0;
      for (double x : centre) {
        norm += x * x;
      }
      assertEquals(1.0, norm, 1e-9, "centres are unit vectors");
      // The cause whose own terms (columns 6t..6t+5) carry most of the centre's weight.
      double best = 0;
      int cause = -1;
      for (int t = 0; t < 5; t++) {
        double own = 0;
        for (int term = 0; term < 6; term++) {
          own += centre[t * 6 + term];
        }
        if (own > best) {
          best = own;
          cause = t;
        }
      }
      found[cause] = true;
    }
    for (int t = 0; t < 5; t++) {
      assertTrue(found[t], "cause " + t + " has a centre");
    }
  }
}
