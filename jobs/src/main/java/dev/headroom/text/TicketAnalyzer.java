package dev.headroom.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns one ticket's text into terms: Korean through Nori, English through a standard analyzer with
 * Porter stemming, mixed text through Nori with its English words stemmed the same way.
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

  private static final Pattern MASK = Pattern.compile("<[A-Z]+>");
  private static final Map<TokenizerSettings, TicketAnalyzer> CACHE = new ConcurrentHashMap<>();

  private final TokenizerSettings settings;
  private final Analyzer korean;
  private final Analyzer english;
  private final EnumSet<POS.Tag> keepTags;

  private TicketAnalyzer(TokenizerSettings settings) {
    this.settings = settings;
    this.keepTags = EnumSet.noneOf(POS.Tag.class);
    settings.keepTags().forEach(tag -> keepTags.add(POS.Tag.valueOf(tag)));
    UserDictionary dictionary = userDictionary(settings.userDictionary());
    KoreanTokenizer.DecompoundMode mode =
        KoreanTokenizer.DecompoundMode.valueOf(settings.decompoundMode().toUpperCase(Locale.ROOT));
    this.korean =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer tokenizer =
                new KoreanTokenizer(
                    TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, dictionary, mode, false, true);
            return new TokenStreamComponents(tokenizer);
          }
        };
    CharArraySet englishStops = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    // Stopwords also apply before stemming, so an English entry is written as a word (please).
    englishStops.addAll(settings.stopwords());
    this.english =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new EnglishPossessiveFilter(tokenizer);
            stream = new LowerCaseFilter(stream);
            stream = new StopFilter(stream, englishStops);
            return new TokenStreamComponents(tokenizer, new PorterStemFilter(stream));
          }
        };
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
    String clean = MASK.matcher(text).replaceAll(" ");
    String lang = language == null || language.isBlank() ? detectLanguage(clean) : language;
    List<String> terms =
        lang.toLowerCase(Locale.ROOT).startsWith(ENGLISH)
            ? englishTerms(clean)
            : koreanTerms(clean);
    terms.removeIf(settings.stopwords()::contains);
    return terms;
  }

  private List<String> englishTerms(String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = english.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String t = term.toString();
        if (!isNumber(t)) {
          terms.add(t);
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private List<String> koreanTerms(String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = korean.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PartOfSpeechAttribute pos = stream.addAttribute(PartOfSpeechAttribute.class);
      stream.reset();
      String negator = null;
      while (stream.incrementToken()) {
        // In mixed mode an inflected word is followed by its morphemes; the morphemes count.
        if (pos.getPOSType() == POS.Type.INFLECT) {
          continue;
        }
        POS.Tag tag = pos.getLeftPOS();
        String surface = term.toString();
        if (settings.negation()
            && tag == POS.Tag.MAG
            && (surface.equals("안") || surface.equals("못"))) {
          negator = surface;
          continue;
        }
        if (settings.negation() && tag == POS.Tag.VX && surface.equals("않") && !terms.isEmpty()) {
          // 오지 않아요: the verb before -지 않 is negated.
          int last = terms.size() - 1;
          if (terms.get(last).endsWith("다") && !terms.get(last).startsWith("안_")) {
            terms.set(last, "안_" + terms.get(last));
          }
          continue;
        }
        boolean verb = tag == POS.Tag.VV || tag == POS.Tag.VA;
        if (verb && negator != null) {
          terms.add(negator + "_" + surface + "다");
          negator = null;
          continue;
        }
        if (tag != POS.Tag.E && tag != POS.Tag.J) {
          negator = null;
        }
        if (!keepTags.contains(tag)) {
          continue;
        }
        if (tag == POS.Tag.SL) {
          terms.addAll(englishTerms(surface));
        } else if (verb) {
          terms.add(surface + "다");
        } else if (!isNumber(surface)) {
          terms.add(surface);
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private static boolean isNumber(String term) {
    for (int i = 0; i < term.length(); i++) {
      if (!Character.isDigit(term.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static UserDictionary userDictionary(List<String> lines) {
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
