package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parent grouping: alike centres merge, unlike ones do not, and two groups the agents tag
 * differently stay apart however alike their centres, unless too few tickets carry a tag or no tag
 * holds half of them; two groups tagged alike join when their centres share some terms.
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

  // An English late delivery shares only its concepts (배송, 도착) with the Korean ones: alike, but
  // below the stopping similarity.
  private static final double[][] LANGUAGES = {
    {0.9, 0.3, 0.3, 0.0, 0.0}, {0.3, 0.0, 0.0, 0.95, 0.0}, {0.0, 0.0, 0.0, 0.0, 1.0}
  };

  @Test
  void groupsTheAgentsTagAlikeJoinWhenTheyShareSomeTerms() {
    long[] sizes = {300, 60, 100};
    // cosine 0.27 between the two delivery centres: below 0.5, above half of it.
    List<Map<String, Long>> tags =
        List.of(Map.of("배송>지연", 200L), Map.of("배송>지연", 40L, "기타", 10L), Map.of("결제>오류", 70L));
    assertArrayEquals(new int[] {0, 1, 2}, TopicHierarchy.parents(LANGUAGES, sizes, 0.5));
    assertArrayEquals(new int[] {0, 0, 1}, TopicHierarchy.parents(LANGUAGES, sizes, 0.5, tags));
    // Sharing less than half the stopping similarity, a tag alone joins nothing (기타 on unrelated
    // tickets).
    assertArrayEquals(new int[] {0, 1, 2}, TopicHierarchy.parents(LANGUAGES, sizes, 0.6, tags));
    // Too few tagged tickets, or different tags: no join.
    for (Map<String, Long> english : List.of(Map.of("배송>지연", 15L), Map.of("배송>오배송", 40L))) {
      List<Map<String, Long>> other = List.of(Map.of("배송>지연", 200L), english, Map.of("결제>오류", 70L));
      assertArrayEquals(
          new int[] {0, 1, 2}, TopicHierarchy.parents(LANGUAGES, sizes, 0.5, other), english + "");
    }
  }
}
