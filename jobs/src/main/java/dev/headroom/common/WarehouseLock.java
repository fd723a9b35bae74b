package dev.headroom.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * One writer at a time per warehouse: a lock file ({@value #FILE_NAME}) under the output root,
 * created atomically, naming the run that holds it, and touched every {@link #HEARTBEAT} while it
 * runs.
 *
 * <p>A second job on the same warehouse stops with a {@link WarehouseBusyException} naming that run
 * before it writes anything, so two runs never interleave their commits (a {@code backlog} of one
 * run beside the {@code topic_metrics} of another). A lock whose process is gone (same host, its
 * process ended) or that has not been touched for {@link #STALE_AFTER} was left by a killed run:
 * the next job takes it over and reports the run that held it ({@link #killedRunToRecord()}), which
 * {@link BaseJob} records in {@code runs} as failed. Within one JVM the lock is re-entrant, so
 * {@code run} holds it across its four jobs. docs/reliability.md describes it.
 */
public final class WarehouseLock implements AutoCloseable {

  /** The lock file's name under the output root. */
  public static final String FILE_NAME = "_headroom.lock";

  /** How often a holder touches its lock file. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(20);

  /** A lock file untouched for this long belongs to a run that is gone, wherever it ran. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(5);

  /** The locks this JVM holds, by lock file path. */
  private static final Map<String, WarehouseLock> HELD = new HashMap<>();

  private final FileSystem fs;
  private final Path file;
  private final Path root;
  private final boolean createdRoot;
  private Holder takenOver;
  private final ScheduledExecutorService heartbeat;
  private final Deque<Holder> holders = new ArrayDeque<>();

  /**
   * Who holds a lock: the run (empty before its first job starts), the job, and the process.
   *
   * @param runId the run in progress, or empty
   * @param job the job or command holding the lock
   * @param host the host name of the holding process
   * @param pid the holding process's id
   * @param started when the holder took the lock or started its current run
   * @param lastSeen when the holder last touched the lock (its heartbeat)
   */
  public record Holder(
      String runId, String job, String host, long pid, Instant started, Instant lastSeen) {

    /** The holder in words, for messages: run, job, process, start and last heartbeat. */
    public String describe() {
      return (runId.isEmpty() ? job : "run " + runId)
          + " (pid "
          + pid
          + " on "
          + host
          + ", started "
          + started
          + ", last seen "
          + Duration.between(lastSeen, Instant.now()).toSeconds()
          + " s ago)";
    }

    private String text() {
      return "run_id="
          + runId
          + "\njob="
          + job
          + "\nhost="
          + host
          + "\npid="
          + pid
          + "\nstarted="
          + started
          + "\n";
    }

    private static Holder parse(String text, Instant lastSeen) {
      Properties p = new Properties();
      try {
        p.load(new StringReader(text));
        return new Holder(
            p.getProperty("run_id", ""),
            p.getProperty("job", "unknown"),
            p.getProperty("host", "unknown"),
            Long.parseLong(p.getProperty("pid", "-1")),
            Instant.parse(p.getProperty("started", lastSeen.toString())),
            lastSeen);
      } catch (IOException | RuntimeException unreadable) {
        // Caught between its creation and its first write: a holder that is alive.
        return new Holder("", "unknown", "unknown", -1, lastSeen, lastSeen);
      }
    }

    /** Whether the holder is gone: its process ended on this host, or its heartbeat stopped. */
    private boolean isGone(String thisHost) {
      if (host.equals(thisHost) && pid > 0) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
      }
      return Duration.between(lastSeen, Instant.now()).compareTo(STALE_AFTER) > 0;
    }
  }

  private WarehouseLock(
      FileSystem fs, Path file, Path root, boolean createdRoot, Holder holder, Holder takenOver) {
    this.holders.push(holder);
    this.fs = fs;
    this.file = file;
    this.root = root;
    this.createdRoot = createdRoot;
    this.takenOver = takenOver;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "headroom-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = HEARTBEAT.toMillis();
    heartbeat.scheduleAtFixedRate(this::touch, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the warehouse's lock for {@code job}'s run {@code runId} (empty when not known yet), or,
   * when this JVM holds it already, names that run in it and holds it once more.
   *
   * @throws WarehouseBusyException when another live run holds it
   */
  public static synchronized WarehouseLock acquire(
      Configuration hadoop, String outputRoot, String job, String runId) {
    try {
      Path root = new Path(outputRoot);
      FileSystem fs = root.getFileSystem(hadoop);
      if (fs instanceof LocalFileSystem local) {
        // No checksum files beside the lock: it is rewritten in place while held.
        fs = local.getRaw();
      }
      Path file = fs.makeQualified(new Path(root, FILE_NAME));
      String key = file.toString();
      Instant now = Instant.now();
      Holder me = new Holder(runId, job, hostName(), ProcessHandle.current().pid(), now, now);
      WarehouseLock held = HELD.get(key);
      if (held != null) {
        held.holders.push(me);
        held.write(me);
        return held;
      }
      boolean createdRoot = !fs.exists(root);
      if (createdRoot) {
        fs.mkdirs(root);
      }
      Holder previous = null;
      if (!create(fs, file, me)) {
        previous = holder(fs, file);
        if (previous == null || !previous.isGone(me.host())) {
          throw new WarehouseBusyException(
              "The warehouse "
                  + outputRoot
                  + " is in use by "
                  + (previous == null ? "another run" : previous.describe())
                  + "; run this job again when it has finished. A run that was killed leaves its"
                  + " lock ("
                  + file
                  + "), which the next job takes over once its process is gone or it is "
                  + STALE_AFTER.toMinutes()
                  + " minutes old.");
        }
        fs.delete(file, false);
        if (!create(fs, file, me)) {
          Holder other = holder(fs, file);
          throw new WarehouseBusyException(
              "The warehouse "
                  + outputRoot
                  + " was taken by "
                  + (other == null ? "another run" : other.describe())
                  + " while this job took over the lock of a killed run; run it again later.");
        }
      }
      WarehouseLock lock = new WarehouseLock(fs, file, root, createdRoot, me, previous);
      HELD.put(key, lock);
      return lock;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot take the lock of the warehouse " + outputRoot, e);
    }
  }

  /**
   * The run whose lock this one took over because its process was gone, once: the first job under
   * the lock records it, the jobs after it (within {@code run}) get nothing.
   */
  public synchronized Optional<Holder> killedRunToRecord() {
    Optional<Holder> killed = Optional.ofNullable(takenOver);
    takenOver = null;
    return killed;
  }

  /**
   * Releases one hold: an inner one names the outer holder in the file again; the last removes the
   * file (and the root, when the lock made it and it is still empty).
   */
  @Override
  public void close() {
    synchronized (WarehouseLock.class) {
      holders.pop();
      if (!holders.isEmpty()) {
        write(holders.peek());
        return;
      }
      heartbeat.shutdownNow();
      HELD.remove(file.toString());
      try {
        fs.delete(file, false);
        if (createdRoot && fs.listStatus(root).length == 0) {
          fs.delete(root, false);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot release the warehouse lock " + file, e);
      }
    }
  }

  /** Creates the lock file with the holder in it, atomically; false when it exists. */
  private static boolean create(FileSystem fs, Path file, Holder holder) throws IOException {
    byte[] text = holder.text().getBytes(StandardCharsets.UTF_8);
    if (fs instanceof RawLocalFileSystem local) {
      // Hadoop's local create checks and then opens: two processes could both pass the check.
      try {
        Files.write(
            local.pathToFile(file).toPath(), text, java.nio.file.StandardOpenOption.CREATE_NEW);
        return true;
      } catch (FileAlreadyExistsException exists) {
        return false;
      }
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(text);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException exists) {
      return false;
    }
  }

  /** The holder named in the lock file, or null when it disappeared meanwhile. */
  private static Holder holder(FileSystem fs, Path file) throws IOException {
    try {
      Instant lastSeen = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
      try (InputStream in = fs.open(file)) {
        return Holder.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), lastSeen);
      }
    } catch (java.io.FileNotFoundException gone) {
      return null;
    }
  }

  private synchronized void write(Holder holder) {
    try (OutputStream out = fs.create(file, true)) {
      out.write(holder.text().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot update the warehouse lock " + file, e);
    }
  }

  private synchronized void touch() {
    try {
      fs.setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      // A missed heartbeat only brings the stale time nearer; the next one tries again.
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
