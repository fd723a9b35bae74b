package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parent grouping: alike centres merge, unlike ones do not, and two groups the agents tag
 * differently stay apart however alike their centres, unless too few tickets carry a tag or no tag
 * holds half of them.
 */
class TopicHierarchyTest {

  // Late deliveries and wrong items share 배송 and 오다; payment errors share nothing with them.
  private static final double[][] CENTRES = {
    {0.8, 0.6, 0.0, 0.0}, {0.7, 0.6, 0.4, 0.0}, {0.0, 0.0, 0.0, 1.0}
  };
  private static final long[] SIZES = {300, 200, 100};

  private static int[] parents(List<Map<String, Long>> tags) {
    return TopicHierarchy.parents(CENTRES, SIZES, 0.2, tags);
  }

  @Test
  void alikeCentresMergeWithoutTags() {
    assertArrayEquals(new int[] {0, 0, 1}, TopicHierarchy.parents(CENTRES, SIZES, 0.2));
    assertArrayEquals(
        new int[] {0, 0, 1}, parents(List.of(Map.of(), Map.of(), Map.of("결제>오류", 70L))));
  }

  @Test
  void phrasingsOfOneTaggedCauseMerge() {
    assertArrayEquals(
        new int[] {0, 0, 1},
        parents(
            List.of(
                Map.of("배송>지연", 200L, "기타", 40L),
                Map.of("배송>지연", 120L, "배송", 30L),
                Map.of("결제>오류", 70L))));
  }

  @Test
  void causesTheAgentsTagApartStayApart() {
    assertArrayEquals(
        new int[] {0, 1, 2},
        parents(
            List.of(
                Map.of("배송>지연", 200L, "기타", 40L),
                Map.of("배송>오배송", 130L, "배송>지연", 20L),
                Map.of("결제>오류", 70L))));
  }

  @Test
  void fewTaggedTicketsOrNoMajorityTagDoNotKeepGroupsApart() {
    // Ten tagged tickets say too little.
    assertArrayEquals(
        new int[] {0, 0, 1},
        parents(List.of(Map.of("배송>지연", 200L), Map.of("배송>오배송", 10L), Map.of("결제>오류", 70L))));
    // No tag on half of the second topic's tickets: the agents do not agree on what it is.
    assertArrayEquals(
        new int[] {0, 0, 1},
        parents(
            List.of(
                Map.of("배송>지연", 200L),
                Map.of("배송>오배송", 40L, "기타", 35L, "상품>파손", 30L),
                Map.of("결제>오류", 70L))));
  }
}
