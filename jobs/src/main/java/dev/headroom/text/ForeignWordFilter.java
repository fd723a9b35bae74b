package dev.headroom.text;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Runs each foreign-word token of Korean text ({@code SL}: refund, iPhone's) through the English
 * analyzer, so mixed text gives the same English terms as English text; a word may give none (a
 * stopword) or several.
 */
final class ForeignWordFilter extends TokenFilter {

  private final Analyzer english;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PartOfSpeechAttribute pos = addAttribute(PartOfSpeechAttribute.class);
  private final Deque<String> pending = new ArrayDeque<>();
  private State foreign;

  ForeignWordFilter(TokenStream input, Analyzer english) {
    super(input);
    this.english = english;
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (true) {
      if (!pending.isEmpty()) {
        restoreState(foreign);
        term.setEmpty().append(pending.removeFirst());
        return true;
      }
      if (!input.incrementToken()) {
        return false;
      }
      if (pos.getLeftPOS() != POS.Tag.SL) {
        return true;
      }
      foreign = captureState();
      pending.addAll(TicketAnalyzer.tokens(english, term.toString()));
    }
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending.clear();
    foreign = null;
  }
}
