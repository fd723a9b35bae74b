package dev.headroom.common;

import dev.headroom.text.TokenizerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The registry of every configuration key Headroom reads: name, default, accepted values, doc.
 *
 * <p>{@link #ALL} is the one list the loader ({@link HeadroomConfig}), {@code headroom config} and
 * the test of {@code conf/headroom.properties} derive from. Typed defaults are named constants next
 * to the settings they configure ({@link RankSettings}, {@link TopicSettings}, {@link
 * TokenizerSettings}, or here); each key below takes its default from that constant.
 */
public final class ConfigKeys {

  private ConfigKeys() {}

  /** Prefix of the ticket input keys ({@code tickets.path}, {@code tickets.format}, ...). */
  public static final String TICKETS = "tickets";

  /** Prefix of the order input keys. */
  public static final String ORDERS = "orders";

  /** Suffix of the segment-column key of an input. */
  public static final String SEGMENTS = "segments";

  /** Suffix prefix: {@code tickets.columns.<canonical>=<user column>} maps a column name. */
  public static final String COLUMNS = "columns";

  /** Formats an input may have; {@code auto} looks at the path. */
  public static final List<String> FORMATS = List.of("auto", "parquet", "delta", "csv", "json");

  /** Default of the {@code *.format} keys. */
  public static final String FORMAT_DEFAULT = "auto";

  /** Default of the {@code *.timestamp-formats} keys. */
  public static final String TIMESTAMP_FORMATS_DEFAULT =
      "yyyy-MM-dd HH:mm:ss,yyyy-MM-dd'T'HH:mm:ssXXX,yyyy-MM-dd'T'HH:mm:ss,yyyy/MM/dd HH:mm,yyyy-MM-dd";

  /** Default of {@link #TIME_ZONE}. */
  public static final String TIME_ZONE_DEFAULT = "Asia/Seoul";

  /** Default of {@link #MAX_TEXT_CHARS}. */
  public static final int MAX_TEXT_CHARS_DEFAULT = 5000;

  /** Default of {@link #MIN_DATE}. */
  public static final String MIN_DATE_DEFAULT = "2000-01-01";

  /** Default of {@link #MAX_FUTURE_DAYS}. */
  public static final int MAX_FUTURE_DAYS_DEFAULT = 1;

  /** Default of {@link #TOPICS_MATCH_SIMILARITY}. */
  public static final double TOPICS_MATCH_SIMILARITY_DEFAULT = 0.5;

  /** Default of {@link #TOPICS_PARENT_SIMILARITY}. */
  public static final double TOPICS_PARENT_SIMILARITY_DEFAULT = 0.2;

  /** Default of {@link #TOPICS_EMERGING_QUANTILE}. */
  public static final double TOPICS_EMERGING_QUANTILE_DEFAULT = 0.05;

  /** Default of {@link #VACUUM_RETENTION_HOURS}: Delta's own, 7 days. */
  public static final int VACUUM_RETENTION_HOURS_DEFAULT = 168;

  /** Default of {@link #REPORT_CHANGE}. */
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
          "nps",
          "language");

  /** Canonical ticket columns that must be present in the input. */
  public static final Set<String> TICKET_REQUIRED = Set.of("ticket_id", "created_at", "text");

  /** Canonical order columns, in the order of the data contract. */
  public static final List<String> ORDER_COLUMNS =
      List.of("order_id", "ordered_at", "customer_id", "amount");

  /** Canonical order columns that must be present in the input. */
  public static final Set<String> ORDER_REQUIRED = Set.of("order_id", "ordered_at");

  /** Time zone in which business dates (months, weeks) are counted. */
  public static final ConfigKey TIME_ZONE =
      ConfigKey.of(
          "time-zone",
          TIME_ZONE_DEFAULT,
          ConfigKey.Type.ZONE,
          "Time zone in which months and weeks count.");

  /** The keys of the ticket input. */
  public static final InputKeys TICKET_INPUT =
      InputKeys.of(TICKETS, "data-samples/tickets", TICKET_COLUMNS);

  /** The keys of the order input. */
  public static final InputKeys ORDER_INPUT =
      InputKeys.of(ORDERS, "data-samples/orders", ORDER_COLUMNS);

  /** Ingest: texts longer than this many characters are rejected as {@code text_too_long}. */
  public static final ConfigKey MAX_TEXT_CHARS =
      ConfigKey.of(
          "ingest.max-text-chars",
          MAX_TEXT_CHARS_DEFAULT,
          ConfigKey.Type.POSITIVE_INT,
          "Texts longer than this many characters are rejected as text_too_long.");

  /** Ingest: dates before this day are rejected as out of range. */
  public static final ConfigKey MIN_DATE =
      ConfigKey.of(
          "ingest.min-date",
          MIN_DATE_DEFAULT,
          ConfigKey.Type.DATE,
          "Dates before this day are rejected as date_out_of_range.");

  /** Ingest: dates more than this many days after the run are rejected as out of range. */
  public static final ConfigKey MAX_FUTURE_DAYS =
      ConfigKey.of(
          "ingest.max-future-days",
          MAX_FUTURE_DAYS_DEFAULT,
          ConfigKey.Type.POSITIVE_INT,
          "Dates more than this many days after the run are rejected as date_out_of_range.");

  /** Discover: number of topics; 0 chooses it from the k range. */
  public static final ConfigKey TOPICS_K =
      ConfigKey.of(
          "topics.k",
          TopicSettings.K_DEFAULT,
          ConfigKey.Type.COUNT,
          "Number of topics; 0 chooses k between k-min and k-max on a sample: the first from which the"
              + " parent topics stop changing, else the best silhouette.");

  /** Discover: smallest k tried when choosing. */
  public static final ConfigKey TOPICS_K_MIN =
      ConfigKey.of(
          "topics.k-min",
          TopicSettings.K_MIN_DEFAULT,
          ConfigKey.Type.POSITIVE_INT,
          "Smallest k tried when choosing k (2 or more).");

  /** Discover: largest k tried when choosing. */
  public static final ConfigKey TOPICS_K_MAX =
      ConfigKey.of(
          "topics.k-max",
          TopicSettings.K_MAX_DEFAULT,
          ConfigKey.Type.POSITIVE_INT,
          "Largest k tried when choosing k.");

  /** Discover: tickets with fewer terms are unclassified. */
  public static final ConfigKey TOPICS_MIN_TERMS =
      ConfigKey.of(
          "topics.min-terms",
          TopicSettings.MIN_TERMS_DEFAULT,
          ConfigKey.Type.POSITIVE_INT,
          "Tickets with fewer terms (after stopwords) go to the unclassified topic.");

  /** Discover: vocabulary cap. */
  public static final ConfigKey TOPICS_VOCABULARY_SIZE =
      ConfigKey.of(
          "topics.vocabulary-size",
          TopicSettings.VOCABULARY_SIZE_DEFAULT,
          ConfigKey.Type.POSITIVE_INT,
          "Vocabulary: at most this many of the most frequent terms.");

  /** Discover: terms in fewer tickets are dropped. */
  public static final ConfigKey TOPICS_MIN_DOC_FREQUENCY =
      ConfigKey.of(
          "topics.min-doc-frequency",
          TopicSettings.MIN_DOC_FREQUENCY_DEFAULT,
          ConfigKey.Type.POSITIVE_INT,
          "Terms in fewer tickets than this are left out of the vocabulary.");

  /** Discover: terms in a larger share of the tickets are dropped. */
  public static final ConfigKey TOPICS_MAX_DOC_SHARE =
      ConfigKey.of(
          "topics.max-doc-share",
          TopicSettings.MAX_DOC_SHARE_DEFAULT,
          ConfigKey.Type.FRACTION,
          "Terms in a larger share of the tickets are left out of the vocabulary (1 keeps them).");

  /** Discover: seed for sampling and k-means. */
  public static final ConfigKey TOPICS_SEED =
      ConfigKey.of(
          "topics.seed",
          TopicSettings.SEED_DEFAULT,
          ConfigKey.Type.SEED,
          "Seed for sampling and k-means.");

  /** Discover: Nori user dictionary file. */
  public static final ConfigKey TOPICS_USER_DICTIONARY =
      ConfigKey.of(
          "topics.user-dictionary",
          "",
          ConfigKey.Type.FILE,
          "Nori user dictionary (one word per line, optionally its parts); empty for none.");

  /** Discover: stopword file. */
  public static final ConfigKey TOPICS_STOPWORDS =
      ConfigKey.of(
          "topics.stopwords",
          "",
          ConfigKey.Type.FILE,
          "Stopwords (one term per line); empty for none.");

  /** Discover: concept lexicon file. */
  public static final ConfigKey TOPICS_CONCEPTS =
      ConfigKey.of(
          "topics.concepts",
          "",
          ConfigKey.Type.FILE,
          "Concept lexicon (concept: word, word, ...): words of both languages and synonyms that"
              + " count as one term; empty for none.");

  /** Discover, rank and report: the team's taxonomy file. */
  public static final ConfigKey TOPICS_TAXONOMY =
      ConfigKey.of(
          "topics.taxonomy",
          "",
          ConfigKey.Type.FILE,
          "The team's taxonomy (name, merge, not-actionable and tag lines keyed by topic id);"
              + " empty for none.");

  /** Discover: Nori decompound mode. */
  public static final ConfigKey TOPICS_DECOMPOUND_MODE =
      ConfigKey.choice(
          "topics.decompound-mode",
          TokenizerSettings.DECOMPOUND_MODE_DEFAULT,
          List.of("none", "discard", "mixed"),
          "Nori decompound mode: mixed keeps a compound and its parts.");

  /** Discover: Nori part-of-speech tags kept as terms. */
  public static final ConfigKey TOPICS_POS_TAGS =
      ConfigKey.of(
          "topics.pos-tags",
          String.join(",", TokenizerSettings.KEEP_TAGS_DEFAULT),
          ConfigKey.Type.LIST,
          "Nori part-of-speech tags kept as terms (NNG, NNP, VV, VA, XR, SL, SH, MAG, ...).");

  /** Discover: whether 안/못 and -지 않 mark the verb as negated. */
  public static final ConfigKey TOPICS_NEGATION =
      ConfigKey.of(
          "topics.negation",
          TokenizerSettings.NEGATION_DEFAULT,
          ConfigKey.Type.BOOLEAN,
          "Whether 안/못 and -지 않 mark the verb as negated (안 오다 becomes one term).");

  /** Discover: a new topic keeps a previous topic's id when their centres are this similar. */
  public static final ConfigKey TOPICS_MATCH_SIMILARITY =
      ConfigKey.of(
          "topics.match-similarity",
          TOPICS_MATCH_SIMILARITY_DEFAULT,
          ConfigKey.Type.FRACTION,
          "A topic keeps a previous run's topic id when their centres are at least this similar.");

  /** Discover: fine topics whose centres merge at this cosine similarity share a parent. */
  public static final ConfigKey TOPICS_PARENT_SIMILARITY =
      ConfigKey.of(
          "topics.parent-similarity",
          TOPICS_PARENT_SIMILARITY_DEFAULT,
          ConfigKey.Type.FRACTION,
          "Fine topics merge into parents while their centres are at least this similar (and,"
              + " where all centres are alike, well above their typical similarity).");

  /** Assign: a ticket less similar to its centre than this quantile of the topic's is emerging. */
  public static final ConfigKey TOPICS_EMERGING_QUANTILE =
      ConfigKey.of(
          "topics.emerging-quantile",
          TOPICS_EMERGING_QUANTILE_DEFAULT,
          ConfigKey.Type.FRACTION,
          "assign flags a ticket as emerging below this quantile of its topic's similarities.");

  /** Rank: which topics are ranked, parents (causes) or fine topics. */
  public static final ConfigKey RANK_LEVEL =
      ConfigKey.choice(
          "rank.level",
          RankSettings.LEVEL_DEFAULT,
          List.of(RankSettings.LEVEL_PARENT, RankSettings.LEVEL_TOPIC),
          "Rank parent topics (causes) or fine topics.");

  /** Rank: segments with fewer orders in the window do not set the benchmark. */
  public static final ConfigKey RANK_MIN_SEGMENT_ORDERS =
      ConfigKey.of(
          "rank.min-segment-orders",
          RankSettings.MIN_SEGMENT_ORDERS_DEFAULT,
          ConfigKey.Type.COUNT,
          "Segments with fewer orders in the window do not set a benchmark.");

  /** Rank: the order-weighted quantile of segment rates taken as the benchmark. */
  public static final ConfigKey RANK_BENCHMARK_QUANTILE =
      ConfigKey.of(
          "rank.benchmark-quantile",
          RankSettings.BENCHMARK_QUANTILE_DEFAULT,
          ConfigKey.Type.FRACTION,
          "The benchmark: this order-weighted quantile of the segments' rates.");

  /** Rank: segments below this share of a topic's typical rate do not set its benchmark. */
  public static final ConfigKey RANK_MIN_EXPOSURE =
      ConfigKey.of(
          "rank.min-exposure",
          RankSettings.MIN_EXPOSURE_DEFAULT,
          ConfigKey.Type.AMOUNT,
          "Segments under this share of a topic's typical rate do not set its benchmark.");

  /** Rank: a segment's excess below this share of the topic's first contacts is not counted. */
  public static final ConfigKey RANK_MIN_EXCESS_SHARE =
      ConfigKey.of(
          "rank.min-excess-share",
          RankSettings.MIN_EXCESS_SHARE_DEFAULT,
          ConfigKey.Type.FRACTION,
          "A segment's excess counts only from this share of the topic's first contacts.");

  /** Rank: the file where the team records the fixes it shipped. */
  public static final ConfigKey RANK_FIXES =
      ConfigKey.of(
          "rank.fixes",
          "",
          ConfigKey.Type.FILE,
          "Fixes shipped (topic_id,shipped_on,scope,note a line), verified by rank; empty for none.");

  /** Rank: the Poisson p-value below which excess, spikes and trends count. */
  public static final ConfigKey RANK_SIGNIFICANCE =
      ConfigKey.of(
          "rank.significance",
          RankSettings.SIGNIFICANCE_DEFAULT,
          ConfigKey.Type.FRACTION,
          "Excess, spikes and trends count only below this Poisson p-value.");

  /** Rank: a contact within this many days of the same customer's or order's last is a repeat. */
  public static final ConfigKey RANK_REPEAT_DAYS =
      ConfigKey.of(
          "rank.repeat-days",
          RankSettings.REPEAT_DAYS_DEFAULT,
          ConfigKey.Type.POSITIVE_INT,
          "A contact within this many days of the same customer's or order's last is a repeat.");

  /** Rank: trailing weeks that make a week's spike baseline. */
  public static final ConfigKey RANK_SPIKE_BASELINE_WEEKS =
      ConfigKey.of(
          "rank.spike-baseline-weeks",
          RankSettings.SPIKE_BASELINE_WEEKS_DEFAULT,
          ConfigKey.Type.POSITIVE_INT,
          "Trailing weeks that make a week's spike baseline.");

  /** Rank: robust standard deviations above the baseline median that make a spike. */
  public static final ConfigKey RANK_SPIKE_THRESHOLD =
      ConfigKey.of(
          "rank.spike-threshold",
          RankSettings.SPIKE_THRESHOLD_DEFAULT,
          ConfigKey.Type.AMOUNT,
          "A spike is this many robust standard deviations above the baseline median.");

  /** Rank: relative change of the last month's rate that counts as rising or falling. */
  public static final ConfigKey RANK_TREND_CHANGE =
      ConfigKey.of(
          "rank.trend-change",
          RankSettings.TREND_CHANGE_DEFAULT,
          ConfigKey.Type.AMOUNT,
          "The last month's rate this much above or below the months before is a trend.");

  /** Rank: minutes an agent spends on a contact when tickets have no handle time. */
  public static final ConfigKey RANK_HANDLE_MINUTES =
      ConfigKey.of(
          "rank.handle-minutes",
          RankSettings.HANDLE_MINUTES_DEFAULT,
          ConfigKey.Type.AMOUNT,
          "Agent minutes per contact where tickets carry no handle_seconds.");

  /** Rank: handle minutes in one contact channel. */
  public static final ConfigKey RANK_HANDLE_MINUTES_BY_CHANNEL =
      ConfigKey.pattern(
          RANK_HANDLE_MINUTES.name(),
          "channel",
          ConfigKey.Type.AMOUNT,
          List.of(),
          "Agent minutes per contact in one contact channel.");

  /** Rank: cost of one agent minute (in {@link #RANK_CURRENCY}). */
  public static final ConfigKey RANK_COST_PER_MINUTE =
      ConfigKey.of(
          "rank.cost-per-minute",
          RankSettings.COST_PER_MINUTE_DEFAULT,
          ConfigKey.Type.AMOUNT,
          "Cost of an agent minute, in rank.currency.");

  /** Rank: cost of an agent minute in one contact channel. */
  public static final ConfigKey RANK_COST_PER_MINUTE_BY_CHANNEL =
      ConfigKey.pattern(
          RANK_COST_PER_MINUTE.name(),
          "channel",
          ConfigKey.Type.AMOUNT,
          List.of(),
          "Cost of an agent minute in one contact channel.");

  /** Rank: the currency costs are given in, for display. */
  public static final ConfigKey RANK_CURRENCY =
      ConfigKey.of(
          "rank.currency",
          RankSettings.CURRENCY_DEFAULT,
          ConfigKey.Type.TEXT,
          "The currency costs are given in, for display.");

  /** Rank: {@code rank.effort.<topic id>=<person-days>}; any entry ranks by ROI. */
  public static final ConfigKey RANK_EFFORT =
      ConfigKey.pattern(
          "rank.effort",
          "topic id",
          ConfigKey.Type.AMOUNT,
          List.of(),
          "Effort to fix a topic in person-days; when any is set, the backlog ranks by ROI.");

  /** Rank: contributing segments listed per backlog row. */
  public static final ConfigKey RANK_TOP_SEGMENTS =
      ConfigKey.of(
          "rank.top-segments",
          RankSettings.TOP_SEGMENTS_DEFAULT,
          ConfigKey.Type.POSITIVE_INT,
          "Contributing segments listed per backlog row.");

  /** Report: relative change of a topic's reducible contacts that counts as rose or fell. */
  public static final ConfigKey REPORT_CHANGE =
      ConfigKey.of(
          "report.change",
          REPORT_CHANGE_DEFAULT,
          ConfigKey.Type.FRACTION,
          "Against the rank run before, a topic whose reducible contacts changed by more than"
              + " this share rose or fell.");

  /** Ingest: columns whose values become keyed pseudonyms (customer ids, personal segments). */
  public static final ConfigKey PRIVACY_PSEUDONYMIZE =
      ConfigKey.of(
          "privacy.pseudonymize",
          PrivacySettings.PSEUDONYMIZE_DEFAULT,
          ConfigKey.Type.LIST,
          "Columns of the tickets and orders (canonical or segment names) whose values become"
              + " keyed pseudonyms at ingest; the same value gets the same pseudonym in both.");

  /** Ingest: the file holding the pseudonym secret; the environment variable wins. */
  public static final ConfigKey PRIVACY_KEY_FILE =
      ConfigKey.of(
          "privacy.pseudonym-key-file",
          "",
          ConfigKey.Type.TEXT,
          "File holding the secret of the keyed pseudonyms ("
              + PrivacySettings.KEY_ENVIRONMENT
              + " wins when set); empty: "
              + PrivacySettings.USER_KEY_FILE
              + " in the home folder, made on first use.");

  /** Vacuum: how old an unreferenced file or a saved model must be before vacuum removes it. */
  public static final ConfigKey VACUUM_RETENTION_HOURS =
      ConfigKey.of(
          "vacuum.retention-hours",
          VACUUM_RETENTION_HOURS_DEFAULT,
          ConfigKey.Type.COUNT,
          "vacuum removes files no current table version reads, and saved models but the newest,"
              + " once older than this many hours.");

  /** Every key, in the order {@code conf/headroom.properties} lists them. */
  public static final List<ConfigKey> ALL = all();

  private static List<ConfigKey> all() {
    List<ConfigKey> keys = new ArrayList<>();
    keys.add(TIME_ZONE);
    keys.addAll(TICKET_INPUT.all());
    keys.addAll(ORDER_INPUT.all());
    keys.addAll(
        List.of(MAX_TEXT_CHARS, MIN_DATE, MAX_FUTURE_DAYS, PRIVACY_PSEUDONYMIZE, PRIVACY_KEY_FILE));
    keys.addAll(
        List.of(
            TOPICS_K,
            TOPICS_K_MIN,
            TOPICS_K_MAX,
            TOPICS_MIN_TERMS,
            TOPICS_VOCABULARY_SIZE,
            TOPICS_MIN_DOC_FREQUENCY,
            TOPICS_MAX_DOC_SHARE,
            TOPICS_SEED,
            TOPICS_USER_DICTIONARY,
            TOPICS_STOPWORDS,
            TOPICS_CONCEPTS,
            TOPICS_TAXONOMY,
            TOPICS_DECOMPOUND_MODE,
            TOPICS_POS_TAGS,
            TOPICS_NEGATION,
            TOPICS_MATCH_SIMILARITY,
            TOPICS_PARENT_SIMILARITY,
            TOPICS_EMERGING_QUANTILE));
    keys.addAll(
        List.of(
            RANK_LEVEL,
            RANK_MIN_SEGMENT_ORDERS,
            RANK_BENCHMARK_QUANTILE,
            RANK_MIN_EXPOSURE,
            RANK_MIN_EXCESS_SHARE,
            RANK_FIXES,
            RANK_SIGNIFICANCE,
            RANK_REPEAT_DAYS,
            RANK_SPIKE_BASELINE_WEEKS,
            RANK_SPIKE_THRESHOLD,
            RANK_TREND_CHANGE,
            RANK_HANDLE_MINUTES,
            RANK_HANDLE_MINUTES_BY_CHANNEL,
            RANK_COST_PER_MINUTE,
            RANK_COST_PER_MINUTE_BY_CHANNEL,
            RANK_CURRENCY,
            RANK_EFFORT,
            RANK_TOP_SEGMENTS));
    keys.add(REPORT_CHANGE);
    keys.add(VACUUM_RETENTION_HOURS);
    return List.copyOf(keys);
  }

  /** The key {@code key} is, or the pattern it belongs to; null when it is not a known key. */
  public static ConfigKey find(String key) {
    for (ConfigKey known : ALL) {
      if (known.matches(key)) {
        return known;
      }
    }
    return null;
  }

  /**
   * The keys of one input.
   *
   * @param kind {@link #TICKETS} or {@link #ORDERS}
   * @param path where the input is
   * @param format its format
   * @param timestampFormats patterns tried for string date columns
   * @param segments extra segment columns
   * @param columns the pattern key that maps a canonical column onto the user's
   */
  public record InputKeys(
      String kind,
      ConfigKey path,
      ConfigKey format,
      ConfigKey timestampFormats,
      ConfigKey segments,
      ConfigKey columns) {

    static InputKeys of(String kind, String defaultPath, List<String> canonical) {
      return new InputKeys(
          kind,
          ConfigKey.of(
              kind + ".path",
              defaultPath,
              ConfigKey.Type.TEXT,
              "File, folder or table the " + kind + " are in."),
          ConfigKey.choice(
              kind + ".format",
              FORMAT_DEFAULT,
              FORMATS,
              "Format of the " + kind + " input; auto decides from the path."),
          ConfigKey.of(
              kind + ".timestamp-formats",
              TIMESTAMP_FORMATS_DEFAULT,
              ConfigKey.Type.PATTERNS,
              "Patterns tried in order when a date column is a string (DateTimeFormatter syntax)."),
          ConfigKey.of(
              kind + "." + SEGMENTS,
              "",
              ConfigKey.Type.LIST,
              "Extra columns of the " + kind + " carried through as segments; empty for none."),
          ConfigKey.pattern(
              kind + "." + COLUMNS,
              "column",
              ConfigKey.Type.LIST,
              canonical,
              "The "
                  + kind
                  + " column(s) a canonical column is read from (only text joins several)."));
    }

    /** The keys in the order the config file lists them. */
    public List<ConfigKey> all() {
      return List.of(path, format, columns, timestampFormats, segments);
    }
  }
}
