package dev.headroom.common;

import dev.headroom.stats.PeriodModel;
import dev.headroom.stats.SegmentModel;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How topics are measured and ranked (the {@code rank.*} keys; docs/headroom.md).
 *
 * @param level {@link #LEVEL_PARENT} to rank causes (parent topics), {@link #LEVEL_TOPIC} for fine
 *     topics
 * @param segments how segment benchmarks and excess are computed
 * @param periods how spikes and trends are judged
 * @param repeatDays a contact within this many days of the same customer's or order's previous
 *     contact on the same topic is a repeat
 * @param handleMinutes minutes per contact where tickets carry no handle time
 * @param handleMinutesByChannel the same per contact channel, overriding {@code handleMinutes}
 * @param costPerMinute cost of an agent minute
 * @param costPerMinuteByChannel the same per contact channel
 * @param currency the currency of costs, for display
 * @param effortByTopic effort (person-days) per topic id; when any is set the backlog ranks by ROI
 * @param topSegments contributing segments listed per backlog row
 * @param fixes the fixes the team recorded ({@code rank.fixes}), verified by every run
 */
public record RankSettings(
    String level,
    SegmentModel.Settings segments,
    PeriodModel.Settings periods,
    int repeatDays,
    double handleMinutes,
    Map<String, Double> handleMinutesByChannel,
    double costPerMinute,
    Map<String, Double> costPerMinuteByChannel,
    String currency,
    Map<Integer, Double> effortByTopic,
    int topSegments,
    List<RecordedFix> fixes)
    implements Serializable {

  /** Rank parent topics (causes). */
  public static final String LEVEL_PARENT = "parent";

  /** Rank fine topics. */
  public static final String LEVEL_TOPIC = "topic";

  /** Default of {@code rank.level}. */
  public static final String LEVEL_DEFAULT = LEVEL_PARENT;

  /** Default of {@code rank.min-segment-orders}. */
  public static final int MIN_SEGMENT_ORDERS_DEFAULT = 100;

  /** Default of {@code rank.benchmark-quantile}: the best quartile. */
  public static final double BENCHMARK_QUANTILE_DEFAULT = 0.25;

  /** Default of {@code rank.min-exposure}. */
  public static final double MIN_EXPOSURE_DEFAULT = 0.2;

  /** Default of {@code rank.min-excess-share}. */
  public static final double MIN_EXCESS_SHARE_DEFAULT = 0.02;

  /** Default of {@code rank.significance}. */
  public static final double SIGNIFICANCE_DEFAULT = 0.01;

  /** Default of {@code rank.repeat-days}. */
  public static final int REPEAT_DAYS_DEFAULT = 7;

  /** Default of {@code rank.spike-baseline-weeks}. */
  public static final int SPIKE_BASELINE_WEEKS_DEFAULT = 8;

  /** Weeks of baseline a week needs before it can be called a spike. */
  public static final int SPIKE_MIN_BASELINE_WEEKS = 4;

  /** Default of {@code rank.spike-threshold} (robust standard deviations). */
  public static final double SPIKE_THRESHOLD_DEFAULT = 3.0;

  /** Default of {@code rank.trend-change}. */
  public static final double TREND_CHANGE_DEFAULT = 0.25;

  /** Default of {@code rank.handle-minutes}. */
  public static final double HANDLE_MINUTES_DEFAULT = 7.0;

  /** Default of {@code rank.cost-per-minute}. */
  public static final double COST_PER_MINUTE_DEFAULT = 500.0;

  /** Default of {@code rank.currency}. */
  public static final String CURRENCY_DEFAULT = "KRW";

  /** Default of {@code rank.top-segments}. */
  public static final int TOP_SEGMENTS_DEFAULT = 3;

  /** Whether an effort is configured for any topic, so the backlog ranks by ROI. */
  public boolean ranksByRoi() {
    return !effortByTopic.isEmpty();
  }

  /** Minutes per contact in a channel where tickets carry no handle time. */
  public double handleMinutes(String channel) {
    return channel == null
        ? handleMinutes
        : handleMinutesByChannel.getOrDefault(channel, handleMinutes);
  }

  /** Cost of an agent minute in a channel. */
  public double costPerMinute(String channel) {
    return channel == null
        ? costPerMinute
        : costPerMinuteByChannel.getOrDefault(channel, costPerMinute);
  }
}
