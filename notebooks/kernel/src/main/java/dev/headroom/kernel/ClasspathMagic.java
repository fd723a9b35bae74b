package dev.headroom.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The {@code %classpath} and {@code %jars} line magics: each argument is a path or a glob ({@code
 * ../jobs/target/lib/*.jar}), relative to the notebook's folder; every match is added.
 */
final class ClasspathMagic {

  private final Path base;

  ClasspathMagic(Path base) {
    this.base = base;
  }

  /**
   * Handles the magic lines at the top of a cell and returns the code after them.
   *
   * @throws JShellKernel.CellException for an unknown magic or a pattern that matches nothing
   */
  String apply(String cell, Consumer<String> addToClasspath) throws JShellKernel.CellException {
    String[] lines = cell.split("\n", -1);
    int line = 0;
    for (; line < lines.length; line++) {
      String text = lines[line].strip();
      if (text.isEmpty() || text.startsWith("//")) {
        continue;
      }
      if (!text.startsWith("%")) {
        break;
      }
      String[] words = text.substring(1).split("\\s+");
      if (!words[0].equals("classpath") && !words[0].equals("jars")) {
        throw new JShellKernel.CellException(
            "Unknown magic %" + words[0] + "; this kernel knows %classpath and %jars");
      }
      for (int i = 1; i < words.length; i++) {
        List<Path> matches = resolve(words[i]);
        if (matches.isEmpty()) {
          throw new JShellKernel.CellException(
              "%"
                  + words[0]
                  + " "
                  + words[i]
                  + " matches nothing under "
                  + base
                  + (words[i].contains("target")
                      ? " (build the project first: ./mvnw -B -DskipTests package)"
                      : ""));
        }
        matches.forEach(path -> addToClasspath.accept(path.toString()));
      }
    }
    return String.join("\n", List.of(lines).subList(line, lines.length));
  }

  /** The files or folders a path or glob names, in name order. */
  List<Path> resolve(String pattern) {
    String expanded =
        pattern.startsWith("~/") ? System.getProperty("user.home") + pattern.substring(1) : pattern;
    Path path = base.resolve(expanded).normalize();
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
      return Files.exists(path) ? List.of(path) : List.of();
    }
    Path folder = path.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(p -> matcher.matches(p.getFileName())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }
}
