package dev.headroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering docs/architecture.md describes, read from the sources' imports: no cycle
 * between packages, and no package imports another's job class (tables and keys come from the
 * catalogue in {@code common}); only the entry points ({@code cli}, {@code bench}) run jobs.
 */
class ArchitectureTest {

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.headroom\\.(\\w+)\\.(\\w+)", Pattern.MULTILINE);

  /** Packages that start jobs: the command line and the benchmark. */
  private static final Set<String> ENTRY_POINTS = Set.of("cli", "bench");

  @Test
  void packagesFormNoCycle() {
    Map<String, Set<String>> uses = imports().uses;
    List<String> cycles = new ArrayList<>();
    for (String from : uses.keySet()) {
      for (String to : uses.get(from)) {
        if (!from.equals(to) && reaches(uses, to, from, new TreeSet<>())) {
          cycles.add(from + " -> " + to + " -> ... -> " + from);
        }
      }
    }
    assertEquals(List.of(), cycles, "package cycles");
  }

  @Test
  void onlyEntryPointsImportAnotherPackagesJob() {
    assertEquals(List.of(), imports().jobImports, "imports of another package's job class");
  }

  private static boolean reaches(
      Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
    if (from.equals(target)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    for (String next : uses.getOrDefault(from, Set.of())) {
      if (reaches(uses, next, target, seen)) {
        return true;
      }
    }
    return false;
  }

  private record Imports(Map<String, Set<String>> uses, List<String> jobImports) {}

  private static Imports imports() {
    Path sources = TestSpark.projectRoot().resolve("jobs/src/main/java/dev/headroom");
    Map<String, Set<String>> uses = new TreeMap<>();
    List<String> jobImports = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String from = sources.relativize(file).getName(0).toString();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = IMPORT.matcher(text);
        while (m.find()) {
          String to = m.group(1);
          uses.computeIfAbsent(from, p -> new TreeSet<>()).add(to);
          boolean job = m.group(2).endsWith("Job") && !m.group(2).equals("BaseJob");
          if (job && !to.equals(from) && !ENTRY_POINTS.contains(from)) {
            jobImports.add(file.getFileName() + " imports " + to + "." + m.group(2));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Imports(uses, jobImports);
  }
}
