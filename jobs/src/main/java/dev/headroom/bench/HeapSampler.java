package dev.headroom.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest heap use of this JVM seen since the last {@link #reset}, sampled every few
 * milliseconds by a daemon thread. On embedded Spark the driver and the executors share this heap,
 * so it is the run's whole Java memory. It counts garbage not yet collected too, so it is an upper
 * figure: what the run needs is at most this.
 */
public final class HeapSampler implements AutoCloseable {

  private static final long INTERVAL_MILLIS = 10;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  private HeapSampler() {
    thread = new Thread(this::sample, "headroom-heap-sampler");
    thread.setDaemon(true);
  }

  /** Starts sampling. */
  public static HeapSampler start() {
    HeapSampler sampler = new HeapSampler();
    sampler.thread.start();
    return sampler;
  }

  /** Starts a new window: collects garbage first so the window does not inherit the last one's. */
  public void reset() {
    System.gc();
    peak.set(used());
  }

  /** The highest heap use since {@link #reset}, in bytes. */
  public long peakBytes() {
    peak.accumulateAndGet(used(), Math::max);
    return peak.get();
  }

  /** The heap limit ({@code -Xmx}), in bytes. */
  public long maxBytes() {
    return memory.getHeapMemoryUsage().getMax();
  }

  private long used() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  private void sample() {
    while (running) {
      peak.accumulateAndGet(used(), Math::max);
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
