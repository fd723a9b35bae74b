package dev.headroom.text;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;

/**
 * Drops the stopwords and, with a stopped compound, the parts Nori's mixed mode gives after it
 * ({@code 연락처} stopped takes {@code 연락} and {@code 처} with it), so no piece of a stopword is left
 * as a term of its own.
 */
final class CompoundStopFilter extends FilteringTokenFilter {

  private final CharArraySet stopwords;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionLengthAttribute length = addAttribute(PositionLengthAttribute.class);
  private int stoppedStart = -1;
  private int stoppedEnd = -1;

  CompoundStopFilter(TokenStream input, CharArraySet stopwords) {
    super(input);
    this.stopwords = stopwords;
  }

  @Override
  protected boolean accept() {
    if (stopwords.contains(term.buffer(), 0, term.length())) {
      if (length.getPositionLength() > 1) {
        stoppedStart = offset.startOffset();
        stoppedEnd = offset.endOffset();
      }
      return false;
    }
    if (offset.startOffset() >= stoppedStart && offset.endOffset() <= stoppedEnd) {
      return false; // a part of the compound just stopped
    }
    stoppedStart = -1;
    stoppedEnd = -1;
    return true;
  }

  @Override
  public void reset() throws java.io.IOException {
    super.reset();
    stoppedStart = -1;
    stoppedEnd = -1;
  }
}
