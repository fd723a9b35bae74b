package dev.headroom.notebook;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.GeneratedRun;
import dev.headroom.TestSpark;
import dev.headroom.backlog.RankJob;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {

  private final Path root = TestSpark.projectRoot();

  @Test
  void aNotebookInTheNotebooksFolderFindsTheProjectAboveIt() {
    assertEquals(root, Project.findRoot(root.resolve("notebooks")));
  }

  @Test
  void outsideAProjectTheErrorSaysWhereItLooked(@TempDir Path elsewhere) {
    InputException error = assertThrows(InputException.class, () -> Project.findRoot(elsewhere));
    assertTrue(error.getMessage().contains(elsewhere.toString()), error.getMessage());
  }

  @Test
  void theConfigsFilesResolveAgainstTheProjectWhateverTheWorkingFolder(@TempDir Path warehouse) {
    HeadroomConfig config = Project.at(root, warehouse).config("topics.k=7");

    assertEquals(root.resolve("data-samples/tickets").toString(), config.tickets().path());
    assertEquals(root.resolve("data-samples/orders").toString(), config.orders().path());
    assertEquals(7, config.topics().k());
    // The shipped stopwords and user dictionary were read through their resolved paths.
    assertTrue(config.topics().tokenizer().stopwords().contains("문의"));
    assertFalse(config.topics().tokenizer().userDictionary().isEmpty());
  }

  @Test
  void theLatestRankRunIsTheNewestOfTheLatestWindowNotAnEarlierWindowRankedAfterIt(
      @TempDir Path warehouse) {
    var spark = TestSpark.session();
    var schema =
        new org.apache.spark.sql.types.StructType()
            .add("run_id", "string")
            .add("window_to", "string")
            .add("created_at", "timestamp");
    var rows =
        List.of(
            org.apache.spark.sql.RowFactory.create(
                "rank-june-old", "2026-06", java.sql.Timestamp.valueOf("2026-07-01 09:00:00")),
            org.apache.spark.sql.RowFactory.create(
                "rank-june", "2026-06", java.sql.Timestamp.valueOf("2026-07-02 09:00:00")),
            org.apache.spark.sql.RowFactory.create(
                "rank-may-made-later",
                "2026-05",
                java.sql.Timestamp.valueOf("2026-07-03 09:00:00")));
    spark
        .createDataFrame(rows, schema)
        .write()
        .format("delta")
        .save(warehouse.resolve("backlog").toString());

    Project project = Project.at(root, warehouse);
    assertEquals("rank-june", project.latestRankRun());
    assertEquals("rank-may-made-later", project.latestRun("backlog"));
  }

  @Test
  void aTableThatIsNotThereSaysToRunThePipeline(@TempDir Path warehouse) {
    InputException error =
        assertThrows(InputException.class, () -> Project.at(root, warehouse).table("backlog"));
    assertTrue(
        error.getMessage().contains(warehouse.resolve("backlog").toString()), error.getMessage());
    assertTrue(error.getMessage().contains("./headroom run"), error.getMessage());
  }

  @Test
  void aTaxonomyTrialRanksTheEditAndTheWarehouseKeepsItsBacklog() {
    GeneratedRun.Result run = GeneratedRun.shared();
    assertEquals(0, run.exitCode(), run.err());
    Project project = Project.at(root, run.warehouse());
    String rankRun = project.latestRankRun();
    List<Row> before = backlog(project, rankRun);
    long rankRuns = project.table("backlog").select("run_id").distinct().count();
    int first = before.get(0).<Integer>getAs("topic_id");
    int second = before.get(1).<Integer>getAs("topic_id");
    long contacts = before.get(0).<Long>getAs("tickets") + before.get(1).<Long>getAs("tickets");
    YearMonth from = YearMonth.parse(before.get(0).getAs("window_from"));
    YearMonth to = YearMonth.parse(before.get(0).getAs("window_to"));

    // What the notebook's taxonomy cell does: rank the trial, read its backlog.
    Project trial =
        project.withTaxonomy(
            "# proposed\nname " + first + ": 배송 지연\nmerge " + second + " into " + first + "\n");
    String trialRun =
        RankJob.of(TestSpark.session(), trial.config())
            .outputRoot(trial.warehouse())
            .window(from, to)
            .execute()
            .runId();
    List<Row> preview = backlog(trial, trialRun);

    Row merged =
        preview.stream()
            .filter(r -> r.<Integer>getAs("topic_id") == first)
            .findFirst()
            .orElseThrow();
    assertEquals("배송 지연", merged.getAs("label"), "the name is the cause's label");
    assertEquals(contacts, merged.<Long>getAs("tickets"), "the merged cause holds both's contacts");
    assertTrue(
        preview.stream().noneMatch(r -> r.<Integer>getAs("topic_id") == second),
        "the merged topic has no row of its own");
    assertEquals(before.size() - 1, preview.size());
    assertEquals(
        rankRuns,
        project.table("backlog").select("run_id").distinct().count(),
        "the warehouse's backlog is untouched");
    assertEquals(rankRun, project.latestRankRun());
    assertEquals(
        root.resolve("conf/taxonomy.txt").toString(),
        project.config().taxonomy().file(),
        "the project's own config still reads conf/taxonomy.txt");

    Project unknown = project.withTaxonomy("\nname 9999: 없음\n");
    InputException error =
        assertThrows(
            InputException.class,
            () ->
                RankJob.of(TestSpark.session(), unknown.config())
                    .outputRoot(unknown.warehouse())
                    .window(from, to)
                    .execute());
    assertTrue(error.getMessage().contains(":2 names topic 9999"), "the line is named: " + error);
  }

  /** One rank run's backlog rows, in rank order. */
  private static List<Row> backlog(Project project, String rankRun) {
    return project
        .table("backlog")
        .filter(col("run_id").equalTo(rankRun))
        .orderBy("rank")
        .collectAsList();
  }
}
