package dev.headroom.common;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A change a team shipped against a topic, as written in the fixes file ({@code rank.fixes}, {@code
 * conf/fixes.csv}): rank verifies each one against the orders (docs/headroom.md, "Did the fix
 * work?").
 *
 * @param source where it was written, {@code conf/fixes.csv:4}, for every message about it
 * @param topicId the stable id of the topic the change was meant to reduce
 * @param shippedOn the first day the change applied (business time zone)
 * @param scopeDimension the order segment column the change was confined to, or null for everywhere
 * @param scopeValue the segment it applied to ({@code S07}), or null
 * @param note what was done, in the team's words (may be empty)
 */
public record RecordedFix(
    String source,
    int topicId,
    LocalDate shippedOn,
    String scopeDimension,
    String scopeValue,
    String note)
    implements Serializable {

  /** The header line the file starts with (after comments). */
  public static final String HEADER = "topic_id,shipped_on,scope,note";

  /** The scope in the file's words: {@code seller_id=S07}, or {@code all}. */
  public String scope() {
    return scopeDimension == null ? "all" : scopeDimension + "=" + scopeValue;
  }

  /**
   * The fixes in a file's lines: a header, then {@code topic_id,shipped_on,scope,note} a line
   * (scope {@code dimension=value}, or empty for everywhere; the note may hold commas); blank lines
   * and lines starting with {@code #} are skipped.
   *
   * @param file the file's name as the user gave it, for messages
   * @throws InputException naming the file and line of the first line that does not parse
   */
  public static List<RecordedFix> parse(String file, List<String> lines) {
    List<RecordedFix> fixes = new ArrayList<>();
    boolean header = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1);
      if (!header) {
        if (!line.replace(" ", "").equals(HEADER)) {
          throw new InputException(
              where + " should be the header '" + HEADER + "', found '" + line + "'");
        }
        header = true;
        continue;
      }
      fixes.add(parseLine(where, line));
    }
    return List.copyOf(fixes);
  }

  private static RecordedFix parseLine(String where, String line) {
    String[] fields = line.split(",", 4);
    if (fields.length < 2) {
      throw new InputException(
          where
              + " has '"
              + line
              + "'; expected "
              + HEADER
              + ", e.g. 25,2026-04-01,seller_id=S07,");
    }
    int topicId;
    try {
      topicId = Integer.parseInt(fields[0].strip());
    } catch (NumberFormatException e) {
      throw new InputException(
          where + " has topic_id '" + fields[0].strip() + "'; expected a topic id (a number)");
    }
    LocalDate shippedOn;
    try {
      shippedOn = LocalDate.parse(fields[1].strip());
    } catch (DateTimeParseException e) {
      throw new InputException(
          where + " has shipped_on '" + fields[1].strip() + "'; expected a day as yyyy-MM-dd");
    }
    String scope = fields.length > 2 ? fields[2].strip() : "";
    String dimension = null;
    String value = null;
    if (!scope.isEmpty() && !scope.equals("all")) {
      int eq = scope.indexOf('=');
      if (eq <= 0 || eq == scope.length() - 1) {
        throw new InputException(
            where
                + " has scope '"
                + scope
                + "'; expected <segment column>=<value> (seller_id=S07), or empty for everywhere");
      }
      dimension = scope.substring(0, eq).strip();
      value = scope.substring(eq + 1).strip();
    }
    String note = fields.length > 3 ? fields[3].strip() : "";
    return new RecordedFix(where, topicId, shippedOn, dimension, value, note);
  }
}
