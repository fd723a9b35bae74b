package dev.headroom.common;

import dev.headroom.stats.PeriodModel;
import dev.headroom.stats.SegmentModel;
import dev.headroom.text.TokenizerSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * @param privacy which columns become keyed pseudonyms, and where the secret is
 * @param topics how topics are discovered
 * @param matchSimilarity centre similarity at which a topic keeps a previous topic's id
 * @param parentSimilarity centre similarity down to which fine topics merge into parents
 * @param emergingQuantile quantile of a topic's similarities below which a new ticket is emerging
 * @param rank how topics are measured and ranked
 * @param taxonomy the team's names, merges, not-actionable marks and tags for topics
 * @param reportChange relative change between two runs that the report calls rose or fell
 * @param vacuumRetentionHours age in hours past which vacuum removes unreferenced files
 * @param source where the configuration came from, for messages
 */
public record HeadroomConfig(
    ZoneId timeZone,
    InputSpec tickets,
    InputSpec orders,
    int maxTextChars,
    LocalDate minDate,
    int maxFutureDays,
    PrivacySettings privacy,
    TopicSettings topics,
    double matchSimilarity,
    double parentSimilarity,
    double emergingQuantile,
    RankSettings rank,
    Taxonomy taxonomy,
    double reportChange,
    int vacuumRetentionHours,
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
    return new HeadroomConfig(
        ZoneId.of(reader.get(ConfigKeys.TIME_ZONE)),
        reader.input(
            ConfigKeys.TICKET_INPUT, ConfigKeys.TICKET_COLUMNS, ConfigKeys.TICKET_REQUIRED),
        reader.input(ConfigKeys.ORDER_INPUT, ConfigKeys.ORDER_COLUMNS, ConfigKeys.ORDER_REQUIRED),
        reader.integer(ConfigKeys.MAX_TEXT_CHARS),
        LocalDate.parse(reader.get(ConfigKeys.MIN_DATE)),
        reader.integer(ConfigKeys.MAX_FUTURE_DAYS),
        new PrivacySettings(
            reader.list(reader.get(ConfigKeys.PRIVACY_PSEUDONYMIZE)),
            reader.get(ConfigKeys.PRIVACY_KEY_FILE)),
        reader.topics(),
        reader.number(ConfigKeys.TOPICS_MATCH_SIMILARITY),
        reader.number(ConfigKeys.TOPICS_PARENT_SIMILARITY),
        reader.number(ConfigKeys.TOPICS_EMERGING_QUANTILE),
        reader.rank(),
        Taxonomy.parse(
            reader.get(ConfigKeys.TOPICS_TAXONOMY), reader.lines(ConfigKeys.TOPICS_TAXONOMY)),
        reader.number(ConfigKeys.REPORT_CHANGE),
        reader.integer(ConfigKeys.VACUUM_RETENTION_HOURS),
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

  /**
   * The value in effect for every key that is not a pattern, as text: for {@code headroom config}.
   */
  public static Map<String, String> effectiveValues(Map<String, String> values) {
    Map<String, String> effective = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      if (key.isPattern()) {
        values.entrySet().stream()
            .filter(entry -> key.matches(entry.getKey()))
            .sorted(Map.Entry.comparingByKey())
            .forEach(entry -> effective.put(entry.getKey(), entry.getValue().trim()));
      } else {
        String value = values.get(key.name());
        effective.put(
            key.name(), value == null || value.isBlank() ? key.defaultValue() : value.trim());
      }
    }
    return effective;
  }

  private static void rejectUnknownKeys(Map<String, String> values, String source) {
    TreeSet<String> unknown = new TreeSet<>();
    for (String key : values.keySet()) {
      if (ConfigKeys.find(key) == null) {
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
              + String.join(", ", ConfigKeys.ALL.stream().map(ConfigKey::name).toList())
              + " (headroom config lists them with their defaults).");
    }
  }

  /** Reads typed values and builds messages that name the key and the bad value. */
  private record Values(Map<String, String> values, String source) {

    /** The value of {@code key} (its default when absent or blank), checked against its type. */
    String get(ConfigKey key) {
      return checked(key, key.name());
    }

    private String checked(ConfigKey key, String name) {
      String value = values.get(name);
      String text = value == null || value.isBlank() ? key.defaultValue() : value.trim();
      if (!key.accepts(text)) {
        throw bad(name, text, key.expected());
      }
      return key.type() == ConfigKey.Type.CHOICE ? text.toLowerCase(Locale.ROOT) : text;
    }

    int integer(ConfigKey key) {
      return Integer.parseInt(get(key));
    }

    double number(ConfigKey key) {
      return Double.parseDouble(get(key));
    }

    List<String> list(String text) {
      List<String> items = new ArrayList<>();
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
      return List.copyOf(items);
    }

    /** Every key of a pattern that is set, by suffix, each checked against the pattern's type. */
    Map<String, String> suffixed(ConfigKey pattern) {
      Map<String, String> bySuffix = new TreeMap<>();
      for (String name : values.keySet()) {
        if (pattern.matches(name)) {
          bySuffix.put(name.substring(pattern.prefix().length() + 1), checked(pattern, name));
        }
      }
      return bySuffix;
    }

    InputSpec input(ConfigKeys.InputKeys keys, List<String> canonical, Set<String> required) {
      Map<String, List<String>> columns = new TreeMap<>();
      for (var entry : suffixed(keys.columns()).entrySet()) {
        List<String> mapped = list(entry.getValue());
        String column = entry.getKey();
        if (mapped.size() > 1 && !column.equals("text")) {
          throw bad(
              keys.columns().prefix() + "." + column,
              entry.getValue(),
              "one column name (only text may join several)");
        }
        columns.put(column, mapped.isEmpty() ? List.of(column) : mapped);
      }
      List<String> segments = list(get(keys.segments()));
      for (String segment : segments) {
        if (canonical.contains(segment)) {
          throw bad(
              keys.segments().name(),
              String.join(",", segments),
              "extra columns only; " + segment + " is already a contract column");
        }
      }
      return new InputSpec(
          keys.kind(),
          get(keys.path()),
          get(keys.format()),
          Map.copyOf(columns),
          segments,
          list(get(keys.timestampFormats())),
          Set.copyOf(required));
    }

    List<String> lines(ConfigKey key) {
      String path = get(key);
      if (path.isEmpty()) {
        return List.of();
      }
      try {
        return Files.readAllLines(LocalFiles.resolve(path), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw bad(key.name(), path, "a readable UTF-8 file (" + e.getClass().getSimpleName() + ")");
      }
    }

    TopicSettings topics() {
      int k = integer(ConfigKeys.TOPICS_K);
      int kMin = integer(ConfigKeys.TOPICS_K_MIN);
      int kMax = integer(ConfigKeys.TOPICS_K_MAX);
      if (kMin < 2 || kMax < kMin) {
        throw bad(
            ConfigKeys.TOPICS_K_MAX.name(),
            kMin + ".." + kMax,
            "k-min of 2 or more and k-max >= k-min");
      }
      List<String> tags = list(get(ConfigKeys.TOPICS_POS_TAGS));
      for (String tag : tags) {
        try {
          org.apache.lucene.analysis.ko.POS.Tag.valueOf(tag);
        } catch (IllegalArgumentException e) {
          throw bad(
              ConfigKeys.TOPICS_POS_TAGS.name(),
              tag,
              "Nori tags such as NNG, NNP, VV, VA, XR, SL, MAG");
        }
      }
      Set<String> stopwords = new java.util.HashSet<>();
      for (String line : lines(ConfigKeys.TOPICS_STOPWORDS)) {
        String word = line.strip();
        if (!word.isEmpty() && !word.startsWith("#")) {
          stopwords.add(word);
        }
      }
      TokenizerSettings tokenizer =
          new TokenizerSettings(
              get(ConfigKeys.TOPICS_DECOMPOUND_MODE),
              tags,
              lines(ConfigKeys.TOPICS_USER_DICTIONARY),
              stopwords,
              Boolean.parseBoolean(get(ConfigKeys.TOPICS_NEGATION)),
              lines(ConfigKeys.TOPICS_CONCEPTS));
      try {
        // Builds the analyzers once here so a bad lexicon line stops the job before it reads.
        dev.headroom.text.TicketAnalyzer.forSettings(tokenizer).concepts();
      } catch (IllegalArgumentException e) {
        throw new InputException(
            "Concept lexicon " + get(ConfigKeys.TOPICS_CONCEPTS) + ", " + e.getMessage(), e);
      }
      return new TopicSettings(
          k,
          kMin,
          kMax,
          TopicSettings.SELECTION_SAMPLE_DEFAULT,
          integer(ConfigKeys.TOPICS_MIN_TERMS),
          integer(ConfigKeys.TOPICS_VOCABULARY_SIZE),
          integer(ConfigKeys.TOPICS_MIN_DOC_FREQUENCY),
          number(ConfigKeys.TOPICS_MAX_DOC_SHARE),
          TopicSettings.MAX_ITERATIONS_DEFAULT,
          Long.parseLong(get(ConfigKeys.TOPICS_SEED)),
          TopicSettings.LABEL_TERMS_DEFAULT,
          TopicSettings.EXEMPLARS_DEFAULT,
          tokenizer);
    }

    Map<String, Double> amounts(ConfigKey pattern) {
      Map<String, Double> bySuffix = new TreeMap<>();
      suffixed(pattern).forEach((suffix, text) -> bySuffix.put(suffix, Double.parseDouble(text)));
      return Map.copyOf(bySuffix);
    }

    RankSettings rank() {
      double significance = number(ConfigKeys.RANK_SIGNIFICANCE);
      SegmentModel.Settings segments =
          new SegmentModel.Settings(
              number(ConfigKeys.RANK_BENCHMARK_QUANTILE),
              integer(ConfigKeys.RANK_MIN_SEGMENT_ORDERS),
              number(ConfigKeys.RANK_MIN_EXPOSURE),
              significance,
              number(ConfigKeys.RANK_MIN_EXCESS_SHARE));
      PeriodModel.Settings periods =
          new PeriodModel.Settings(
              integer(ConfigKeys.RANK_SPIKE_BASELINE_WEEKS),
              RankSettings.SPIKE_MIN_BASELINE_WEEKS,
              number(ConfigKeys.RANK_SPIKE_THRESHOLD),
              significance,
              number(ConfigKeys.RANK_TREND_CHANGE));
      Map<Integer, Double> effort = new TreeMap<>();
      for (var entry : amounts(ConfigKeys.RANK_EFFORT).entrySet()) {
        String key = ConfigKeys.RANK_EFFORT.prefix() + "." + entry.getKey();
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
      return new RankSettings(
          get(ConfigKeys.RANK_LEVEL),
          segments,
          periods,
          integer(ConfigKeys.RANK_REPEAT_DAYS),
          number(ConfigKeys.RANK_HANDLE_MINUTES),
          amounts(ConfigKeys.RANK_HANDLE_MINUTES_BY_CHANNEL),
          number(ConfigKeys.RANK_COST_PER_MINUTE),
          amounts(ConfigKeys.RANK_COST_PER_MINUTE_BY_CHANNEL),
          get(ConfigKeys.RANK_CURRENCY),
          Map.copyOf(effort),
          integer(ConfigKeys.RANK_TOP_SEGMENTS),
          RecordedFix.parse(get(ConfigKeys.RANK_FIXES), lines(ConfigKeys.RANK_FIXES)));
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
