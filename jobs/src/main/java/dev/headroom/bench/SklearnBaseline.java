package dev.headroom.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.common.InputException;
import dev.headroom.common.TopicSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code bench/sklearn_baseline.py} (scikit-learn's TfidfVectorizer + KMeans) on texts {@link
 * BenchJob} exported, with the run's k and vectorizer settings, and reads its figures.
 */
public final class SklearnBaseline {

  /** The script, relative to the project root. */
  public static final String SCRIPT = "bench/sklearn_baseline.py";

  /** Debian's Python, where Debian's python3-sklearn is installed. */
  public static final String PYTHON_DEFAULT = "/usr/bin/python3";

  private final String python;
  private final Path script;
  private final TopicSettings settings;

  private SklearnBaseline(String python, Path script, TopicSettings settings) {
    this.python = python;
    this.script = script;
    this.settings = settings;
  }

  /**
   * A baseline run with {@code python} on {@code script}, with the vocabulary size, minimum
   * document frequency, iterations and seed of {@code settings}.
   */
  public static SklearnBaseline of(String python, Path script, TopicSettings settings) {
    if (!Files.isRegularFile(script)) {
      throw new InputException(
          "The scikit-learn baseline script " + script + " is missing (run from the project root)");
    }
    return new SklearnBaseline(python, script, settings);
  }

  /** Whether {@code python} can import scikit-learn. */
  public static boolean available(String python) {
    try {
      Process p =
          new ProcessBuilder(python, "-c", "import sklearn").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Clusters the exported texts into {@code k} clusters and returns the figures. */
  public BenchResult.Baseline run(Path texts, int k) {
    List<String> command = new ArrayList<>();
    command.add(python);
    command.add(script.toString());
    command.add("--texts");
    command.add(texts.toString());
    command.add("--k");
    command.add(Integer.toString(Math.max(2, k)));
    command.add("--min-df");
    command.add(Integer.toString(settings.minDocFrequency()));
    command.add("--max-features");
    command.add(Integer.toString(settings.vocabularySize()));
    command.add("--max-iter");
    command.add(Integer.toString(settings.maxIterations()));
    command.add("--seed");
    command.add(Long.toString(settings.seed()));
    try {
      Path errors = Files.createTempFile("headroom-sklearn", ".log");
      try {
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        if (code != 0) {
          throw new IllegalStateException(
              "The scikit-learn baseline failed (exit "
                  + code
                  + "): "
                  + String.join(" ", command)
                  + "\n"
                  + Files.readString(errors, StandardCharsets.UTF_8));
        }
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        return new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .readValue(last, BenchResult.Baseline.class);
      } finally {
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running the scikit-learn baseline", e);
    }
  }
}
