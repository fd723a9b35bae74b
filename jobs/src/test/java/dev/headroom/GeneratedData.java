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

  /** The parameters of the shared data set. */
  public static final SyntheticVoc.Params PARAMS =
      new SyntheticVoc.Params(11, YearMonth.of(2026, 1), 3, 30_000, 0.05, 0.2, "Asia/Seoul");

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
