package dev.headroom.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputException;
import java.nio.file.Path;
import java.util.List;
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
}
