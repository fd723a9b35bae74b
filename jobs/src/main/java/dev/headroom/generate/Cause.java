package dev.headroom.generate;

import java.io.Serializable;
import java.util.List;

/**
 * One planted root cause of the synthetic data: how often it happens, where it is worse, and how
 * customers write about it.
 *
 * @param id stable name used in the truth ({@code delivery_delay})
 * @param agentTag the tag a careful agent would give it ({@code 배송>지연})
 * @param ratePer1000 tickets per 1,000 orders where no offender or spike applies
 * @param offender the segment with an elevated rate, or null
 * @param spike the week with an elevated rate, or null
 * @param repeatProbability chance a ticket is followed by another from the same customer
 * @param withOrder whether tickets name the order (login problems do not)
 * @param categories product categories the cause applies to; empty for all
 * @param delayHours earliest and latest hours between the order and the ticket
 * @param titles short subjects for e-mail and board tickets
 * @param korean Korean phrasings with slots ({item}, {days}, {n}, {size}; josa markers)
 * @param english English phrasings with slots ({item}, {days}, {size})
 */
public record Cause(
    String id,
    String agentTag,
    double ratePer1000,
    Offender offender,
    Spike spike,
    double repeatProbability,
    boolean withOrder,
    List<String> categories,
    int[] delayHours,
    List<String> titles,
    List<String> korean,
    List<String> english)
    implements Serializable {

  /**
   * A segment whose rate for this cause is {@code multiplier} times the base rate.
   *
   * @param dimension the order column ({@code seller_id}, {@code product_category}, {@code
   *     channel})
   * @param value the offending segment
   * @param multiplier how many times the base rate
   */
  public record Offender(String dimension, String value, double multiplier)
      implements Serializable {}

  /**
   * A week, counted from the first Monday of the data, with an elevated rate on the orders of one
   * segment (or on every order when the dimension is null).
   *
   * @param week index of the week (0 = the week of the first Monday)
   * @param multiplier how many times the base rate
   * @param dimension the order column the spike is confined to ({@code channel}), or null
   * @param value the segment it hits ({@code app}), or null
   */
  public record Spike(int week, double multiplier, String dimension, String value)
      implements Serializable {

    /** A spike on every order of the week. */
    public Spike(int week, double multiplier) {
      this(week, multiplier, null, null);
    }
  }
}
