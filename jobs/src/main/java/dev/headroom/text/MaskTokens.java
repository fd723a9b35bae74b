package dev.headroom.text;

import java.io.Reader;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;

/** The tokens masking writes ({@code <PHONE>}, {@code <EMAIL>}): kept in text, never terms. */
final class MaskTokens {

  private MaskTokens() {}

  private static final Pattern MASK = Pattern.compile("<[A-Z]+>");

  /** The text with every mask token read as a space. */
  static Reader remove(Reader reader) {
    return new PatternReplaceCharFilter(MASK, " ", reader);
  }
}
