package dev.headroom;

import dev.headroom.generate.GenerateJob;
import dev.headroom.generate.SyntheticVoc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

/**
 * A small generated data set shared by the tests of one JVM: three months, about 3,800 tickets, 5%
 * dirty rows and 20% with personal data, so every reject kind and PII kind occurs.
 */
public final class GeneratedData {

  /** The day the planted fix of late deliveries at S07 starts: the third month. */
  public static final java.time.LocalDate FIX_DAY = java.time.LocalDate.of(2026, 3, 1);

  /**
   * The parameters of the shared data set: late deliveries at S07 are fixed from {@link #FIX_DAY}
   * (S07's orders from then on have the base rate), for fix verification to find.
   */
  public static final SyntheticVoc.Params PARAMS =
      new SyntheticVoc.Params(
          11,
          YearMonth.of(2026, 1),
          3,
          30_000,
          0.05,
          0.2,
          "Asia/Seoul",
          java.util.List.of(new SyntheticVoc.PlantedFix("delivery_delay", FIX_DAY)));

  private static Path folder;

  private GeneratedData() {}

  /** The folder with orders/, tickets/, truth/ and truth.json, generated on first use. */
  public static synchronized Path folder() {
    if (folder == null) {
      try {
        Path dir = Files.createTempDirectory("headroom-generated");
        GenerateJob.of(TestSpark.session(), PARAMS).output(dir.toString()).execute();
        folder = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return folder;
  }
}
