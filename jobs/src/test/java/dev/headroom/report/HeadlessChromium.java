package dev.headroom.report;

import dev.headroom.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, for the report test: finds it, or installs it with the project's
 * {@code scripts/install-chromium.sh}, and otherwise skips the test saying why.
 */
final class HeadlessChromium {

  private static final long TIMEOUT_SECONDS = 120;

  private final String executable;
  private final Path profile;

  private HeadlessChromium(String executable, Path profile) {
    this.executable = executable;
    this.profile = profile;
  }

  /**
   * The browser, installed first if missing; the test is skipped with the reason if it cannot be.
   */
  static HeadlessChromium findOrInstall(Path workDir) throws IOException, InterruptedException {
    String found = find();
    if (found == null) {
      Path script = TestSpark.projectRoot().resolve("scripts/install-chromium.sh");
      Process install = new ProcessBuilder("bash", script.toString()).inheritIO().start();
      install.waitFor(15, TimeUnit.MINUTES);
      found = find();
    }
    Assumptions.assumeTrue(
        found != null,
        "SKIPPED: Chromium is not installed and scripts/install-chromium.sh could not install it"
            + " (needs root or sudo and Debian's package mirrors); the HTML report was not checked in a browser");
    return new HeadlessChromium(found, Files.createTempDirectory(workDir, "chromium-profile"));
  }

  private static String find() {
    String configured = System.getenv("HEADROOM_CHROMIUM");
    List<String> candidates = new ArrayList<>();
    if (configured != null) {
      candidates.add(configured);
    }
    candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser"));
    return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
  }

  /**
   * Loads the page and returns the DOM after its scripts ran, and what the browser logged (console
   * messages appear as {@code INFO:CONSOLE} lines).
   */
  Page load(Path html) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", html.toUri().toString()));
  }

  /** Saves a screenshot of the page at the given size. */
  void screenshot(Path html, Path png, int width, int height)
      throws IOException, InterruptedException {
    Page page =
        run(
            List.of(
                "--screenshot=" + png,
                "--window-size=" + width + "," + height,
                "--hide-scrollbars",
                html.toUri().toString()));
    if (!Files.isRegularFile(png)) {
      throw new IllegalStateException("No screenshot written; chromium said: " + page.log());
    }
  }

  private Page run(List<String> arguments) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0"));
    command.addAll(arguments);
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
    }
    return new Page(
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * What a page load gave.
   *
   * @param dom the serialized DOM after scripts ran
   * @param log the browser's log
   */
  record Page(String dom, String log) {

    /** The console messages the page produced. */
    List<String> consoleMessages() {
      return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }
  }
}
