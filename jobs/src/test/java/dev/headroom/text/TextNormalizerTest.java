package dev.headroom.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.text.Normalizer;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void fullWidthCharactersBecomeAscii() {
    assertEquals("ABC 123 사이즈", TextNormalizer.normalize("ＡＢＣ　１２３ 사이즈"));
  }

  @Test
  void longRepeatsAreShortenedButDigitsAreNot() {
    assertEquals("ㅋㅋ 진짜요!! 1000000원", TextNormalizer.normalize("ㅋㅋㅋㅋㅋㅋ 진짜요!!!!! 1000000원"));
    assertEquals("아아 ㅠㅠ", TextNormalizer.normalize("아아아아아 ㅠㅠㅠㅠ"));
  }

  @Test
  void compatibilityJamoStayAsTyped() {
    String normalized = TextNormalizer.normalize("ㅋㅋ ㅡㅡ ㅠㅠ");
    assertEquals("ㅋㅋ ㅡㅡ ㅠㅠ", normalized);
    normalized
        .chars()
        .filter(c -> c != ' ')
        .forEach(c -> assertEquals(0x31, c >> 8, "U+" + Integer.toHexString(c)));
  }

  @Test
  void whitespaceControlAndInvisibleCharactersAreCleaned() {
    assertEquals("배송 언제 와요?", TextNormalizer.normalize("  배송\u200B\n\n언제\t\u0007와요?  "));
    assertNull(TextNormalizer.normalize(null));
  }

  @Test
  void anInvisibleCharacterInsideARunDoesNotSaveItAndAControlCharacterEndsIt() {
    assertEquals("!!", TextNormalizer.normalize("!\u200B!!\uFEFF!"));
    assertEquals("!! !!", TextNormalizer.normalize("!!\u0007!!"));
    assertEquals("😀😀 1111", TextNormalizer.normalize("😀😀😀😀 1111"));
  }

  /**
   * The normalizer runs on every ticket in one pass over its characters. It gives what the four
   * regular expressions it replaced gave (kept here as the reference), on random texts built from
   * the characters where the two could differ: runs, digits, every kind of white space, control and
   * invisible characters, full-width forms, compatibility and conjoining jamo, combining marks and
   * emoji. Not a lone surrogate: text decoded from UTF-8 cannot hold one, and there the expressions
   * compared half an emoji with it.
   */
  @Test
  void givesWhatTheRegularExpressionsGaveOnTextsOfTrickyCharacters() {
    String[] pieces = {
      "a", "A", "ㅋ", "ㅠ", "가", "!", "1", "0", " ", "  ", "\t", "\n", "\r", "\u000B", "\f", "\u0007",
      "\u001F", "\u007F", "\u0085", "\u00A0", "\u3000", "\u200B", "\u200D", "\u2060", "\uFEFF", "Ａ",
      "１", "ﾞ", "ｶ", "\u1100", "\u1161", "\u0301", "😀", "ﬁ", "…"
    };
    Random random = new Random(20261206L);
    for (int n = 0; n < 50_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(24);
      for (int i = 0; i < length; i++) {
        String piece = pieces[random.nextInt(pieces.length)];
        text.append(random.nextInt(4) == 0 ? piece.repeat(2 + random.nextInt(3)) : piece);
      }
      String input = text.toString();
      assertEquals(
          ByRegularExpressions.normalize(input),
          TextNormalizer.normalize(input),
          () -> "for " + input.codePoints().mapToObj(Integer::toHexString).toList());
    }
  }

  /** The normalizer as four regular expressions, as it was before it became one pass. */
  private static final class ByRegularExpressions {
    private static final Pattern COMPATIBILITY_JAMO = Pattern.compile("[\\u3131-\\u318E]+");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t\\r]]");
    private static final Pattern REPEATS = Pattern.compile("([^\\d\\s])\\1{2,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static String normalize(String text) {
      Matcher jamo = COMPATIBILITY_JAMO.matcher(text);
      StringBuilder out = new StringBuilder();
      int last = 0;
      while (jamo.find()) {
        out.append(Normalizer.normalize(text.substring(last, jamo.start()), Normalizer.Form.NFKC));
        out.append(jamo.group());
        last = jamo.end();
      }
      out.append(Normalizer.normalize(text.substring(last), Normalizer.Form.NFKC));
      String result = INVISIBLE.matcher(out).replaceAll("");
      result = CONTROL.matcher(result).replaceAll(" ");
      result = REPEATS.matcher(result).replaceAll("$1$1");
      return SPACES.matcher(result).replaceAll(" ").trim();
    }
  }
}
