package dev.headroom.common;

import java.util.List;
import java.util.Set;

/**
 * Every configuration key Headroom reads, with its default.
 *
 * <p>This is the one place defaults live; {@code conf/headroom.properties} documents them for
 * users. Keys are grouped by the input or job they belong to.
 */
public final class ConfigKeys {

  private ConfigKeys() {}

  /** Time zone in which business dates (months, weeks) are counted, e.g. {@code Asia/Seoul}. */
  public static final String TIME_ZONE = "time-zone";

  /** Default for {@link #TIME_ZONE}. */
  public static final String TIME_ZONE_DEFAULT = "Asia/Seoul";

  /** Prefix of the ticket input keys ({@code tickets.path}, {@code tickets.format}, ...). */
  public static final String TICKETS = "tickets";

  /** Prefix of the order input keys. */
  public static final String ORDERS = "orders";

  /** Suffix: where the input is (file, folder or table path). */
  public static final String PATH = "path";

  /** Suffix: input format, one of {@link #FORMATS}; {@code auto} looks at the path. */
  public static final String FORMAT = "format";

  /** Default for {@link #FORMAT}. */
  public static final String FORMAT_DEFAULT = "auto";

  /** Formats an input may have. */
  public static final List<String> FORMATS = List.of("auto", "parquet", "delta", "csv", "json");

  /** Suffix: comma-separated timestamp patterns tried in order for string date columns. */
  public static final String TIMESTAMP_FORMATS = "timestamp-formats";

  /** Default for {@link #TIMESTAMP_FORMATS}. */
  public static final String TIMESTAMP_FORMATS_DEFAULT =
      "yyyy-MM-dd HH:mm:ss,yyyy-MM-dd'T'HH:mm:ssXXX,yyyy-MM-dd'T'HH:mm:ss,yyyy/MM/dd HH:mm,yyyy-MM-dd";

  /** Suffix: comma-separated extra segment columns carried through (seller, category, ...). */
  public static final String SEGMENTS = "segments";

  /** Suffix prefix: {@code tickets.columns.<canonical>=<user column>} maps a column name. */
  public static final String COLUMNS = "columns";

  /** Ingest: texts longer than this many characters are rejected as {@code text_too_long}. */
  public static final String MAX_TEXT_CHARS = "ingest.max-text-chars";

  /** Default for {@link #MAX_TEXT_CHARS}. */
  public static final int MAX_TEXT_CHARS_DEFAULT = 5000;

  /** Ingest: dates before this day (ISO {@code yyyy-MM-dd}) are rejected as out of range. */
  public static final String MIN_DATE = "ingest.min-date";

  /** Default for {@link #MIN_DATE}. */
  public static final String MIN_DATE_DEFAULT = "2000-01-01";

  /** Ingest: dates more than this many days after the run are rejected as out of range. */
  public static final String MAX_FUTURE_DAYS = "ingest.max-future-days";

  /** Default for {@link #MAX_FUTURE_DAYS}. */
  public static final int MAX_FUTURE_DAYS_DEFAULT = 1;

  /** Discover: number of topics; 0 chooses it from the k range by silhouette. */
  public static final String TOPICS_K = "topics.k";

  /** Discover: smallest k tried when choosing. */
  public static final String TOPICS_K_MIN = "topics.k-min";

  /** Discover: largest k tried when choosing. */
  public static final String TOPICS_K_MAX = "topics.k-max";

  /** Discover: tickets with fewer terms are unclassified. */
  public static final String TOPICS_MIN_TERMS = "topics.min-terms";

  /** Discover: vocabulary cap (most frequent terms). */
  public static final String TOPICS_VOCABULARY_SIZE = "topics.vocabulary-size";

  /** Discover: terms in fewer tickets are dropped. */
  public static final String TOPICS_MIN_DOC_FREQUENCY = "topics.min-doc-frequency";

  /** Discover: seed for sampling and k-means. */
  public static final String TOPICS_SEED = "topics.seed";

  /** Discover: Nori user dictionary file (one word per line, optionally its parts). */
  public static final String TOPICS_USER_DICTIONARY = "topics.user-dictionary";

  /** Default for {@link #TOPICS_USER_DICTIONARY}; empty means none. */
  public static final String TOPICS_USER_DICTIONARY_DEFAULT = "";

  /** Discover: stopword file (one term per line). */
  public static final String TOPICS_STOPWORDS = "topics.stopwords";

  /** Default for {@link #TOPICS_STOPWORDS}; empty means none. */
  public static final String TOPICS_STOPWORDS_DEFAULT = "";

  /** Discover: Nori decompound mode (none, discard, mixed). */
  public static final String TOPICS_DECOMPOUND_MODE = "topics.decompound-mode";

