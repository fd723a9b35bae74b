package dev.headroom.bench.jmh;

import dev.headroom.generate.SyntheticVoc;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the benchmarks here share: generated ticket texts (title and body, as {@code generate}
 * writes them, personal data included) cycled one per call, on one thread, scored in tickets per
 * second per core. The settings apply to every subclass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public abstract class GeneratedTickets {

  /** Orders whose tickets are generated: about 20k texts, more than the CPU caches hold. */
  private static final long ORDERS = 160_000;

  private String[] texts;
  private int next;

  /** The generated texts, in generation order. */
  protected String[] generateTexts(String zone) {
    SyntheticVoc generator =
        new SyntheticVoc(
            new SyntheticVoc.Params(42, YearMonth.of(2026, 1), 6, ORDERS, 0.0, 0.08, zone));
    List<String> text = new ArrayList<>();
    for (long i = 0; i < ORDERS; i++) {
      for (SyntheticVoc.Ticket t : generator.tickets(i)) {
        text.add(t.title() + "\n" + t.body());
      }
    }
    texts = text.toArray(String[]::new);
    return texts;
  }

  /** The index of the next text, wrapping around. */
  protected int nextIndex() {
    int i = next;
    next = i + 1 == texts.length ? 0 : i + 1;
    return i;
  }
}
