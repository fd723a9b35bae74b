package dev.headroom.common;

import java.util.List;

/** The one HTML escaper and the one CSV quoting every file Headroom writes uses. */
public final class Escaping {

  private Escaping() {}

  /** Text made safe inside HTML or SVG content and quoted attribute values; null is empty. */
  public static String html(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes inside
   * doubled; null is empty.
   */
  public static String csvField(String cell) {
    String value = cell == null ? "" : cell;
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  /** One CSV line of {@code cells}, each quoted as {@link #csvField} does, ended by {@code eol}. */
  public static String csvLine(List<String> cells, String eol) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(csvField(cells.get(i)));
    }
    return line.append(eol).toString();
  }
}
