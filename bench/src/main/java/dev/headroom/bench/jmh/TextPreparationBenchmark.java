package dev.headroom.bench.jmh;

import dev.headroom.generate.SyntheticVoc;
import dev.headroom.text.PiiMasker;
import dev.headroom.text.TextNormalizer;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What ingest does to each ticket's text before anything else: {@link TextNormalizer} then
 * {@link PiiMasker}, on one thread. The score is tickets per second per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TextPreparationBenchmark {

  private static final long ORDERS = 160_000;

  private String[] texts;
  private int next;

  /** Generates the texts (as {@code generate} writes them, personal data included). */
  @Setup
  public void setUp() {
    SyntheticVoc generator =
        new SyntheticVoc(new SyntheticVoc.Params(42, YearMonth.of(2026, 1), 6, ORDERS, 0.0, 0.08, "Asia/Seoul"));
    List<String> text = new ArrayList<>();
    for (long i = 0; i < ORDERS; i++) {
      for (SyntheticVoc.Ticket t : generator.tickets(i)) {
        text.add(t.title() + "\n" + t.body());
      }
    }
    texts = text.toArray(String[]::new);
  }

  /** Normalizes and masks the next ticket's text. */
  @Benchmark
  public String prepareOneTicket() {
    int i = next;
    next = i + 1 == texts.length ? 0 : i + 1;
    return PiiMasker.mask(TextNormalizer.normalize(texts[i]));
  }
}
