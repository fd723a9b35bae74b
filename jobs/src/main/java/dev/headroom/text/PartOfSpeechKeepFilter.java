package dev.headroom.text;

import java.util.Set;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Keeps the tokens whose part of speech is in a set (the opposite of Nori's stop filter, so a new
 * tag is left out unless configured), and negation cues whatever their tag.
 */
final class PartOfSpeechKeepFilter extends FilteringTokenFilter {

  private final Set<POS.Tag> keep;
  private final PartOfSpeechAttribute pos = addAttribute(PartOfSpeechAttribute.class);
  private final TypeAttribute type = addAttribute(TypeAttribute.class);

  PartOfSpeechKeepFilter(TokenStream input, Set<POS.Tag> keep) {
    super(input);
    this.keep = keep;
  }

  @Override
  protected boolean accept() {
    return keep.contains(pos.getLeftPOS()) || NegationCue.isCue(type);
  }
}
