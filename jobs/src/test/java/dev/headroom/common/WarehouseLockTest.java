package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse lock on its own: busy, taken over when its holder is gone, re-entrant. */
class WarehouseLockTest {

  private final Configuration hadoop = new Configuration();

  @Test
  void aLiveHolderElsewhereKeepsTheWarehouse(@TempDir Path root) throws Exception {
    Path lock = root.resolve(WarehouseLock.FILE_NAME);
    Files.writeString(
        lock, "run_id=rank-1\njob=rank\nhost=another-host\npid=42\nstarted=2026-12-01T00:00:00Z\n");
    WarehouseBusyException busy =
        assertThrows(
            WarehouseBusyException.class,
            () -> WarehouseLock.acquire(hadoop, root.toString(), "rank", "rank-2"));
    assertTrue(
        busy.getMessage().contains("in use by run rank-1 (pid 42 on another-host"),
        busy.getMessage());
    assertTrue(Files.exists(lock), "the holder's lock stays");
  }

  @Test
  void aHolderWhoseHeartbeatStoppedIsTakenOverAndReported(@TempDir Path root) throws Exception {
    Path lock = root.resolve(WarehouseLock.FILE_NAME);
    Files.writeString(
        lock, "run_id=rank-1\njob=rank\nhost=another-host\npid=42\nstarted=2026-12-01T00:00:00Z\n");
    Instant lastSeen = Instant.now().minus(WarehouseLock.STALE_AFTER).minusSeconds(60);
    Files.setLastModifiedTime(lock, FileTime.from(lastSeen));
    try (WarehouseLock taken = WarehouseLock.acquire(hadoop, root.toString(), "rank", "rank-2")) {
      WarehouseLock.Holder killed = taken.killedRunToRecord().orElseThrow();
      assertEquals("rank-1", killed.runId());
      assertEquals("rank", killed.job());
      assertTrue(taken.killedRunToRecord().isEmpty(), "reported once");
      assertTrue(Files.readString(lock).contains("run_id=rank-2"));
    }
    assertFalse(Files.exists(lock));
  }

  @Test
  void theSameJvmHoldsItAgainForItsInnerJobsAndReleasesItLast(@TempDir Path dir) {
    Path root = dir.resolve("warehouse");
    Path lock = root.resolve(WarehouseLock.FILE_NAME);
    try (WarehouseLock outer = WarehouseLock.acquire(hadoop, root.toString(), "run", "")) {
      try (WarehouseLock inner =
          WarehouseLock.acquire(hadoop, root.toString(), "ingest", "ingest-1")) {
        assertSame(outer, inner);
        assertTrue(read(lock).contains("run_id=ingest-1"));
      }
      assertTrue(Files.exists(lock), "the outer hold keeps it");
      assertTrue(read(lock).contains("job=run"), "the finished inner run is no longer named");
    }
    assertFalse(Files.exists(root), "the root it made, empty, is removed with the lock");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
