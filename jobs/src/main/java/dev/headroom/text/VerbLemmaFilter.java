package dev.headroom.text;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Writes a verb or adjective stem as its dictionary form: {@code 오} becomes {@code 오다}. */
final class VerbLemmaFilter extends TokenFilter {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PartOfSpeechAttribute pos = addAttribute(PartOfSpeechAttribute.class);

  VerbLemmaFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    POS.Tag tag = pos.getLeftPOS();
    if (tag == POS.Tag.VV || tag == POS.Tag.VA) {
      term.append('다');
    }
    return true;
  }
}
