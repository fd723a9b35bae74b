package dev.headroom.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns one ticket's text into terms: Korean and mixed text through {@link KoreanTicketAnalyzer}
 * (Nori), English through {@link EnglishTicketAnalyzer} (Porter stems).
 *
 * <p>Korean terms are nouns as written and verb or adjective stems as lemmas ({@code 와요 -> 오다}).
 * Negation is kept: 안/못 before a verb, or -지 않 after it, gives {@code 안_오다}, {@code 못_받다} instead
 * of the bare verb. Mask tokens ({@code <PHONE>}) and numbers are not terms.
 *
 * <p>Lucene analyzers are not serializable: instances are cached per JVM by settings and built
 * where they are used (on the executors). They are thread-safe through Lucene's per-thread reuse.
 */
public final class TicketAnalyzer {

  /** Language code that selects the English path. */
  public static final String ENGLISH = "en";

  /** Language code that selects the Korean (Nori) path. */
  public static final String KOREAN = "ko";

  private static final Map<TokenizerSettings, TicketAnalyzer> CACHE = new ConcurrentHashMap<>();

  private final Analyzer korean;
  private final Analyzer english;

  private TicketAnalyzer(TokenizerSettings settings) {
    this.english = new EnglishTicketAnalyzer(settings.stopwords());
    this.korean = new KoreanTicketAnalyzer(settings, english);
  }

  /** The analyzer for these settings, built once per JVM. */
  public static TicketAnalyzer forSettings(TokenizerSettings settings) {
    return CACHE.computeIfAbsent(settings, TicketAnalyzer::new);
  }

  /** Korean when the text has Hangul, else English. */
  public static String detectLanguage(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '가' && c <= '힣') || (c >= 'ㄱ' && c <= 'ㆎ')) {
        return KOREAN;
      }
    }
    return ENGLISH;
  }

  /** The terms of {@code text}; {@code language} may be null to detect it from the script. */
  public List<String> terms(String text, String language) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String lang = language == null || language.isBlank() ? detectLanguage(text) : language;
    return tokens(lang.toLowerCase(Locale.ROOT).startsWith(ENGLISH) ? english : korean, text);
  }

  /** The terms {@code analyzer} makes of {@code text}. */
  static List<String> tokens(Analyzer analyzer, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  /** Nori's user dictionary from its lines (comments and blanks skipped); null when empty. */
  static UserDictionary userDictionary(List<String> lines) {
    List<String> entries =
        lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    if (entries.isEmpty()) {
      return null;
    }
    try {
      return UserDictionary.open(new StringReader(String.join("\n", entries)));
    } catch (IOException e) {
      throw new UncheckedIOException("Bad user dictionary: " + e.getMessage(), e);
    }
  }
}
