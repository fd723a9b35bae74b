package dev.headroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Warehouse folders in tests. */
public final class Warehouses {

  private Warehouses() {}

  /**
   * Copies a warehouse folder and everything under it, so a test can run again on a shared one
   * without changing it.
   */
  public static Path copy(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path source : all.toList()) {
        Path copy = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
