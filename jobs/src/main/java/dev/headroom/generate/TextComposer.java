package dev.headroom.generate;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes one ticket's text the way customers do: a phrasing of the cause with its slots filled, an
 * optional greeting and closing, particles that agree with the word before them, spacing mistakes,
 * typos, slang, English or mixed Korean-English.
 */
final class TextComposer {

  /** How a ticket is written. */
  enum Language {
    KOREAN("ko"),
    ENGLISH("en"),
    MIXED("mixed");

    final String code;

    Language(String code) {
      this.code = code;
    }
  }

  private static final List<String[]> ENGLISH_TERMS =
      List.of(
          new String[] {"배송조회", "tracking"},
          new String[] {"배송", "delivery"},
          new String[] {"환불", "refund"},
          new String[] {"결제", "payment"},
          new String[] {"쿠폰", "coupon"},
          new String[] {"로그인", "login"},
          new String[] {"사이즈", "size"},
          new String[] {"교환", "exchange"},
          new String[] {"취소", "cancel"},
          new String[] {"주소", "address"});

  private TextComposer() {}

  /** Picks how a ticket is written: mostly Korean, some English, some mixed. */
  static Language language(SplittableRandom random) {
    double p = random.nextDouble();
    return p < 0.06 ? Language.ENGLISH : p < 0.10 ? Language.MIXED : Language.KOREAN;
  }

  /** The body of a ticket about {@code cause} for an order in {@code categoryIndex}. */
  static String body(
      Cause cause, int categoryIndex, boolean repeat, Language language, SplittableRandom random) {
    if (language == Language.ENGLISH) {
      String core = fill(pick(cause.english(), random), categoryIndex, true, random);
      String prefix =
          repeat
              ? pick(List.of("Again: ", "Still not solved. ", "Second time asking. "), random)
              : "";
      String suffix =
          pick(List.of("", "", " Thanks.", " Please help.", " This is urgent!!!"), random);
      return prefix + core + suffix;
    }
    StringBuilder text = new StringBuilder();
    appendPart(text, pick(CauseCatalog.OPENERS, random), random);
    if (repeat) {
      appendPart(text, pick(CauseCatalog.REPEAT_OPENERS, random), random);
    }
    appendPart(text, fill(pick(cause.korean(), random), categoryIndex, false, random), random);
    if (random.nextDouble() < 0.3) {
      appendPart(text, fill(pick(cause.korean(), random), categoryIndex, false, random), random);
    }
    appendPart(text, pick(CauseCatalog.CLOSERS, random), random);
    String result = text.toString();
    if (language == Language.MIXED) {
      result = mixInEnglish(result, random);
    }
    if (random.nextDouble() < 0.15) {
      String[] typo = pick(CauseCatalog.TYPOS, random);
      result = result.replaceFirst(typo[0], typo[1]);
    }
    double spacing = random.nextDouble();
    if (spacing < 0.05) {
      result = result.replace(" ", "");
    } else if (spacing < 0.25) {
      result = dropSomeSpaces(result, random);
    }
    return result;
  }

  /** A short subject line, as e-mail and board tickets have. */
  static String title(Cause cause, SplittableRandom random) {
    return pick(cause.titles(), random);
  }

  static <T> T pick(List<T> items, SplittableRandom random) {
    return items.get(random.nextInt(items.size()));
  }

  private static void appendPart(StringBuilder text, String part, SplittableRandom random) {
    if (part.isEmpty()) {
      return;
    }
    if (text.length() > 0) {
      text.append(pick(List.of(" ", " ", ". ", "\n", "  "), random));
    }
    text.append(part);
  }

  /** Fills {item}, {days}, {n}, {size}; a slot may carry a particle, as in {item:이}. */
  static String fill(String template, int categoryIndex, boolean english, SplittableRandom random) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        out.append(template, i, template.length());
        break;
      }
      out.append(template, i, open);
      int close = template.indexOf('}', open);
      String slot = template.substring(open + 1, close);
      String particle = null;
      int colon = slot.indexOf(':');
      if (colon >= 0) {
        particle = slot.substring(colon + 1);
        slot = slot.substring(0, colon);
      }
      String value =
          switch (slot) {
            case "item" ->
                pick(
                    (english ? CauseCatalog.ITEMS_EN : CauseCatalog.ITEMS_KO).get(categoryIndex),
                    random);
            case "days" -> Integer.toString(3 + random.nextInt(12));
            case "n" -> Integer.toString(2 + random.nextInt(4));
            case "size" -> pick(CauseCatalog.SIZES, random);
            default ->
                throw new IllegalArgumentException("Unknown slot {" + slot + "} in " + template);
          };
      out.append(value);
      if (particle != null) {
        out.append(particle(value, particle));
      }
      i = close + 1;
    }
    return out.toString();
  }

  /** The form of a particle that agrees with the last sound of {@code word} (이/가, 을/를, 으로/로). */
  static String particle(String word, String particle) {
    char last = word.charAt(word.length() - 1);
    boolean hangul = last >= '가' && last <= '힣';
    int finalConsonant = hangul ? (last - '가') % 28 : -1;
    boolean batchim;
    if (hangul) {
      batchim = finalConsonant != 0;
    } else {
      // Digits and Latin letters are read aloud: 270mm "밀리", 95 "오" (no batchim), M "엠".
      String lower = word.toLowerCase(Locale.ROOT);
      batchim = lower.endsWith("m") && !lower.endsWith("mm") || lower.matches(".*[0136780]$");
    }
    return switch (particle) {
      case "이" -> batchim ? "이" : "가";
      case "을" -> batchim ? "을" : "를";
      case "은" -> batchim ? "은" : "는";
      // ㄹ batchim takes 로, not 으로.
      case "으로" -> batchim && finalConsonant != 8 ? "으로" : "로";
      default -> particle;
    };
  }

  private static String mixInEnglish(String text, SplittableRandom random) {
    String result = text;
    int swaps = 0;
    for (String[] term : ENGLISH_TERMS) {
      if (result.contains(term[0]) && random.nextDouble() < 0.7) {
        result = result.replaceFirst(term[0], term[1] + " ");
        if (++swaps == 2) {
          break;
        }
      }
    }
    return result.replace("  ", " ");
  }

  private static String dropSomeSpaces(String text, SplittableRandom random) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' && random.nextDouble() < 0.5) {
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }
}
