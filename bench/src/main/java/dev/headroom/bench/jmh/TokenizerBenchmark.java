package dev.headroom.bench.jmh;

import dev.headroom.common.HeadroomConfig;
import dev.headroom.text.TicketAnalyzer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The tokenizer stage alone: one generated ticket's title and body through {@link TicketAnalyzer}
 * (Nori for Korean, Lucene's English chain otherwise) with the shipped config's settings.
 *
 * <p>Run from the project root: {@code bench/run --jmh-only}, or see BENCHMARKS.md.
 */
public class TokenizerBenchmark extends GeneratedTickets {

  /** The config whose tokenizer settings (dictionary, stopwords, tags) are used. */
  @Param({HeadroomConfig.DEFAULT_FILE})
  public String config;

  private TicketAnalyzer analyzer;
  private String[] texts;
  private String[] languages;

  /**
   * Builds the analyzer and generates the texts; languages are detected up front, as ingest does.
   */
  @Setup
  public void setUp() {
    HeadroomConfig settings = HeadroomConfig.load(Path.of(config), Map.of());
    analyzer = TicketAnalyzer.forSettings(settings.topics().tokenizer());
    texts = generateTexts(settings.timeZone().getId());
    languages = new String[texts.length];
    for (int i = 0; i < texts.length; i++) {
      languages[i] = TicketAnalyzer.detectLanguage(texts[i]);
    }
  }

  /** Tokenizes the next ticket; the terms are returned so the work is not eliminated. */
  @Benchmark
  public List<String> tokenizeOneTicket() {
    int i = nextIndex();
    return analyzer.terms(texts[i], languages[i]);
  }
}
