package dev.headroom.common;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One configuration key: its name, default, the values it accepts and the line that documents it.
 *
 * <p>A key whose name holds a placeholder ({@code rank.effort.<topic id>}) is a pattern: it stands
 * for every key with that prefix and a suffix from {@link #choices()} (any suffix when empty). All
 * keys are listed in {@link ConfigKeys#ALL}; the loader, {@code headroom config} and the test of
 * {@code conf/headroom.properties} read that list.
 *
 * @param name the key, e.g. {@code rank.repeat-days}
 * @param defaultValue the value when the key is absent or blank, as text ({@code ""} for none)
 * @param type the values the key accepts
 * @param choices the accepted values of a {@link Type#CHOICE}, or the suffixes of a pattern
 * @param doc one sentence that says what the key does
 */
public record ConfigKey(
    String name, String defaultValue, Type type, List<String> choices, String doc) {

  /** Copies the choices so the key stays immutable. */
  public ConfigKey {
    choices = List.copyOf(choices);
  }

  /** A key that accepts values of {@code type}. */
  public static ConfigKey of(String name, Object defaultValue, Type type, String doc) {
    return new ConfigKey(name, String.valueOf(defaultValue), type, List.of(), doc);
  }

  /** A key that accepts one of {@code choices}, in any letter case. */
  public static ConfigKey choice(
      String name, String defaultValue, List<String> choices, String doc) {
    return new ConfigKey(name, defaultValue, Type.CHOICE, choices, doc);
  }

  /** A pattern key {@code prefix.<placeholder>}; {@code suffixes} empty accepts any suffix. */
  public static ConfigKey pattern(
      String prefix, String placeholder, Type type, List<String> suffixes, String doc) {
    return new ConfigKey(prefix + ".<" + placeholder + ">", "", type, suffixes, doc);
  }

  /** Whether this key stands for a family of keys with a suffix. */
  public boolean isPattern() {
    return name.indexOf('<') >= 0;
  }

  /** The part before the placeholder of a pattern key, without the dot. */
  public String prefix() {
    return isPattern() ? name.substring(0, name.indexOf('<') - 1) : name;
  }

  /** Whether {@code key} is this key, or one of the keys this pattern stands for. */
  public boolean matches(String key) {
    if (!isPattern()) {
      return name.equals(key);
    }
    String start = prefix() + ".";
    if (!key.startsWith(start) || key.length() == start.length()) {
      return false;
    }
    return choices.isEmpty() || choices.contains(key.substring(start.length()));
  }

  /** Whether {@code value} is one this key accepts ({@code ""} always is: it means default). */
  public boolean accepts(String value) {
    if (value.isEmpty()) {
      return true;
    }
    return type == Type.CHOICE
        ? choices.contains(value.toLowerCase(Locale.ROOT))
        : type.check.test(value);
  }

  /** What an accepted value looks like, for messages. */
  public String expected() {
    return type == Type.CHOICE ? "one of " + String.join(", ", choices) : type.expected;
  }

  /** Whether two values of this key mean the same ({@code 3} and {@code 3.0} for a number). */
  public boolean sameValue(String a, String b) {
    if (type.numeric && accepts(a) && accepts(b) && !a.isEmpty() && !b.isEmpty()) {
      return Double.parseDouble(a) == Double.parseDouble(b);
    }
    return type == Type.CHOICE ? a.equalsIgnoreCase(b) : a.equals(b);
  }

  /** The kinds of value a key accepts; each checks a value and says what it expects. */
  public enum Type {
    /** Any text. */
    TEXT("any text", false, value -> true),
    /** A file path, read when the configuration is loaded; empty means none. */
    FILE("a readable UTF-8 file, or nothing for none", false, value -> true),
    /** Comma-separated names. */
    LIST("comma-separated names", false, value -> true),
    /** Comma-separated Java date-time patterns. */
    PATTERNS("comma-separated date-time patterns such as yyyy-MM-dd", false, Type::patterns),
    /** An IANA time zone. */
    ZONE("a time zone such as Asia/Seoul or UTC", false, Type::zone),
    /** An ISO date. */
    DATE("a date as yyyy-MM-dd", false, Type::date),
    /** {@code true} or {@code false}. */
    BOOLEAN("true or false", false, value -> value.equals("true") || value.equals("false")),
    /** A whole number above 0. */
    POSITIVE_INT("a whole number above 0", true, value -> whole(value, 1, Integer.MAX_VALUE)),
    /** A whole number, 0 or more. */
    COUNT("a whole number, 0 or more", true, value -> whole(value, 0, Integer.MAX_VALUE)),
    /** Any whole number that fits a long. */
    SEED("a whole number", true, value -> whole(value, Long.MIN_VALUE, Long.MAX_VALUE)),
    /** A number above 0, at most 1. */
    FRACTION("a number above 0, at most 1", true, value -> number(value, 0, 1, false)),
    /** A finite number, 0 or more. */
    AMOUNT("a number, 0 or more", true, value -> number(value, 0, Double.MAX_VALUE, true)),
    /** One of the key's choices. */
    CHOICE("one of the listed values", false, value -> true);

    private final String expected;
    private final boolean numeric;
    private final Predicate<String> check;

    Type(String expected, boolean numeric, Predicate<String> check) {
      this.expected = expected;
      this.numeric = numeric;
      this.check = check;
    }

    private static boolean whole(String value, long min, long max) {
      try {
        long parsed = Long.parseLong(value);
        return parsed >= min && parsed <= max;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    private static boolean number(String value, double min, double max, boolean minIncluded) {
      try {
        double parsed = Double.parseDouble(value);
        return Double.isFinite(parsed)
            && (minIncluded ? parsed >= min : parsed > min)
            && parsed <= max;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    private static boolean zone(String value) {
      try {
        var unused = ZoneId.of(value);
        return true;
      } catch (DateTimeException e) {
        return false;
      }
    }

    private static boolean date(String value) {
      try {
        var unused = LocalDate.parse(value);
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }

    private static boolean patterns(String value) {
      for (String pattern : value.split(",")) {
        if (pattern.isBlank()) {
          continue;
        }
        try {
          var unused = DateTimeFormatter.ofPattern(pattern.trim(), Locale.ROOT);
        } catch (IllegalArgumentException e) {
          return false;
        }
      }
      return true;
    }
  }
}
