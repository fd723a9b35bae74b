package dev.headroom.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Runs independent steps of one job side by side on the driver, each submitting its own Spark jobs.
 *
 * <p>Most of a small step's time is the driver's (planning, reading and committing the Delta log,
 * scheduling), so two steps overlap well even on one core, and Spark shares the executors between
 * their jobs. Steps must not depend on each other; two writes to one table belong in one step, in
 * order, because Delta sees two overwrites of a table at once as conflicting. Each write is still
 * its own transaction, as when they run one after the other.
 */
public final class SideBySide {

  private SideBySide() {}

  /** Runs the steps at once and waits for all of them; see {@link #get}. */
  public static void run(SparkSession spark, List<Runnable> steps) {
    get(
        spark,
        steps.stream()
            .<Supplier<Void>>map(
                step ->
                    () -> {
                      step.run();
                      return null;
                    })
            .toList());
  }

  /**
   * Runs the steps at once, waits for all of them and returns their results in order. When steps
   * fail, the first failing one's exception (in list order) is rethrown once all have ended, so the
   * error does not depend on which finished first.
   */
  public static <T> List<T> get(SparkSession spark, List<Supplier<T>> steps) {
    if (steps.size() == 1) {
      return List.of(steps.get(0).get());
    }
    // Threads made here inherit the caller's Spark local properties (job group, scheduler pool).
    ExecutorService pool = Executors.newFixedThreadPool(steps.size());
    try {
      List<Future<T>> pending = new ArrayList<>();
      for (Supplier<T> step : steps) {
        pending.add(
            pool.submit(
                () -> {
                  SparkSession.setActiveSession(spark);
                  return step.get();
                }));
      }
      List<T> results = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<T> step : pending) {
        try {
          results.add(step.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure =
                e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while waiting for " + steps.size() + " steps", e);
    } finally {
      pool.shutdown();
    }
  }
}
