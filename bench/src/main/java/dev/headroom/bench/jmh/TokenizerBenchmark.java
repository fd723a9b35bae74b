package dev.headroom.bench.jmh;

import dev.headroom.common.HeadroomConfig;
import dev.headroom.generate.SyntheticVoc;
import dev.headroom.text.TicketAnalyzer;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tokenizer stage alone: one generated ticket's title and body through {@link TicketAnalyzer}
 * (Nori for Korean, Lucene's English chain otherwise) with the shipped config's settings, on one
 * thread. The score is tickets per second per core.
 *
 * <p>Run from the project root: {@code bench/run --jmh-only}, or see BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TokenizerBenchmark {

  /** Generated tickets cycled through; about 20k is more than the CPU caches hold. */
  private static final long ORDERS = 160_000;

  /** The config whose tokenizer settings (dictionary, stopwords, tags) are used. */
  @Param({HeadroomConfig.DEFAULT_FILE})
  public String config;

  private TicketAnalyzer analyzer;
  private String[] texts;
  private String[] languages;
  private int next;

  /** Builds the analyzer and generates the texts (as {@code generate} writes them). */
  @Setup
  public void setUp() {
    HeadroomConfig settings = HeadroomConfig.load(Path.of(config), Map.of());
    analyzer = TicketAnalyzer.forSettings(settings.topics().tokenizer());
    SyntheticVoc generator =
        new SyntheticVoc(
            new SyntheticVoc.Params(42, YearMonth.of(2026, 1), 6, ORDERS, 0.0, 0.08, settings.timeZone().getId()));
    List<String> text = new ArrayList<>();
    for (long i = 0; i < ORDERS; i++) {
      for (SyntheticVoc.Ticket t : generator.tickets(i)) {
        text.add(t.title() + "\n" + t.body());
      }
    }
    texts = text.toArray(String[]::new);
    languages = new String[texts.length];
    for (int i = 0; i < texts.length; i++) {
      languages[i] = TicketAnalyzer.detectLanguage(texts[i]);
    }
  }

  /** Tokenizes the next ticket; the terms are returned so the work is not eliminated. */
  @Benchmark
  public List<String> tokenizeOneTicket() {
    int i = next;
    next = i + 1 == texts.length ? 0 : i + 1;
    return analyzer.terms(texts[i], languages[i]);
  }
}
