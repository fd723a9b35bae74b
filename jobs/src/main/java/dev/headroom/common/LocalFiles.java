package dev.headroom.common;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the files the driver reads itself (the config, the user dictionary, the stopwords): the
 * path as given when something is there, else a file of that name passed to spark-submit with
 * {@code --files}. In cluster deploy mode (YARN, Kubernetes) those land in the driver's working
 * directory, so the name alone already works; in client mode they stay where they were, and
 * spark-submit lists them in {@code spark.files}. Either way {@code --files
 * conf/headroom.properties --config headroom.properties} finds the file.
 */
public final class LocalFiles {

  /** The spark-submit setting (a system property of a client-mode driver) listing --files. */
  static final String SHIPPED_FILES = "spark.files";

  private LocalFiles() {}

  /** {@code path} itself, or the shipped file of the same name, or {@code path} unchanged. */
  public static Path resolve(String path) {
    return resolve(path, System.getProperty(SHIPPED_FILES, ""));
  }

  static Path resolve(String path, String shippedFiles) {
    Path given = Path.of(path);
    if (Files.exists(given) || given.getFileName() == null) {
      return given;
    }
    String name = given.getFileName().toString();
    for (String entry : shippedFiles.split(",")) {
      Path shipped = localPath(entry.strip());
      if (shipped != null
          && shipped.getFileName() != null
          && shipped.getFileName().toString().equals(name)
          && Files.isRegularFile(shipped)) {
        return shipped;
      }
    }
    return given;
  }

  /** A local file named by a {@code file:} URI or a plain path; null for anything remote. */
  private static Path localPath(String entry) {
    if (entry.isEmpty()) {
      return null;
    }
    try {
      URI uri = URI.create(entry);
      if (uri.getScheme() == null) {
        return Path.of(entry);
      }
      return "file".equals(uri.getScheme()) ? Path.of(uri) : null;
    } catch (IllegalArgumentException notAUri) {
      return Path.of(entry);
    }
  }
}
