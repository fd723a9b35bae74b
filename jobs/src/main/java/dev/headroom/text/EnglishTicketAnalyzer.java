package dev.headroom.text;

import java.io.Reader;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English ticket text to terms: standard tokenizer, possessives, lower case, English stopwords and
 * the project's (as words: {@code please}), Porter stems, no numbers, the project's stopwords again
 * (as stems). Mask tokens ({@code <PHONE>}) are not read.
 */
public final class EnglishTicketAnalyzer extends Analyzer {

  private final CharArraySet wordStops;
  private final CharArraySet termStops;

  /** An analyzer that also drops {@code stopwords} (exact terms, as words and as stems). */
  public EnglishTicketAnalyzer(Set<String> stopwords) {
    this.wordStops = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    this.wordStops.addAll(stopwords);
    this.termStops = new CharArraySet(stopwords, false);
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return MaskTokens.remove(reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer tokenizer = new StandardTokenizer();
    TokenStream stream = new EnglishPossessiveFilter(tokenizer);
    stream = new LowerCaseFilter(stream);
    stream = new StopFilter(stream, wordStops);
    stream = new PorterStemFilter(stream);
    stream = new NumberFilter(stream);
    stream = new StopFilter(stream, termStops);
    return new TokenStreamComponents(tokenizer, stream);
  }
}
