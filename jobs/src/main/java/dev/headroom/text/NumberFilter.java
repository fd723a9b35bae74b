package dev.headroom.text;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Drops tokens that are only digits (order counts, sizes, years): they say nothing of a cause. */
final class NumberFilter extends FilteringTokenFilter {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

  NumberFilter(TokenStream input) {
    super(input);
  }

  @Override
  protected boolean accept() {
    for (int i = 0; i < term.length(); i++) {
      if (!Character.isDigit(term.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
