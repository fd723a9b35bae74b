package dev.headroom.topics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal summary says in words how the run's k-means started. */
class DiscoverResultTest {

  private static String summary(int mergedFineTopics) {
    return new DiscoverResult(
            "discover-test",
            24,
            KChoice.Rule.CONFIGURED,
            13,
            Map.of(),
            Map.of(),
            "presence",
            1_234,
            mergedFineTopics,
            List.of(),
            20_095,
            353,
            null,
            null,
            "models/discover-test",
            Map.of())
        .summary();
  }

  @Test
  void saysHowManyFineTopicsWereMergedIntoTheStart() {
    String summary = summary(96);
    assertTrue(
        summary.contains(
            "k-means started from 96 fine topics of the sample merged into 24;"
                + " 1,234 terms, weighted by presence"),
        summary);
  }

  @Test
  void saysWhyTicketsWereDrawnAsSeedsInstead() {
    String summary = summary(0);
    assertTrue(
        summary.contains(
            "k-means started from tickets drawn as seeds (k-means||: too few different tickets to"
                + " merge)"),
        summary);
  }
}
