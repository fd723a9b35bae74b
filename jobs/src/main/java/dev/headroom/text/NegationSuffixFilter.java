package dev.headroom.text;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Applies the {@code 않} of -지 않 ({@link NegationCue#SUFFIX}) to the term before it: {@code 오다}
 * becomes {@code 안_오다} (a term already negated with 안 stays as it is), and the cue goes. It holds
 * each term back until the next one shows whether a cue follows.
 */
final class NegationSuffixFilter extends TokenFilter {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final TypeAttribute type = addAttribute(TypeAttribute.class);
  private final boolean keepUnattached;
  private State held;
  private boolean exhausted;

  /** {@code keepUnattached}: whether a 않 with no term before it is a term (VX is a kept tag). */
  NegationSuffixFilter(TokenStream input, boolean keepUnattached) {
    super(input);
    this.keepUnattached = keepUnattached;
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (true) {
      if (exhausted || !input.incrementToken()) {
        exhausted = true;
        if (held == null) {
          return false;
        }
        restoreState(held);
        held = null;
        return true;
      }
      boolean cue = NegationCue.SUFFIX.equals(type.type());
      if (cue && held == null) {
        // Nothing before it to negate: 않 is an ordinary token, a term only if its tag is kept.
        if (keepUnattached) {
          held = captureState();
        }
        continue;
      }
      if (cue) {
        restoreState(held);
        String before = term.toString();
        if (before.endsWith("다") && !before.startsWith("안_")) {
          term.setEmpty().append("안_").append(before);
        }
        held = captureState();
        continue;
      }
      if (held == null) {
        held = captureState();
        continue;
      }
      State current = captureState();
      restoreState(held);
      held = current;
      return true;
    }
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    held = null;
    exhausted = false;
  }
}
