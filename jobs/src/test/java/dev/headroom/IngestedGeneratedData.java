package dev.headroom;

import dev.headroom.common.HeadroomConfig;
import dev.headroom.ingest.IngestJob;
import dev.headroom.ingest.IngestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link GeneratedData} ingested once per test JVM, for the tests that start from clean tickets and
 * orders: they read this warehouse or copy it into their own ({@link #copyTo}) and must not write
 * to it. Ingest's own checks read it as well ({@code IngestJobTest}).
 */
public final class IngestedGeneratedData {

  private static Path warehouse;
  private static IngestResult result;

  private IngestedGeneratedData() {}

  /**
   * The config keys ingest reads, as the tests that share this warehouse set them; a test adds its
   * own keys for the later jobs (they change nothing ingest writes).
   */
  public static Map<String, String> configValues() {
    Path data = GeneratedData.folder();
    return Map.of(
        "tickets.path",
        data.resolve("tickets").toString(),
        "tickets.columns.text",
        "title,body",
        "orders.path",
        data.resolve("orders").toString(),
        "orders.segments",
        "seller_id,product_category,channel");
  }

  /** The ingested warehouse, made on first use. */
  public static synchronized Path warehouse() {
    if (warehouse == null) {
      try {
        Path dir = Files.createTempDirectory("headroom-ingested");
        result =
            IngestJob.of(TestSpark.session(), HeadroomConfig.fromMap(configValues(), "test"))
                .outputRoot(dir.toString())
                .execute();
        warehouse = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return warehouse;
  }

  /** What the shared ingest returned. */
  public static IngestResult result() {
    warehouse();
    return result;
  }

  /** A copy of the ingested warehouse (tables, rejects and the ingest run) at {@code target}. */
  public static Path copyTo(Path target) {
    return Warehouses.copy(warehouse(), target);
  }
}
