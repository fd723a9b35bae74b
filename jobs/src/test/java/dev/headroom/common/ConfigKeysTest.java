package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key registry against itself, the loader and the config file users read. */
class ConfigKeysTest {

  private static final Path CONFIG_FILE =
      dev.headroom.TestSpark.projectRoot().resolve(HeadroomConfig.DEFAULT_FILE);

  @Test
  void everyDefaultIsAValueItsOwnKeyAccepts() {
    Set<String> names = new HashSet<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      assertTrue(names.add(key.name()), "listed once: " + key.name());
      assertTrue(key.accepts(key.defaultValue()), key.name() + " accepts its default");
      assertTrue(key.doc().endsWith("."), key.name() + " has a doc sentence");
    }
  }

  @Test
  void writingEveryDefaultOutGivesTheBuiltInConfiguration() {
    Map<String, String> explicit = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      if (!key.isPattern()) {
        explicit.put(key.name(), key.defaultValue());
      }
    }
    HeadroomConfig builtIn = HeadroomConfig.fromMap(Map.of(), "defaults");
    HeadroomConfig written = HeadroomConfig.fromMap(explicit, "defaults");
    assertEquals(builtIn, written, "the registry's defaults are the loader's defaults");
  }

  @Test
  void patternKeysTakeOnlyTheirSuffixes() {
    assertEquals(ConfigKeys.TICKET_INPUT.columns(), ConfigKeys.find("tickets.columns.text"));
    assertNull(ConfigKeys.find("tickets.columns.txt"), "not a canonical column");
    assertEquals(ConfigKeys.RANK_EFFORT, ConfigKeys.find("rank.effort.25"));
    assertNull(ConfigKeys.find("rank.effort."), "a pattern needs its suffix");
    assertEquals(ConfigKeys.RANK_HANDLE_MINUTES, ConfigKeys.find("rank.handle-minutes"));
    assertEquals(
        ConfigKeys.RANK_HANDLE_MINUTES_BY_CHANNEL, ConfigKeys.find("rank.handle-minutes.phone"));
  }

  /**
   * {@code conf/headroom.properties} lists every key; each value there is the built-in default
   * unless the comment above it says {@code (default: ...)} with the true default.
   */
  @Test
  void theConfigFileListsEveryKeyWithItsTrueDefault() throws IOException {
    List<String> lines = Files.readAllLines(CONFIG_FILE, StandardCharsets.UTF_8);
    String text = String.join("\n", lines);
    for (ConfigKey key : ConfigKeys.ALL) {
      if (key.isPattern()) {
        assertTrue(text.contains(key.prefix() + "."), CONFIG_FILE + " explains " + key.name());
        continue;
      }
      int line = assignmentLine(lines, key.name());
      assertTrue(line >= 0, CONFIG_FILE + " lists " + key.name());
      String value = lines.get(line).substring(lines.get(line).indexOf('=') + 1).trim();
      if (!key.sameValue(value, key.defaultValue())) {
        String comment = String.join(" ", commentAbove(lines, line));
        String stated = key.defaultValue().isEmpty() ? "none" : key.defaultValue();
        assertTrue(
            java.util.regex.Pattern.compile(
                    "\\(default[^:)]*: " + java.util.regex.Pattern.quote(stated) + "\\)")
                .matcher(comment)
                .find(),
            key.name()
                + "="
                + value
                + " differs from the default '"
                + key.defaultValue()
                + "' and its comment does not say so: "
                + comment);
      }
    }
    HeadroomConfig.load(CONFIG_FILE, Map.of());
  }

  @Test
  void effectiveValuesShowDefaultsAndTheSetKeys() {
    Map<String, String> effective =
        HeadroomConfig.effectiveValues(Map.of("rank.repeat-days", "14", "rank.effort.3", "2"));
    assertEquals("14", effective.get("rank.repeat-days"));
    assertEquals("2", effective.get("rank.effort.3"));
    assertEquals(ConfigKeys.TIME_ZONE_DEFAULT, effective.get("time-zone"));
    assertNotNull(effective.get("report.change"));
  }

  private static int assignmentLine(List<String> lines, String key) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("#")) {
        line = line.substring(1).strip();
      }
      if (line.startsWith(key + "=")) {
        return i;
      }
    }
    return -1;
  }

  /** The comment lines above an assignment, passing over neighbouring assignments. */
  private static List<String> commentAbove(List<String> lines, int line) {
    List<String> comment = new ArrayList<>();
    for (int i = line - 1; i >= 0 && !lines.get(i).isBlank(); i--) {
      if (lines.get(i).startsWith("#")) {
        comment.add(0, lines.get(i).substring(1).strip());
      }
    }
    return comment;
  }
}
