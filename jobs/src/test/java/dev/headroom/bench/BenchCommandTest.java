package dev.headroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom bench} at a small size, as BENCHMARKS.md runs it: the figures it writes describe
 * the run it made (every generated row read, every clean ticket placed and scored), the planted
 * causes are found, and the NMI it computes agrees with scikit-learn's on the same labels.
 */
class BenchCommandTest {

  private static final long TICKETS = 3_000;

  @TempDir static Path dir;

  private static CommandRun run;
  private static JsonNode size;

  @BeforeAll
  static void bench() throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--sizes", Long.toString(TICKETS),
                "--work", dir.resolve("work").toString(),
                "--results", dir.resolve("results").toString()));
    if (!SklearnBaseline.available(SklearnBaseline.PYTHON_DEFAULT)) {
      args.add("--no-sklearn");
    }
    run = CommandRun.of("bench", args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.out() + run.err());
    JsonNode root =
        new ObjectMapper().readTree(dir.resolve("results").resolve(BenchReport.JSON).toFile());
    assertEquals(1, root.get("sizes").size());
    size = root.get("sizes").get(0);
  }

  @Test
  void stagesCountTheRowsTheRunRead() {
    long tickets = size.get("tickets").asLong();
    long orders = size.get("orders").asLong();
    assertTrue(
        tickets > TICKETS * 0.8 && tickets < TICKETS * 1.2, "about the asked size: " + tickets);
    JsonNode stages = size.get("stages");
    List<String> names = new ArrayList<>();
    stages.forEach(s -> names.add(s.get("name").asText()));
    assertEquals(List.of("ingest", "discover", "rank", "report"), names);
    assertEquals(
        tickets + orders, stages.get(0).get("rows").asLong(), "ingest reads every generated row");
    long clean = stages.get(1).get("rows").asLong();
    assertTrue(
        clean > tickets * 0.95 && clean < tickets, "discover places the clean tickets: " + clean);
    assertEquals(
        clean,
        size.get("ours").get("tickets").asLong(),
        "every placed ticket is scored against its cause");
    for (JsonNode s : stages) {
      assertTrue(s.get("seconds").asDouble() > 0, s.toString());
      assertTrue(s.get("peakHeapBytes").asLong() > 0, s.toString());
      assertTrue(
          s.get("peakHeapBytes").asLong() <= size.get("heapMaxBytes").asLong(), s.toString());
    }
    JsonNode discoverSteps = stages.get(1).get("parts");
    assertTrue(discoverSteps.has("tokenize"), "discover's steps are reported: " + stages.get(1));
    // From the terms to every ticket's topic: the fit and the placing, within what is left of
    // discover once it has tokenized.
    double fromTerms = size.get("discoverFromTermsSeconds").asDouble();
    assertEquals(
        discoverSteps.get("fit").asDouble() + discoverSteps.get("summarize.place").asDouble(),
        fromTerms,
        1e-9);
    assertTrue(
        fromTerms > 0
            && fromTerms
                < stages.get(1).get("seconds").asDouble()
                    - discoverSteps.get("tokenize").asDouble(),
        "discover from its terms: " + fromTerms + " s of " + stages.get(1));
    assertEquals(
        size.get("runSeconds").asDouble(),
        names.stream().mapToDouble(n -> stage(n).get("seconds").asDouble()).sum(),
        1e-6);
    assertTrue(
        size.get("outputBytes").get("backlog").asLong() > 0, size.get("outputBytes").toString());
  }

  @Test
  void lowerBoundTokenizesEveryCleanTicket() {
    JsonNode bound = size.get("lowerBound");
    assertEquals(stage("discover").get("rows").asLong(), bound.get("tickets").asLong());
    assertTrue(bound.get("terms").asLong() > 2 * bound.get("tickets").asLong(), bound.toString());
    assertTrue(
        size.get("runOverLowerBound").asDouble() > 1, "the run does more than read and tokenize");
  }

  @Test
  void topicsFindThePlantedCauses() {
    JsonNode ours = size.get("ours");
    assertTrue(ours.get("k").asInt() >= 6, ours.toString());
    assertTrue(ours.get("nmi").asDouble() > 0.5, "fine topics vs planted causes: " + ours);
    assertTrue(ours.get("parentNmi").asDouble() > 0.4, "parent topics vs planted causes: " + ours);
  }

  @Test
  void sklearnRunsOnTheSameTextsAndAgreesOnOurNmi() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        SklearnBaseline.available(SklearnBaseline.PYTHON_DEFAULT),
        "python3-sklearn is not installed (scripts/install-sklearn.sh); the baseline was left out");
    JsonNode sklearn = size.get("sklearn");
    assertEquals(
        size.get("ours").get("tickets").asLong(), sklearn.get("rows").asLong(), "the same texts");
    assertEquals(
        size.get("ours").get("nmi").asDouble(),
        sklearn.get("oursNmi").asDouble(),
        1e-9,
        "our NMI, computed by scikit-learn on the exported labels");
    double nmi = sklearn.get("nmi").asDouble();
    assertTrue(nmi > 0 && nmi <= 1, sklearn.toString());
    assertTrue(sklearn.get("vocabulary").asLong() > 100, sklearn.toString());
    assertTrue(size.get("runThroughputOverSklearn").asDouble() > 0, size.toString());

    // Given discover's terms: the very terms the lower bound's Nori pass gives the same tickets.
    assertEquals(
        size.get("lowerBound").get("terms").asLong(),
        sklearn.get("terms").asLong(),
        "scikit-learn is given the terms discover's tokenizer makes");
    double termsNmi = sklearn.get("termsNmi").asDouble();
    assertTrue(termsNmi > 0 && termsNmi <= 1, sklearn.toString());
    assertTrue(
        sklearn.get("termsVocabulary").asLong() < sklearn.get("vocabulary").asLong(),
        "Nori's terms are fewer than the whitespace words (particles and endings go): " + sklearn);
    assertTrue(sklearn.get("termsSeconds").asDouble() > 0, sklearn.toString());
    // Our vocabulary is the terms in two or more of the tickets with enough terms (and in no more
    // than topics.max-doc-share of them); scikit-learn's, with min_df=2 over every ticket, holds
    // it.
    long ourVocabulary = size.get("ours").get("vocabulary").asLong();
    assertTrue(
        ourVocabulary > 100 && ourVocabulary <= sklearn.get("termsVocabulary").asLong(),
        "vocabularies: ours " + ourVocabulary + ", " + sklearn);
    assertTrue(size.get("discoverFromTermsOverSklearn").asDouble() > 0, size.toString());
    assertTrue(run.out().contains("sklearn.terms"), run.out());
  }

  @Test
  void writesTheFiguresAndCleansUp() throws Exception {
    Path results = dir.resolve("results");
    List<String> summary = Files.readAllLines(results.resolve(BenchReport.SUMMARY_CSV));
    assertEquals(2, summary.size(), summary.toString());
    assertTrue(summary.get(1).startsWith(size.get("tickets").asText() + ","), summary.get(1));
    List<String> stages = Files.readAllLines(results.resolve(BenchReport.STAGES_CSV));
    assertTrue(stages.stream().anyMatch(l -> l.contains(",read+nori,")), stages.toString());
    assertTrue(run.out().contains("run/bound"), run.out());
    assertFalse(
        Files.exists(dir.resolve("work").resolve(Long.toString(TICKETS))),
        "without --keep the size's files go");
  }

  private static JsonNode stage(String name) {
    for (JsonNode s : size.get("stages")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no stage " + name);
  }
}
