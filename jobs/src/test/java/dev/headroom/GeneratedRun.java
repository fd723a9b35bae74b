package dev.headroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link GeneratedData} through the whole {@code run} command with the shipped config, as a user
 * would start it, once per test JVM. Tests read its warehouse and must not write to it; a test that
 * runs again copies it first or runs the command on a folder of its own.
 */
public final class GeneratedRun {

  private static Result shared;

  private GeneratedRun() {}

  /** What one run of the command line printed and returned. */
  public record Result(Path warehouse, int exitCode, String out, String err) {}

  /** The shared run, made on first use. */
  public static synchronized Result shared() {
    if (shared == null) {
      try {
        shared = run(Files.createTempDirectory("headroom-run").resolve("warehouse"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** Runs {@code run} on the generated data into {@code warehouse} (new or not), in this JVM. */
  public static Result run(Path warehouse, String... moreArgs) {
    return command(warehouse, "run", moreArgs);
  }

  /** Runs one job of the command line on the generated data with the shipped config. */
  public static Result command(Path warehouse, String job, String... moreArgs) {
    Path data = GeneratedData.folder();
    CommandRun run =
        CommandRun.on(job, warehouse, data.resolve("tickets"), data.resolve("orders"), moreArgs);
    return new Result(warehouse, run.exitCode(), run.out(), run.err());
  }
}
