package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilesTest {

  @Test
  void aShippedFileIsFoundByItsName(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("headroom.properties"), "topics.k=8\n");
    Path dictionary = Files.writeString(dir.resolve("userdict_ko.txt"), "배송지\n");
    String shipped = "file:" + config + "," + dictionary.toUri() + ",hdfs:///conf/stopwords.txt";

    assertEquals(config, LocalFiles.resolve("headroom.properties", shipped));
    // A folder that is not there (on the driver) is ignored: the name decides.
    assertEquals(dictionary, LocalFiles.resolve("no-such-folder/userdict_ko.txt", shipped));
  }

  @Test
  void aPathThatExistsWinsAndAnUnknownOneIsLeftForTheErrorMessage(@TempDir Path dir)
      throws IOException {
    Path here = Files.writeString(dir.resolve("headroom.properties"), "");
    Path elsewhere = Files.createDirectories(dir.resolve("shipped")).resolve("headroom.properties");
    Files.writeString(elsewhere, "");

    assertEquals(here, LocalFiles.resolve(here.toString(), "file:" + elsewhere));
    // Remote entries are not read by the driver; the path stays as given and fails by its key.
    assertEquals(
        Path.of("stopwords.txt"),
        LocalFiles.resolve("stopwords.txt", "hdfs:///conf/stopwords.txt"));
    assertEquals(Path.of("missing.properties"), LocalFiles.resolve("missing.properties", ""));
  }
}
