package dev.headroom.common;

import dev.headroom.stats.PeriodModel;
import dev.headroom.stats.SegmentModel;
import dev.headroom.text.TokenizerSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The validated, immutable configuration of one run.
 *
 * <p>Loaded from a properties file (UTF-8) plus {@code --set key=value} overrides. Unknown keys and
 * bad values are rejected with an {@link InputException} that names the key; defaults are in {@link
 * ConfigKeys}.
 *
 * @param timeZone zone in which months and weeks are counted
 * @param tickets the ticket input
 * @param orders the order input
 * @param maxTextChars texts longer than this are rejected
 * @param minDate dates before this day are rejected
 * @param maxFutureDays dates more than this many days after the run are rejected
 * @param topics how topics are discovered
 * @param matchSimilarity centre similarity at which a topic keeps a previous topic's id
 * @param parentSimilarity centre similarity down to which fine topics merge into parents
 * @param emergingQuantile quantile of a topic's similarities below which a new ticket is emerging
 * @param rank how topics are measured and ranked
 * @param reportChange relative change between two runs that the report calls rose or fell
 * @param source where the configuration came from, for messages
 */
public record HeadroomConfig(
    ZoneId timeZone,
    InputSpec tickets,
    InputSpec orders,
    int maxTextChars,
    LocalDate minDate,
    int maxFutureDays,
    TopicSettings topics,
    double matchSimilarity,
    double parentSimilarity,
    double emergingQuantile,
    RankSettings rank,
    double reportChange,
    String source) {

  /** The configuration file used when {@code --config} is not given. */
  public static final String DEFAULT_FILE = "conf/headroom.properties";

  /** Loads a properties file (which must exist) and applies overrides on top of it. */
  public static HeadroomConfig load(Path file, Map<String, String> overrides) {
    Map<String, String> values = read(file);
    values.putAll(overrides);
    return fromMap(values, file.toString());
  }

  /** The key-value pairs of a properties file (which must exist), values trimmed, unchecked. */
  public static Map<String, String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          "Config file not found: " + file + " (pass --config FILE, or run from the project root)");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException("Cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
    return values;
  }

  /** Builds a configuration from key-value pairs; absent keys take their defaults. */
  public static HeadroomConfig fromMap(Map<String, String> values, String source) {
    rejectUnknownKeys(values, source);
    Values reader = new Values(values, source);
    ZoneId zone;
    String zoneName = reader.get(ConfigKeys.TIME_ZONE, ConfigKeys.TIME_ZONE_DEFAULT);
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      throw reader.bad(ConfigKeys.TIME_ZONE, zoneName, "a time zone such as Asia/Seoul or UTC");
    }
    InputSpec tickets =
        reader.input(
            ConfigKeys.TICKETS,
            "data-samples/tickets",
            ConfigKeys.TICKET_COLUMNS,
            ConfigKeys.TICKET_REQUIRED);
    InputSpec orders =
        reader.input(
            ConfigKeys.ORDERS,
            "data-samples/orders",
            ConfigKeys.ORDER_COLUMNS,
            ConfigKeys.ORDER_REQUIRED);
    int maxTextChars =
        reader.positiveInt(ConfigKeys.MAX_TEXT_CHARS, ConfigKeys.MAX_TEXT_CHARS_DEFAULT);
    String minDateText = reader.get(ConfigKeys.MIN_DATE, ConfigKeys.MIN_DATE_DEFAULT);
    LocalDate minDate;
    try {
      minDate = LocalDate.parse(minDateText);
    } catch (DateTimeParseException e) {
      throw reader.bad(ConfigKeys.MIN_DATE, minDateText, "a date as yyyy-MM-dd");
    }
    int maxFutureDays =
        reader.positiveInt(ConfigKeys.MAX_FUTURE_DAYS, ConfigKeys.MAX_FUTURE_DAYS_DEFAULT);
    TopicSettings topics = reader.topics();
    double matchSimilarity =
        reader.fraction(
            ConfigKeys.TOPICS_MATCH_SIMILARITY, ConfigKeys.TOPICS_MATCH_SIMILARITY_DEFAULT);
    double parentSimilarity =
        reader.fraction(
            ConfigKeys.TOPICS_PARENT_SIMILARITY, ConfigKeys.TOPICS_PARENT_SIMILARITY_DEFAULT);
    double emergingQuantile =
        reader.fraction(
            ConfigKeys.TOPICS_EMERGING_QUANTILE, ConfigKeys.TOPICS_EMERGING_QUANTILE_DEFAULT);
    return new HeadroomConfig(
        zone,
        tickets,
        orders,
        maxTextChars,
        minDate,
        maxFutureDays,
        topics,
        matchSimilarity,
        parentSimilarity,
        emergingQuantile,
        reader.rank(),
        reader.fraction(ConfigKeys.REPORT_CHANGE, ConfigKeys.REPORT_CHANGE_DEFAULT),
        source);
  }

  /** Parses {@code key=value} overrides as given to {@code --set}. */
  public static Map<String, String> parseOverrides(List<String> assignments) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new InputException(
            "--set expects key=value, got '" + assignment + "' (e.g. --set tickets.path=in/)");
      }
      overrides.put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
    }
    return overrides;
  }

  /** All keys a configuration may contain, for documentation and validation messages. */
  public static List<String> knownKeyPatterns() {
    List<String> keys = new ArrayList<>();
    keys.add(ConfigKeys.TIME_ZONE);
    for (String kind : List.of(ConfigKeys.TICKETS, ConfigKeys.ORDERS)) {
      for (String suffix :
          List.of(
              ConfigKeys.PATH,
              ConfigKeys.FORMAT,
              ConfigKeys.TIMESTAMP_FORMATS,
              ConfigKeys.SEGMENTS,
              ConfigKeys.COLUMNS + ".<column>")) {
        keys.add(kind + "." + suffix);
      }
    }
    keys.addAll(
        List.of(ConfigKeys.MAX_TEXT_CHARS, ConfigKeys.MIN_DATE, ConfigKeys.MAX_FUTURE_DAYS));
    keys.addAll(TOPIC_KEYS);
    keys.addAll(RANK_KEYS);
    keys.add(ConfigKeys.REPORT_CHANGE);
    keys.addAll(
        RANK_PREFIXES.stream()
            .map(p -> p + ".<" + (p.equals(ConfigKeys.RANK_EFFORT) ? "topic id" : "channel") + ">")
            .toList());
    return keys;
  }

  private static void rejectUnknownKeys(Map<String, String> values, String source) {
    TreeSet<String> unknown = new TreeSet<>();
    for (String key : values.keySet()) {
      if (!isKnownKey(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InputException(
          "Unknown config key(s) in "
              + source
              + ": "
              + String.join(", ", unknown)
              + ". Known keys: "
              + String.join(", ", knownKeyPatterns()));
    }
  }

  private static final List<String> TOPIC_KEYS =
      List.of(
          ConfigKeys.TOPICS_K,
          ConfigKeys.TOPICS_K_MIN,
          ConfigKeys.TOPICS_K_MAX,
          ConfigKeys.TOPICS_MIN_TERMS,
          ConfigKeys.TOPICS_VOCABULARY_SIZE,
          ConfigKeys.TOPICS_MIN_DOC_FREQUENCY,
          ConfigKeys.TOPICS_SEED,
          ConfigKeys.TOPICS_USER_DICTIONARY,
          ConfigKeys.TOPICS_STOPWORDS,
          ConfigKeys.TOPICS_DECOMPOUND_MODE,
          ConfigKeys.TOPICS_POS_TAGS,
          ConfigKeys.TOPICS_NEGATION,
          ConfigKeys.TOPICS_MATCH_SIMILARITY,
          ConfigKeys.TOPICS_PARENT_SIMILARITY,
          ConfigKeys.TOPICS_EMERGING_QUANTILE);

  private static final List<String> RANK_KEYS =
      List.of(
          ConfigKeys.RANK_LEVEL,
          ConfigKeys.RANK_MIN_SEGMENT_ORDERS,
          ConfigKeys.RANK_BENCHMARK_QUANTILE,
          ConfigKeys.RANK_MIN_EXPOSURE,
          ConfigKeys.RANK_SIGNIFICANCE,
          ConfigKeys.RANK_REPEAT_DAYS,
          ConfigKeys.RANK_SPIKE_BASELINE_WEEKS,
          ConfigKeys.RANK_SPIKE_THRESHOLD,
          ConfigKeys.RANK_TREND_CHANGE,
          ConfigKeys.RANK_HANDLE_MINUTES,
          ConfigKeys.RANK_COST_PER_MINUTE,
          ConfigKeys.RANK_CURRENCY,
          ConfigKeys.RANK_TOP_SEGMENTS);

  // Keys that take a suffix: a contact channel, or a topic id for efforts.
  private static final List<String> RANK_PREFIXES =
      List.of(
          ConfigKeys.RANK_HANDLE_MINUTES, ConfigKeys.RANK_COST_PER_MINUTE, ConfigKeys.RANK_EFFORT);

  private static boolean isKnownKey(String key) {
    if (TOPIC_KEYS.contains(key) || RANK_KEYS.contains(key)) {
      return true;
    }
    for (String prefix : RANK_PREFIXES) {
      if (key.startsWith(prefix + ".") && key.length() > prefix.length() + 1) {
        return true;
      }
    }
    if (key.equals(ConfigKeys.TIME_ZONE)
        || key.equals(ConfigKeys.MAX_TEXT_CHARS)
        || key.equals(ConfigKeys.MIN_DATE)
        || key.equals(ConfigKeys.MAX_FUTURE_DAYS)
        || key.equals(ConfigKeys.REPORT_CHANGE)) {
      return true;
    }
    for (String kind : List.of(ConfigKeys.TICKETS, ConfigKeys.ORDERS)) {
      List<String> canonical =
          kind.equals(ConfigKeys.TICKETS) ? ConfigKeys.TICKET_COLUMNS : ConfigKeys.ORDER_COLUMNS;
      for (String suffix :
          List.of(
              ConfigKeys.PATH,
              ConfigKeys.FORMAT,
              ConfigKeys.TIMESTAMP_FORMATS,
              ConfigKeys.SEGMENTS)) {
        if (key.equals(kind + "." + suffix)) {
          return true;
        }
      }
      String columnPrefix = kind + "." + ConfigKeys.COLUMNS + ".";
      if (key.startsWith(columnPrefix)
          && canonical.contains(key.substring(columnPrefix.length()))) {
        return true;
      }
    }
    return false;
  }

  /** Reads typed values and builds messages that name the key and the bad value. */
  private record Values(Map<String, String> values, String source) {

    String get(String key, String defaultValue) {
      String value = values.get(key);
      return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    int positiveInt(String key, int defaultValue) {
      String text = get(key, Integer.toString(defaultValue));
      try {
        int value = Integer.parseInt(text);
        if (value > 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(key, text, "a whole number above 0");
    }

    List<String> list(String key, String defaultValue) {
      String text = get(key, defaultValue);
      List<String> items = new ArrayList<>();
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
      return List.copyOf(items);
    }

    InputSpec input(String kind, String defaultPath, List<String> canonical, Set<String> required) {
      String path = get(kind + "." + ConfigKeys.PATH, defaultPath);
      String format =
          get(kind + "." + ConfigKeys.FORMAT, ConfigKeys.FORMAT_DEFAULT).toLowerCase(Locale.ROOT);
      if (!ConfigKeys.FORMATS.contains(format)) {
        throw bad(kind + "." + ConfigKeys.FORMAT, format, "one of " + ConfigKeys.FORMATS);
      }
      Map<String, List<String>> columns = new TreeMap<>();
      for (String column : canonical) {
        String key = kind + "." + ConfigKeys.COLUMNS + "." + column;
        if (values.containsKey(key)) {
          List<String> mapped = list(key, column);
          if (mapped.size() > 1 && !column.equals("text")) {
            throw bad(key, values.get(key), "one column name (only text may join several)");
          }
          columns.put(column, mapped);
        }
      }
      List<String> segments = list(kind + "." + ConfigKeys.SEGMENTS, "");
      for (String segment : segments) {
        if (canonical.contains(segment)) {
          throw bad(
              kind + "." + ConfigKeys.SEGMENTS,
              String.join(",", segments),
              "extra columns only; " + segment + " is already a contract column");
        }
      }
      List<String> formats =
          list(kind + "." + ConfigKeys.TIMESTAMP_FORMATS, ConfigKeys.TIMESTAMP_FORMATS_DEFAULT);
      return new InputSpec(
          kind, path, format, Map.copyOf(columns), segments, formats, Set.copyOf(required));
    }

    double fraction(String key, double defaultValue) {
      String text = get(key, Double.toString(defaultValue));
      try {
        double value = Double.parseDouble(text);
        if (value > 0 && value <= 1) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(key, text, "a number above 0, at most 1");
    }

    int nonNegativeInt(String key, int defaultValue) {
      String text = get(key, Integer.toString(defaultValue));
      try {
        int value = Integer.parseInt(text);
        if (value >= 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(key, text, "a whole number, 0 or more");
    }

    List<String> lines(String key, String defaultPath) {
      String path = get(key, defaultPath);
      if (path.isEmpty()) {
        return List.of();
      }
      try {
        return Files.readAllLines(LocalFiles.resolve(path), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw bad(key, path, "a readable UTF-8 file (" + e.getClass().getSimpleName() + ")");
      }
    }

    TopicSettings topics() {
      int k = nonNegativeInt(ConfigKeys.TOPICS_K, 0);
      int kMin = positiveInt(ConfigKeys.TOPICS_K_MIN, TopicSettings.K_MIN_DEFAULT);
      int kMax = positiveInt(ConfigKeys.TOPICS_K_MAX, TopicSettings.K_MAX_DEFAULT);
      if (kMin < 2 || kMax < kMin) {
        throw bad(
            ConfigKeys.TOPICS_K_MAX, kMin + ".." + kMax, "k-min of 2 or more and k-max >= k-min");
      }
      List<String> tags =
          list(ConfigKeys.TOPICS_POS_TAGS, String.join(",", TokenizerSettings.KEEP_TAGS_DEFAULT));
      for (String tag : tags) {
        try {
          org.apache.lucene.analysis.ko.POS.Tag.valueOf(tag);
        } catch (IllegalArgumentException e) {
          throw bad(
              ConfigKeys.TOPICS_POS_TAGS, tag, "Nori tags such as NNG, NNP, VV, VA, XR, SL, MAG");
        }
      }
      String mode =
          get(ConfigKeys.TOPICS_DECOMPOUND_MODE, TokenizerSettings.DECOMPOUND_MODE_DEFAULT);
      if (!List.of("none", "discard", "mixed").contains(mode.toLowerCase(Locale.ROOT))) {
        throw bad(ConfigKeys.TOPICS_DECOMPOUND_MODE, mode, "none, discard or mixed");
      }
      String negation = get(ConfigKeys.TOPICS_NEGATION, "true");
      if (!negation.equals("true") && !negation.equals("false")) {
        throw bad(ConfigKeys.TOPICS_NEGATION, negation, "true or false");
      }
      Set<String> stopwords = new java.util.HashSet<>();
      for (String line : lines(ConfigKeys.TOPICS_STOPWORDS, ConfigKeys.TOPICS_STOPWORDS_DEFAULT)) {
        String word = line.strip();
        if (!word.isEmpty() && !word.startsWith("#")) {
          stopwords.add(word);
        }
      }
      TokenizerSettings tokenizer =
          new TokenizerSettings(
              mode,
              tags,
              lines(ConfigKeys.TOPICS_USER_DICTIONARY, ConfigKeys.TOPICS_USER_DICTIONARY_DEFAULT),
              stopwords,
              Boolean.parseBoolean(negation));
      String seedText = get(ConfigKeys.TOPICS_SEED, Long.toString(TopicSettings.SEED_DEFAULT));
      long seed;
      try {
        seed = Long.parseLong(seedText);
      } catch (NumberFormatException e) {
        throw bad(ConfigKeys.TOPICS_SEED, seedText, "a whole number");
      }
      return new TopicSettings(
          k,
          kMin,
          kMax,
          TopicSettings.SELECTION_SAMPLE_DEFAULT,
          positiveInt(ConfigKeys.TOPICS_MIN_TERMS, TopicSettings.MIN_TERMS_DEFAULT),
          positiveInt(ConfigKeys.TOPICS_VOCABULARY_SIZE, TopicSettings.VOCABULARY_SIZE_DEFAULT),
          positiveInt(ConfigKeys.TOPICS_MIN_DOC_FREQUENCY, TopicSettings.MIN_DOC_FREQUENCY_DEFAULT),
          TopicSettings.MAX_ITERATIONS_DEFAULT,
          seed,
          TopicSettings.LABEL_TERMS_DEFAULT,
          TopicSettings.EXEMPLARS_DEFAULT,
          tokenizer);
    }

    double nonNegative(String key, double defaultValue) {
      String text = get(key, Double.toString(defaultValue));
      try {
        double value = Double.parseDouble(text);
        if (value >= 0 && Double.isFinite(value)) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(key, text, "a number, 0 or more");
    }

    /** Every {@code prefix.<suffix>=number} entry, by suffix. */
    Map<String, Double> suffixed(String prefix) {
      Map<String, Double> bySuffix = new TreeMap<>();
      for (String key : values.keySet()) {
        if (key.startsWith(prefix + ".")) {
          bySuffix.put(key.substring(prefix.length() + 1), nonNegative(key, 0.0));
        }
      }
      return Map.copyOf(bySuffix);
    }

    RankSettings rank() {
      String level =
          get(ConfigKeys.RANK_LEVEL, RankSettings.LEVEL_DEFAULT).toLowerCase(Locale.ROOT);
      if (!level.equals(RankSettings.LEVEL_PARENT) && !level.equals(RankSettings.LEVEL_TOPIC)) {
        throw bad(ConfigKeys.RANK_LEVEL, level, "parent (causes) or topic (fine topics)");
      }
      double significance =
          fraction(ConfigKeys.RANK_SIGNIFICANCE, RankSettings.SIGNIFICANCE_DEFAULT);
      SegmentModel.Settings segments =
          new SegmentModel.Settings(
              fraction(ConfigKeys.RANK_BENCHMARK_QUANTILE, RankSettings.BENCHMARK_QUANTILE_DEFAULT),
              nonNegativeInt(
                  ConfigKeys.RANK_MIN_SEGMENT_ORDERS, RankSettings.MIN_SEGMENT_ORDERS_DEFAULT),
              nonNegative(ConfigKeys.RANK_MIN_EXPOSURE, RankSettings.MIN_EXPOSURE_DEFAULT),
              significance);
      PeriodModel.Settings periods =
          new PeriodModel.Settings(
              positiveInt(
                  ConfigKeys.RANK_SPIKE_BASELINE_WEEKS, RankSettings.SPIKE_BASELINE_WEEKS_DEFAULT),
              RankSettings.SPIKE_MIN_BASELINE_WEEKS,
              nonNegative(ConfigKeys.RANK_SPIKE_THRESHOLD, RankSettings.SPIKE_THRESHOLD_DEFAULT),
              significance,
              nonNegative(ConfigKeys.RANK_TREND_CHANGE, RankSettings.TREND_CHANGE_DEFAULT));
      Map<Integer, Double> effort = new TreeMap<>();
      for (var entry : suffixed(ConfigKeys.RANK_EFFORT).entrySet()) {
        String key = ConfigKeys.RANK_EFFORT + "." + entry.getKey();
        try {
          effort.put(Integer.parseInt(entry.getKey()), entry.getValue());
        } catch (NumberFormatException e) {
          throw bad(
              key,
              values.get(key),
              "rank.effort.<topic id>=<person-days>, with a numeric topic id");
        }
        if (entry.getValue() <= 0) {
          throw bad(key, values.get(key), "an effort above 0 (person-days)");
        }
      }
      Map<String, Double> handle = new TreeMap<>(suffixed(ConfigKeys.RANK_HANDLE_MINUTES));
      Map<String, Double> cost = new TreeMap<>(suffixed(ConfigKeys.RANK_COST_PER_MINUTE));
      return new RankSettings(
          level,
          segments,
          periods,
          positiveInt(ConfigKeys.RANK_REPEAT_DAYS, RankSettings.REPEAT_DAYS_DEFAULT),
          nonNegative(ConfigKeys.RANK_HANDLE_MINUTES, RankSettings.HANDLE_MINUTES_DEFAULT),
          Map.copyOf(handle),
          nonNegative(ConfigKeys.RANK_COST_PER_MINUTE, RankSettings.COST_PER_MINUTE_DEFAULT),
          Map.copyOf(cost),
          get(ConfigKeys.RANK_CURRENCY, RankSettings.CURRENCY_DEFAULT),
          Map.copyOf(effort),
          positiveInt(ConfigKeys.RANK_TOP_SEGMENTS, RankSettings.TOP_SEGMENTS_DEFAULT));
    }

    InputException bad(String key, String value, String expected) {
      return new InputException(
          "Config key "
              + key
              + " in "
              + source
              + " has value '"
              + value
              + "'; expected "
              + expected
              + ".");
    }
  }
}
