package dev.headroom.text;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How inquiry text is cut into terms: Nori's decompound mode, the parts of speech kept, the user
 * dictionary and the stopwords. A small value that travels to executors; the analyzers it describes
 * are built there.
 *
 * @param decompoundMode Nori's mode: {@code none}, {@code discard} or {@code mixed}
 * @param keepTags Nori part-of-speech tags whose morphemes become terms
 * @param userDictionary lines of a Nori user dictionary (word, optionally its parts)
 * @param stopwords terms dropped after analysis (lemmas such as 문의, 하다, please)
 * @param negation whether 안/못 and -지 않 mark the verb after them ({@code 안_오다})
 * @param concepts lines of a concept lexicon ({@link ConceptLexicon}): words of both languages and
 *     synonyms that become one term
 */
public record TokenizerSettings(
    String decompoundMode,
    List<String> keepTags,
    List<String> userDictionary,
    Set<String> stopwords,
    boolean negation,
    List<String> concepts)
    implements Serializable {

  /** Default decompound mode: compounds and their parts both become terms. */
  public static final String DECOMPOUND_MODE_DEFAULT = "mixed";

  /** Default kept tags: nouns, verb and adjective stems, roots, foreign words and hanja. */
  public static final List<String> KEEP_TAGS_DEFAULT =
      List.of("NNG", "NNP", "VV", "VA", "XR", "SL", "SH");

  /** Default negation marking: on. */
  public static final boolean NEGATION_DEFAULT = true;

  /** Copies the collections so the settings stay immutable, and checks the mode. */
  public TokenizerSettings {
    decompoundMode = decompoundMode.toLowerCase(Locale.ROOT);
    if (!List.of("none", "discard", "mixed").contains(decompoundMode)) {
      throw new IllegalArgumentException(
          "decompound mode must be none, discard or mixed, got " + decompoundMode);
    }
    keepTags = List.copyOf(keepTags);
    userDictionary = List.copyOf(userDictionary);
    stopwords = Set.copyOf(stopwords);
    concepts = List.copyOf(concepts);
  }

  /** Settings without a concept lexicon. */
  public TokenizerSettings(
      String decompoundMode,
      List<String> keepTags,
      List<String> userDictionary,
      Set<String> stopwords,
      boolean negation) {
    this(decompoundMode, keepTags, userDictionary, stopwords, negation, List.of());
  }

  /** These settings with {@code words} added to the stopwords (for trying a change first). */
  public TokenizerSettings plusStopwords(String... words) {
    Set<String> more = new java.util.HashSet<>(stopwords);
    more.addAll(List.of(words));
    return new TokenizerSettings(
        decompoundMode, keepTags, userDictionary, more, negation, concepts);
  }

  /** These settings with user dictionary lines added ({@code "카톡"}, {@code "새벽배송 새벽 배송"}). */
  public TokenizerSettings plusDictionaryEntries(String... lines) {
    List<String> more = new java.util.ArrayList<>(userDictionary);
    more.addAll(List.of(lines));
    return new TokenizerSettings(decompoundMode, keepTags, more, stopwords, negation, concepts);
  }

  /** These settings with concept lines added ({@code "파손: broken, 깨지다"}). */
  public TokenizerSettings plusConcepts(String... lines) {
    List<String> more = new java.util.ArrayList<>(concepts);
    more.addAll(List.of(lines));
    return new TokenizerSettings(
        decompoundMode, keepTags, userDictionary, stopwords, negation, more);
  }

  /** These settings without the concept lexicon (to compare with and without). */
  public TokenizerSettings withoutConcepts() {
    return new TokenizerSettings(decompoundMode, keepTags, userDictionary, stopwords, negation);
  }

  /** Defaults with no user dictionary and no stopwords. */
  public static TokenizerSettings defaults() {
    return new TokenizerSettings(
        DECOMPOUND_MODE_DEFAULT, KEEP_TAGS_DEFAULT, List.of(), Set.of(), NEGATION_DEFAULT);
  }
}
