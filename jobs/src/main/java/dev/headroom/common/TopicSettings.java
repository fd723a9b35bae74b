package dev.headroom.common;

import dev.headroom.text.TokenizerSettings;
import java.io.Serializable;

/**
 * How topics are discovered.
 *
 * @param k number of topics; 0 chooses it from {@code kMin..kMax} on a sample, where the parent
 *     topics stop changing
 * @param kMin smallest k tried when choosing
 * @param kMax largest k tried when choosing
 * @param selectionSample tickets sampled to choose k
 * @param minTerms tickets with fewer terms go to the unclassified topic
 * @param vocabularySize most frequent terms kept (k-means centres stay this small)
 * @param minDocFrequency terms in fewer tickets are dropped
 * @param maxDocShare terms in a larger share of the tickets are dropped
 * @param maxIterations k-means iterations
 * @param seed seed for sampling and k-means
 * @param labelTerms distinctive terms kept per topic
 * @param exemplars tickets nearest the centre kept per topic
 * @param tokenizer how text becomes terms
 */
public record TopicSettings(
    int k,
    int kMin,
    int kMax,
    int selectionSample,
    int minTerms,
    int vocabularySize,
    int minDocFrequency,
    double maxDocShare,
    int maxIterations,
    long seed,
    int labelTerms,
    int exemplars,
    TokenizerSettings tokenizer)
    implements Serializable {

  /** Default number of topics: 0 chooses k from the range. */
  public static final int K_DEFAULT = 0;

  /** Default smallest k tried. */
  public static final int K_MIN_DEFAULT = 6;

  /** Default largest k tried. */
  public static final int K_MAX_DEFAULT = 33;

  /** Default tickets sampled to choose k. */
  public static final int SELECTION_SAMPLE_DEFAULT = 20_000;

  /** Default minimum number of terms for a ticket to be clustered. */
  public static final int MIN_TERMS_DEFAULT = 2;

  /** Default vocabulary cap. */
  public static final int VOCABULARY_SIZE_DEFAULT = 20_000;

  /** Default minimum document frequency of a term. */
  public static final int MIN_DOC_FREQUENCY_DEFAULT = 2;

  /** Default largest share of the tickets a vocabulary term may be in. */
  public static final double MAX_DOC_SHARE_DEFAULT = 0.5;

  /** Default k-means iterations. */
  public static final int MAX_ITERATIONS_DEFAULT = 40;

  /** Default seed. */
  public static final long SEED_DEFAULT = 42;

  /** Default number of label terms. */
  public static final int LABEL_TERMS_DEFAULT = 8;

  /** Default number of exemplars. */
  public static final int EXEMPLARS_DEFAULT = 5;

  /** These settings with k fixed at {@code fixedK} (0 to choose it between kMin and kMax). */
  public TopicSettings withFixedK(int fixedK) {
    return new TopicSettings(
        fixedK,
        kMin,
        kMax,
        selectionSample,
        minTerms,
        vocabularySize,
        minDocFrequency,
        maxDocShare,
        maxIterations,
        seed,
        labelTerms,
        exemplars,
        tokenizer);
  }

  /** These settings with another tokenizer (stopwords, user dictionary). */
  public TopicSettings withTokenizer(TokenizerSettings other) {
    return new TopicSettings(
        k,
        kMin,
        kMax,
        selectionSample,
        minTerms,
        vocabularySize,
        minDocFrequency,
        maxDocShare,
        maxIterations,
        seed,
        labelTerms,
        exemplars,
        other);
  }

  /** Defaults with a fixed k (0 to choose). */
  public static TopicSettings withK(int k, TokenizerSettings tokenizer) {
    return new TopicSettings(
        k,
        K_MIN_DEFAULT,
        K_MAX_DEFAULT,
        SELECTION_SAMPLE_DEFAULT,
        MIN_TERMS_DEFAULT,
        VOCABULARY_SIZE_DEFAULT,
        MIN_DOC_FREQUENCY_DEFAULT,
        MAX_DOC_SHARE_DEFAULT,
        MAX_ITERATIONS_DEFAULT,
        SEED_DEFAULT,
        LABEL_TERMS_DEFAULT,
        EXEMPLARS_DEFAULT,
        tokenizer);
  }
}
