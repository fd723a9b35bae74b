package dev.headroom.topics;

import java.util.Locale;

/**
 * The number of fine topics a fit used and the rule that gave it; docs/topics.md explains the
 * rules.
 *
 * @param k the number of fine topics
 * @param rule how k was reached
 */
public record KChoice(int k, Rule rule) {

  /** How k was reached. */
  public enum Rule {
    /** {@code topics.k} was set, so nothing was chosen. */
    CONFIGURED,
    /** The first candidate whose parent topics the next candidate keeps. */
    PARENTS_KEPT,
    /** The parent topics changed at every candidate, so the best silhouette decided. */
    BEST_SILHOUETTE,
    /** Too few different tickets for two candidates: k is how many different tickets there are. */
    FEW_DIFFERENT_TICKETS;

    /** The rule as {@code runs.parameters} records it: {@code parents_kept} and so on. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A k that was set rather than chosen. */
  public static KChoice configured(int k) {
    return new KChoice(k, Rule.CONFIGURED);
  }
}
