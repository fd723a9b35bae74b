package dev.headroom.bench;

import java.util.List;
import java.util.Map;

/**
 * The figures of one benchmark size: the pipeline's stages, the read+tokenize lower bound, and
 * scikit-learn's TF-IDF + k-means on the same texts.
 *
 * @param tickets tickets generated (the input rows of the tickets file)
 * @param orders orders generated
 * @param cores the cores Spark ran on
 * @param heapMaxBytes the JVM's heap limit
 * @param generateSeconds time to generate the input (not part of the run)
 * @param stages the run's stages in order
 * @param lowerBound reading the tickets and tokenizing their text, nothing else
 * @param ours how well the run's topics find the planted causes
 * @param sklearn the scikit-learn baseline, or null when it was not run
 * @param outputBytes bytes on disk per table or folder the run wrote
 */
public record BenchResult(
    long tickets,
    long orders,
    int cores,
    long heapMaxBytes,
    double generateSeconds,
    List<Stage> stages,
    LowerBound lowerBound,
    Quality ours,
    Baseline sklearn,
    Map<String, Long> outputBytes) {

  /**
   * One stage of {@code run}.
   *
   * @param name ingest, discover, rank or report
   * @param seconds wall-clock time
   * @param rows the rows the stage read (ingest: tickets + orders; discover: clean tickets; rank:
   *     clean tickets + clean orders; report: backlog rows)
   * @param peakHeapBytes the highest heap use seen during the stage
   * @param parts the seconds of the stage's own steps, as its job records them in {@code runs}
   */
  public record Stage(
      String name, double seconds, long rows, long peakHeapBytes, Map<String, Double> parts) {

    /** Rows per second. */
    public double rowsPerSecond() {
      return seconds > 0 ? rows / seconds : 0;
    }
  }

  /**
   * The lower bound for the design: Spark reads the clean tickets and Nori tokenizes all their text
   * on the same cores.
   *
   * @param seconds wall-clock time
   * @param tickets tickets tokenized (the clean ones)
   * @param terms terms produced (so the work cannot be skipped)
   * @param peakHeapBytes the highest heap use seen
   */
  public record LowerBound(double seconds, long tickets, long terms, long peakHeapBytes) {}

  /**
   * Agreement of the run's topics with the planted causes on the clean tickets.
   *
   * @param k fine topics found
   * @param parents parent topics
   * @param tickets clean tickets compared
   * @param nmi NMI of the fine topics (unclassified as a topic of its own) with the causes
   * @param parentNmi NMI of the parent topics with the causes
   * @param vocabulary the terms discover's model kept
   */
  public record Quality(
      int k, int parents, long tickets, double nmi, double parentNmi, int vocabulary) {}

  /**
   * scikit-learn's TfidfVectorizer + KMeans with the same k on the same clean texts, split on
   * whitespace, and again on the terms discover's tokenizer gave them.
   *
   * @param version scikit-learn's version
   * @param rows texts clustered
   * @param readSeconds reading the texts file (not counted in its throughput)
   * @param vectorizeSeconds TfidfVectorizer.fit_transform
   * @param kmeansSeconds KMeans.fit
   * @param vocabulary terms kept
   * @param nmi NMI of its clusters with the causes
   * @param oursNmi NMI of the run's fine topics with the causes, computed by scikit-learn (a check
   *     on {@link Quality#nmi})
   * @param terms the terms it was given (discover's tokenizer's, all the texts' together)
   * @param termsVectorizeSeconds TfidfVectorizer.fit_transform on the terms
   * @param termsKmeansSeconds KMeans.fit on those features
   * @param termsVocabulary terms kept
   * @param termsNmi NMI of its clusters of the terms with the causes
   */
  public record Baseline(
      String version,
      long rows,
      double readSeconds,
      double vectorizeSeconds,
      double kmeansSeconds,
      long vocabulary,
      double nmi,
      double oursNmi,
      long terms,
      double termsVectorizeSeconds,
      double termsKmeansSeconds,
      long termsVocabulary,
      double termsNmi) {

    /** Vectorizing and clustering the texts, the work compared with ours. */
    public double seconds() {
      return vectorizeSeconds + kmeansSeconds;
    }

    /** Texts per second. */
    public double rowsPerSecond() {
      return seconds() > 0 ? rows / seconds() : 0;
    }

    /** Vectorizing and clustering the terms, the work compared with discover's from its terms. */
    public double termsSeconds() {
      return termsVectorizeSeconds + termsKmeansSeconds;
    }

    /** Texts per second, given their terms. */
    public double termsRowsPerSecond() {
      return termsSeconds() > 0 ? rows / termsSeconds() : 0;
    }
  }

  /** The whole run: the sum of the stages. */
  public double runSeconds() {
    return stages.stream().mapToDouble(Stage::seconds).sum();
  }

  /** One stage's seconds, or 0 when absent. */
  public double stageSeconds(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).mapToDouble(Stage::seconds).sum();
  }

  /** Tickets through the whole run per second. */
  public double runTicketsPerSecond() {
    return runSeconds() > 0 ? tickets / runSeconds() : 0;
  }

  /** The whole run as a multiple of the read+tokenize lower bound. */
  public double runOverLowerBound() {
    return lowerBound.seconds() > 0 ? runSeconds() / lowerBound.seconds() : 0;
  }

  /** The run's tickets per second over scikit-learn's texts per second; 0 without it. */
  public double runThroughputOverSklearn() {
    return sklearn == null || sklearn.rowsPerSecond() == 0
        ? 0
        : runTicketsPerSecond() / sklearn.rowsPerSecond();
  }

  /** The topic stage alone (discover: tokenize, TF-IDF, k selection, k-means, assign, write). */
  public double discoverThroughputOverSklearn() {
    double discover = stageSeconds("discover");
    return sklearn == null || sklearn.rowsPerSecond() == 0 || discover == 0
        ? 0
        : (ours.tickets() / discover) / sklearn.rowsPerSecond();
  }

  /**
   * Discover from its tokenizer's terms to every ticket's topic, the work scikit-learn does when
   * given the terms: the vocabulary, IDF weights and feature vectors, k selection (scikit-learn is
   * given the k), the final k-means and placing every ticket ({@code fit} and {@code
   * summarize.place} of its steps). Its label terms, exemplars and writes are left out, as
   * scikit-learn does none of them. 0 when the steps are not recorded.
   */
  public double discoverFromTermsSeconds() {
    Map<String, Double> parts =
        stages.stream()
            .filter(s -> s.name().equals("discover"))
            .findFirst()
            .map(Stage::parts)
            .orElse(Map.of());
    Double fit = parts.get("fit");
    Double place = parts.get("summarize.place");
    return fit == null || place == null ? 0 : fit + place;
  }

  /**
   * Discover's tickets per second from its terms over scikit-learn's given the same terms (issue
   * 20's comparison); 0 without either.
   */
  public double discoverFromTermsOverSklearn() {
    double discover = discoverFromTermsSeconds();
    return sklearn == null || sklearn.termsRowsPerSecond() == 0 || discover == 0
        ? 0
        : (ours.tickets() / discover) / sklearn.termsRowsPerSecond();
  }

  /** The peak heap of the whole run. */
  public long runPeakHeapBytes() {
    return stages.stream().mapToLong(Stage::peakHeapBytes).max().orElse(0);
  }
}
