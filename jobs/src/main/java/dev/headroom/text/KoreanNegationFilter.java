package dev.headroom.text;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Marks negation, which matters in VOC (안 와요, 못 받았어요): the adverb 안 or 못 goes and the verb or
 * adjective after it becomes {@code 안_오} (endings and particles may come between; anything else
 * ends the negator's reach); the {@code 않} of -지 않 is kept as a {@link NegationCue#SUFFIX} for
 * {@link NegationSuffixFilter}, which negates the term before it.
 */
final class KoreanNegationFilter extends TokenFilter {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PartOfSpeechAttribute pos = addAttribute(PartOfSpeechAttribute.class);
  private final TypeAttribute type = addAttribute(TypeAttribute.class);
  private String negator;

  KoreanNegationFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (input.incrementToken()) {
      POS.Tag tag = pos.getLeftPOS();
      String surface = term.toString();
      if (tag == POS.Tag.MAG && (surface.equals("안") || surface.equals("못"))) {
        negator = surface;
        continue;
      }
      if (tag == POS.Tag.VX && surface.equals("않")) {
        type.setType(NegationCue.SUFFIX);
        return true;
      }
      if ((tag == POS.Tag.VV || tag == POS.Tag.VA) && negator != null) {
        term.setEmpty().append(negator).append('_').append(surface);
        type.setType(NegationCue.NEGATED);
        negator = null;
        return true;
      }
      if (tag != POS.Tag.E && tag != POS.Tag.J) {
        negator = null;
      }
      return true;
    }
    return false;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    negator = null;
  }
}
