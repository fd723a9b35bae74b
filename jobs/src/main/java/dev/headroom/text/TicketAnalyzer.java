package dev.headroom.text;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

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
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.spark.sql.Column;

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
  private final ConceptLexicon concepts;

  private TicketAnalyzer(TokenizerSettings settings) {
    this.english = new EnglishTicketAnalyzer(settings.stopwords());
    this.korean = new KoreanTicketAnalyzer(settings, english);
    this.concepts =
        settings.concepts().isEmpty()
            ? ConceptLexicon.NONE
            : ConceptLexicon.of(settings.concepts(), word -> tokens(analyzerFor(word, null), word));
  }

  /** The analyzer for these settings, built once per JVM. */
  public static TicketAnalyzer forSettings(TokenizerSettings settings) {
    return CACHE.computeIfAbsent(settings, TicketAnalyzer::new);
  }

  /**
   * The language whose analyzer a ticket's text goes through, as a column: English when {@code
   * language} starts with {@code en}, Korean for any other given language, and when none is given
   * Korean if the text has Hangul, else English (as {@link #detectLanguage} decides).
   */
  public static Column analysisLanguage(Column text, Column language) {
    Column detected = when(text.rlike("[가-힣ㄱ-ㆎ]"), lit(KOREAN)).otherwise(lit(ENGLISH));
    Column given = when(lower(language).startsWith(ENGLISH), lit(ENGLISH)).otherwise(lit(KOREAN));
    return when(language.isNull().or(trim(language).equalTo("")), detected).otherwise(given);
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

  /**
   * The analyzer settings' concept lexicon, built and checked; an error naming the lexicon line
   * when a word in it gives no term or several.
   */
  public ConceptLexicon concepts() {
    return concepts;
  }

  /** The terms of {@code text}; {@code language} may be null to detect it from the script. */
  public List<String> terms(String text, String language) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return concepts.apply(tokens(analyzerFor(text, language), text));
  }

  /**
   * Each term of {@code text} with the word it was made from, as a person reads it: English words
   * lower-cased as written ({@code arrived} for the stem {@code arriv}), Korean terms as analyzed
   * (nouns as written, verbs as dictionary forms, {@code 안 오다} for the negated {@code 안_오다}). A
   * concept's term comes with the word that was written for it ({@code delivery} for {@code 배송}).
   *
   * @return pairs of term and written form, in text order
   */
  public List<Surface> surfaces(String text, String language) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<Surface> surfaces = new ArrayList<>();
    try (TokenStream stream = analyzerFor(text, language).tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int[] compound = {-1, -1};
      while (stream.incrementToken()) {
        String analyzed = term.toString();
        String concept = concepts.concept(analyzed);
        if (!concept.isEmpty()) {
          String written =
              isSyllable(analyzed)
                  ? compoundOf(text, analyzed, offset.startOffset(), offset.endOffset(), compound)
                  : written(analyzed, text, offset);
          surfaces.add(new Surface(concept, written));
        }
        if (offset.endOffset() - offset.startOffset() > 1) {
          compound[0] = offset.startOffset();
          compound[1] = offset.endOffset();
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return surfaces;
  }

  /**
   * A term and the word a person wrote for it.
   *
   * @param term the term as the topic model counts it
   * @param written the word as a person reads it
   */
  public record Surface(String term, String written) implements java.io.Serializable {}

  /** A Latin-script term's word as written (lower case); other terms readable as they are. */
  private static String written(String term, String text, OffsetAttribute offset) {
    boolean latin = !term.isEmpty() && term.chars().allMatch(c -> c < 0x3000);
    int start = offset.startOffset();
    int end = offset.endOffset();
    if (latin && start >= 0 && end <= text.length() && start < end) {
      String word = text.substring(start, end).toLowerCase(Locale.ROOT);
      // A possessive or a word split by the tokenizer: keep the letters of the term's word.
      return word.endsWith("'s") ? word.substring(0, word.length() - 2) : word;
    }
    return term.replace('_', ' ');
  }

  /**
   * The word a one-syllable Korean term was written in. Nori's mixed mode gives a compound's parts
   * as terms (원 of 상담원, 자 of 판매자, 선 of 선크림), and a part alone is not a word anyone wrote: it reads
   * as the compound it came from, the compound token just before it (whose span holds it) or, when
   * that was a stopword, the Hangul it is written against. A syllable that stands alone (돈이, 책)
   * reads as itself.
   *
   * @param compound the span of the last longer token seen, {@code -1} when none
   */
  private static String compoundOf(
      String text, String syllable, int start, int end, int[] compound) {
    if (start < 0 || end > text.length() || start >= end) {
      return syllable;
    }
    if (compound[0] >= 0 && compound[0] <= start && end <= compound[1]) {
      return text.substring(compound[0], compound[1]);
    }
    int from = start;
    while (from > 0 && isHangulSyllable(text.charAt(from - 1))) {
      from--;
    }
    // Text written without spaces runs on for a whole phrase: no word to show, the piece stays.
    return start - from <= MAX_COMPOUND_HEAD ? text.substring(from, end) : syllable;
  }

  /** The most syllables written before a piece for them to read as one compound with it. */
  private static final int MAX_COMPOUND_HEAD = 4;

  private static boolean isSyllable(String term) {
    return term.length() == 1 && isHangulSyllable(term.charAt(0));
  }

  private static boolean isHangulSyllable(char c) {
    return c >= '\uAC00' && c <= '\uD7A3';
  }

  private Analyzer analyzerFor(String text, String language) {
    String lang = language == null || language.isBlank() ? detectLanguage(text) : language;
    return lang.toLowerCase(Locale.ROOT).startsWith(ENGLISH) ? english : korean;
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
