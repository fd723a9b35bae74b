package dev.headroom.text;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes inquiry text before masking and tokenizing.
 *
 * <p>Unicode NFKC (full-width digits and letters become ASCII; compatibility jamo such as ㅋ stay),
 * control and zero-width characters removed, a run of three or more of the same non-digit character
 * shortened to two (ㅋㅋㅋㅋ, !!!!, ㅠㅠㅠㅠ), and white space collapsed to single spaces. Digits are never
 * shortened, so 1000000 stays a million.
 */
public final class TextNormalizer {

  // NFKC would turn compatibility jamo (ㅋ, ㅠ, ㅡ) into conjoining jamo (ᄏ, ᅲ, ᅳ), which
  // display and tokenize differently; runs of them are kept as typed.
  private static final Pattern COMPATIBILITY_JAMO = Pattern.compile("[\\u3131-\\u318E]+");
  private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF]");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t\\r]]");
  private static final Pattern REPEATS = Pattern.compile("([^\\d\\s])\\1{2,}");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private TextNormalizer() {}

  /** Returns the normalized text; {@code null} stays {@code null}. */
  public static String normalize(String text) {
    if (text == null) {
      return null;
    }
    String result = nfkcKeepingJamo(text);
    result = INVISIBLE.matcher(result).replaceAll("");
    result = CONTROL.matcher(result).replaceAll(" ");
    result = REPEATS.matcher(result).replaceAll("$1$1");
    return SPACES.matcher(result).replaceAll(" ").trim();
  }

  private static String nfkcKeepingJamo(String text) {
    Matcher jamo = COMPATIBILITY_JAMO.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (jamo.find()) {
      out.append(Normalizer.normalize(text.substring(last, jamo.start()), Normalizer.Form.NFKC));
      out.append(jamo.group());
      last = jamo.end();
    }
    out.append(Normalizer.normalize(text.substring(last), Normalizer.Form.NFKC));
    return out.toString();
  }
}
