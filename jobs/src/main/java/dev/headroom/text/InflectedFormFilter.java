package dev.headroom.text;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;

/**
 * Drops the whole inflected word Nori emits in mixed mode before its morphemes ({@code 와요} before
 * {@code 오}, {@code 아요}): the morphemes are the terms.
 */
final class InflectedFormFilter extends FilteringTokenFilter {

  private final PartOfSpeechAttribute pos = addAttribute(PartOfSpeechAttribute.class);

  InflectedFormFilter(TokenStream input) {
    super(input);
  }

  @Override
  protected boolean accept() {
    return pos.getPOSType() != POS.Type.INFLECT;
  }
}
