package dev.headroom.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The notebooks as committed: Java, clean of outputs, and each says what it is for and reads. */
class CommittedNotebooksTest {

  private static List<Path> notebooks() throws IOException {
    Path folder = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(folder.resolve("notebooks/kernel"))) {
      folder = folder.getParent();
    }
    try (Stream<Path> files = Files.list(folder.resolve("notebooks"))) {
      return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  private static String source(JsonObject cell) {
    JsonElement source = cell.get("source");
    if (source.isJsonArray()) {
      StringBuilder text = new StringBuilder();
      source.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
      return text.toString();
    }
    return source.getAsString();
  }

  @Test
  void theFourNotebooksAreCommittedWithoutOutputsForAJavaKernel() throws IOException {
    List<Path> notebooks = notebooks();
    assertEquals(4, notebooks.size(), notebooks.toString());
    for (Path notebook : notebooks) {
      JsonObject json =
          JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8))
              .getAsJsonObject();
      JsonObject kernelspec = json.getAsJsonObject("metadata").getAsJsonObject("kernelspec");
      assertEquals("java", kernelspec.get("name").getAsString(), notebook + " kernel");
      assertEquals("java", kernelspec.get("language").getAsString(), notebook + " language");
      for (JsonElement element : json.getAsJsonArray("cells")) {
        JsonObject cell = element.getAsJsonObject();
        if (cell.get("cell_type").getAsString().equals("code")) {
          assertTrue(
              cell.getAsJsonArray("outputs").isEmpty(),
              notebook + " has outputs: clear them before committing");
          assertTrue(cell.get("execution_count").isJsonNull(), notebook + " has execution counts");
        }
      }
    }
  }

  @Test
  void eachNotebookOpensWithWhatItIsForAndWhatItReadsThenTheClasspath() throws IOException {
    for (Path notebook : notebooks()) {
      var cells =
          JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8))
              .getAsJsonObject()
              .getAsJsonArray("cells");
      JsonObject intro = cells.get(0).getAsJsonObject();
      assertEquals("markdown", intro.get("cell_type").getAsString(), notebook.toString());
      String text = source(intro);
      assertTrue(
          text.contains("What it is for") && text.contains("What it reads"),
          notebook + ": " + text);
      String setup = source(cells.get(1).getAsJsonObject());
      assertTrue(setup.startsWith("%classpath ../jobs/target/classes"), notebook + ": " + setup);
      assertFalse(
          setup.contains("/work/") || setup.contains("/home/"),
          notebook + " names a machine's own folder");
    }
  }
}
