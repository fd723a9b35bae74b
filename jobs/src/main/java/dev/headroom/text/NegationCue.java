package dev.headroom.text;

import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Token types the Korean chain uses to carry negation from {@link KoreanNegationFilter} to {@link
 * NegationSuffixFilter} past the filters in between, which let tokens of these types through.
 */
final class NegationCue {

  private NegationCue() {}

  /** A verb negated by 안/못 before it; its term already holds the negator ({@code 안_오}). */
  static final String NEGATED = "negated";

  /** The {@code 않} of -지 않: it negates the term before it, then goes. */
  static final String SUFFIX = "negation_suffix";

  /** Whether the current token is one of the cues. */
  static boolean isCue(TypeAttribute type) {
    return NEGATED.equals(type.type()) || SUFFIX.equals(type.type());
  }
}
