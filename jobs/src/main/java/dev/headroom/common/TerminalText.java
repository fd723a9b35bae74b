package dev.headroom.common;

/** Text for terminal tables, where Hangul and other wide characters take two columns. */
public final class TerminalText {

  private TerminalText() {}

  /** Columns the text takes in a terminal: two for East Asian wide characters, else one. */
  public static int width(String text) {
    return text.codePoints().map(c -> isWide(c) ? 2 : 1).sum();
  }

  /** The text cut to at most {@code width} columns (with an ellipsis) and padded to exactly it. */
  public static String fit(String text, int width) {
    String value = text == null ? "" : text;
    if (width(value) > width) {
      StringBuilder cut = new StringBuilder();
      int used = 0;
      for (int c : value.codePoints().toArray()) {
        int w = isWide(c) ? 2 : 1;
        if (used + w > width - 1) {
          break;
        }
        cut.appendCodePoint(c);
        used += w;
      }
      value = cut.append('…').toString();
    }
    return value + " ".repeat(Math.max(0, width - width(value)));
  }

  private static boolean isWide(int c) {
    return (c >= 0x1100 && c <= 0x115F)
        || (c >= 0x2E80 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6);
  }
}
