package dev.headroom.text;

import java.io.Reader;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.UserDictionary;

/**
 * Korean (and mixed) ticket text to terms, as a chain of small filters after Nori's tokenizer:
 *
 * <ol>
 *   <li>{@link KoreanTokenizer} with the user dictionary and decompound mode, punctuation dropped;
 *   <li>{@link InflectedFormFilter}: morphemes, not the inflected word they came from;
 *   <li>{@link KoreanNegationFilter} (when negation is on): 안/못 joins the verb after it;
 *   <li>{@link VerbLemmaFilter}: verb and adjective stems as dictionary forms ({@code 오다});
 *   <li>{@link PartOfSpeechKeepFilter}: only the kept tags (nouns, verbs, roots, foreign words);
 *   <li>{@link ForeignWordFilter}: English words through {@link EnglishTicketAnalyzer};
 *   <li>{@link NumberFilter}: no bare numbers;
 *   <li>{@link NegationSuffixFilter} (when negation is on): -지 않 negates the term before it;
 *   <li>{@link CompoundStopFilter}: the project's stopwords, a stopped compound with its parts.
 * </ol>
 *
 * <p>Nouns stay as written (no stop filter on Nori's default tags, which cuts 에어팟 to 팟); mask
 * tokens are not read.
 */
public final class KoreanTicketAnalyzer extends Analyzer {

  private final UserDictionary dictionary;
  private final KoreanTokenizer.DecompoundMode mode;
  private final Set<POS.Tag> keepTags;
  private final boolean negation;
  private final CharArraySet stopwords;
  private final Analyzer english;

  /** An analyzer for these settings; {@code english} analyzes foreign words. */
  public KoreanTicketAnalyzer(TokenizerSettings settings, Analyzer english) {
    this.dictionary = TicketAnalyzer.userDictionary(settings.userDictionary());
    this.mode =
        KoreanTokenizer.DecompoundMode.valueOf(settings.decompoundMode().toUpperCase(Locale.ROOT));
    this.keepTags = tags(settings.keepTags());
    this.negation = settings.negation();
    this.stopwords = new CharArraySet(settings.stopwords(), false);
    this.english = english;
  }

  private static Set<POS.Tag> tags(List<String> names) {
    EnumSet<POS.Tag> tags = EnumSet.noneOf(POS.Tag.class);
    names.forEach(name -> tags.add(POS.Tag.valueOf(name)));
    return tags;
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return MaskTokens.remove(reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer tokenizer =
        new KoreanTokenizer(
            TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, dictionary, mode, false, true);
    TokenStream stream = new InflectedFormFilter(tokenizer);
    if (negation) {
      stream = new KoreanNegationFilter(stream);
    }
    stream = new VerbLemmaFilter(stream);
    stream = new PartOfSpeechKeepFilter(stream, keepTags);
    stream = new ForeignWordFilter(stream, english);
    stream = new NumberFilter(stream);
    if (negation) {
      stream = new NegationSuffixFilter(stream, keepTags.contains(POS.Tag.VX));
    }
    stream = new CompoundStopFilter(stream, stopwords);
    return new TokenStreamComponents(tokenizer, stream);
  }
}
