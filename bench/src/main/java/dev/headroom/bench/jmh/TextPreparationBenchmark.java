package dev.headroom.bench.jmh;

import dev.headroom.text.PiiMasker;
import dev.headroom.text.TextNormalizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What ingest does to each ticket's text before anything else: {@link TextNormalizer}, then {@link
 * PiiMasker}.
 */
public class TextPreparationBenchmark extends GeneratedTickets {

  private String[] texts;

  /** Generates the texts. */
  @Setup
  public void setUp() {
    texts = generateTexts("Asia/Seoul");
  }

  /** Normalizes and masks the next ticket's text. */
  @Benchmark
  public String prepareOneTicket() {
    return PiiMasker.mask(TextNormalizer.normalize(texts[nextIndex()]));
  }
}
