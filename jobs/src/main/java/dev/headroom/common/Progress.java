package dev.headroom.common;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The job's own progress on the terminal: one line that updates while a step runs (job, step, Spark
 * tasks done, rows read, seconds), cleared when the step ends so the job's summary starts on a
 * clean line. When standard output is not a terminal (CI logs, files) it prints a plain line as
 * each step ends instead. {@link JobRun#stage} reports the steps; a Spark listener counts tasks and
 * rows. Spark's own console bar stays off unless {@code --verbose}.
 */
public final class Progress {

  private static final long REPAINT_MILLIS = 500;
  private static final int WIDTH = 100;
  private static final String CLEAR_LINE = "\r\033[K";

  private static final Progress INSTANCE = new Progress(System.err, System.console() != null);

  private final PrintStream out;
  private final boolean terminal;
  private final Deque<String> steps = new ArrayDeque<>();
  private final AtomicLong tasksDone = new AtomicLong();
  private final AtomicLong tasksTotal = new AtomicLong();
  private final AtomicLong rowsRead = new AtomicLong();
  private final ScheduledExecutorService ticker;
  private SparkContext listenedTo;
  private ScheduledFuture<?> repaint;
  private String job = "";
  private long stepStart;

  private Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "headroom-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /** The progress of this JVM's jobs, on its standard error. */
  static Progress get() {
    return INSTANCE;
  }

  /** A step of {@code job} starts; the line names the innermost running step. */
  synchronized void started(SparkContext spark, String jobName, String step) {
    listen(spark);
    if (steps.isEmpty()) {
      tasksDone.set(0);
      tasksTotal.set(0);
      rowsRead.set(0);
      stepStart = System.nanoTime();
      job = jobName;
    }
    steps.push(step);
    if (terminal && repaint == null) {
      repaint =
          ticker.scheduleAtFixedRate(
              this::paint, REPAINT_MILLIS, REPAINT_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** The innermost step ends: the line is cleared (terminal) or a plain line says what it did. */
  synchronized void finished(String step, double seconds) {
    if (!steps.isEmpty()) {
      steps.pop();
    }
    if (!steps.isEmpty()) {
      return;
    }
    if (terminal) {
      if (repaint != null) {
        repaint.cancel(false);
        repaint = null;
      }
      out.print(CLEAR_LINE);
    } else {
      out.println("      " + describe(step, seconds));
    }
    out.flush();
  }

  private synchronized void paint() {
    if (steps.isEmpty()) {
      return;
    }
    String line =
        describe(
            steps.peekLast() + (steps.size() > 1 ? " · " + steps.peek() : ""),
            (System.nanoTime() - stepStart) / 1e9);
    out.print(CLEAR_LINE + TerminalText.fit(line, WIDTH).stripTrailing());
    out.flush();
  }

  private String describe(String step, double seconds) {
    StringBuilder text = new StringBuilder(job).append(" · ").append(step);
    if (tasksTotal.get() > 0) {
      text.append(
          String.format(Locale.ROOT, " · tasks %,d/%,d", tasksDone.get(), tasksTotal.get()));
    }
    if (rowsRead.get() > 0) {
      text.append(String.format(Locale.ROOT, " · %,d records read", rowsRead.get()));
    }
    return text.append(String.format(Locale.ROOT, " · %.0f s", seconds)).toString();
  }

  private void listen(SparkContext spark) {
    if (spark == listenedTo) {
      return;
    }
    listenedTo = spark;
    spark.addSparkListener(
        new SparkListener() {
          @Override
          public void onStageSubmitted(SparkListenerStageSubmitted stage) {
            tasksTotal.addAndGet(stage.stageInfo().numTasks());
          }

          @Override
          public void onTaskEnd(SparkListenerTaskEnd task) {
            tasksDone.incrementAndGet();
            if (task.taskMetrics() != null) {
              rowsRead.addAndGet(task.taskMetrics().inputMetrics().recordsRead());
            }
          }
        });
  }
}