  /** Discover: comma-separated Nori part-of-speech tags kept as terms. */
  public static final String TOPICS_POS_TAGS = "topics.pos-tags";

  /** Discover: whether 안/못 and -지 않 mark the verb as negated. */
  public static final String TOPICS_NEGATION = "topics.negation";

  /** Discover: a new topic keeps a previous topic's id when their centres are this similar. */
  public static final String TOPICS_MATCH_SIMILARITY = "topics.match-similarity";

  /** Default for {@link #TOPICS_MATCH_SIMILARITY}. */
  public static final double TOPICS_MATCH_SIMILARITY_DEFAULT = 0.5;

  /** Discover: fine topics whose centres merge at this cosine similarity share a parent. */
  public static final String TOPICS_PARENT_SIMILARITY = "topics.parent-similarity";

  /** Default for {@link #TOPICS_PARENT_SIMILARITY}. */
  public static final double TOPICS_PARENT_SIMILARITY_DEFAULT = 0.2;

  /** Assign: a ticket less similar to its centre than this quantile of the topic's is emerging. */
  public static final String TOPICS_EMERGING_QUANTILE = "topics.emerging-quantile";

  /** Default for {@link #TOPICS_EMERGING_QUANTILE}. */
  public static final double TOPICS_EMERGING_QUANTILE_DEFAULT = 0.05;

  /** Rank: which topics are ranked, {@code parent} (causes) or {@code topic} (fine topics). */
  public static final String RANK_LEVEL = "rank.level";

  /** Rank: segments with fewer orders in the window do not set the benchmark. */
  public static final String RANK_MIN_SEGMENT_ORDERS = "rank.min-segment-orders";

  /** Rank: the order-weighted quantile of segment rates taken as the benchmark. */
  public static final String RANK_BENCHMARK_QUANTILE = "rank.benchmark-quantile";

  /** Rank: segments below this share of a topic's typical rate do not set its benchmark. */
  public static final String RANK_MIN_EXPOSURE = "rank.min-exposure";

  /** Rank: the Poisson p-value below which excess, spikes and trends count. */
  public static final String RANK_SIGNIFICANCE = "rank.significance";

  /**
   * Rank: a contact within this many days of the same customer's or order's last one is a repeat.
   */
  public static final String RANK_REPEAT_DAYS = "rank.repeat-days";

  /** Rank: trailing weeks that make a week's spike baseline. */
  public static final String RANK_SPIKE_BASELINE_WEEKS = "rank.spike-baseline-weeks";

  /** Rank: robust standard deviations above the baseline median that make a spike. */
  public static final String RANK_SPIKE_THRESHOLD = "rank.spike-threshold";

  /** Rank: relative change of the last month's rate that counts as rising or falling. */
  public static final String RANK_TREND_CHANGE = "rank.trend-change";

  /** Rank: minutes an agent spends on a contact when the tickets have no handle time. */
  public static final String RANK_HANDLE_MINUTES = "rank.handle-minutes";

  /** Rank: cost of one agent minute (in {@link #RANK_CURRENCY}). */
  public static final String RANK_COST_PER_MINUTE = "rank.cost-per-minute";

  /** Rank: the currency costs are given in, for display. */
  public static final String RANK_CURRENCY = "rank.currency";

  /** Rank: prefix of {@code rank.effort.<topic id>=<person-days>}; any entry ranks by ROI. */
  public static final String RANK_EFFORT = "rank.effort";

  /** Rank: contributing segments listed per backlog row. */
  public static final String RANK_TOP_SEGMENTS = "rank.top-segments";

  /**
   * Report: relative change of a topic's monthly reducible contacts that counts as rose or fell.
   */
  public static final String REPORT_CHANGE = "report.change";

  /** Default for {@link #REPORT_CHANGE}. */
  public static final double REPORT_CHANGE_DEFAULT = 0.2;

  /** Canonical ticket columns, in the order of the data contract. */
  public static final List<String> TICKET_COLUMNS =
      List.of(
          "ticket_id",
          "created_at",
          "text",
          "channel",
          "customer_id",
          "order_id",
          "agent_tag",
          "handle_seconds",
          "csat",
          "language");

  /** Canonical ticket columns that must be present in the input. */
  public static final Set<String> TICKET_REQUIRED = Set.of("ticket_id", "created_at", "text");

  /** Canonical order columns, in the order of the data contract. */
  public static final List<String> ORDER_COLUMNS =
      List.of("order_id", "ordered_at", "customer_id", "amount");

  /** Canonical order columns that must be present in the input. */
  public static final Set<String> ORDER_REQUIRED = Set.of("order_id", "ordered_at");
}
