package dev.headroom.common;

/** How an error reads in one line, on the terminal and in {@code runs}. */
public final class Errors {

  private Errors() {}

  /**
   * The first line of the first message in the exception's chain that has words, with the
   * exception's kind when it is not bad input; Spark's parse errors, for one, start with a line
   * break.
   */
  public static String oneLine(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (message == null || message.isBlank()) {
        continue;
      }
      String line =
          message.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
      return t instanceof InputException ? line : t.getClass().getSimpleName() + ": " + line;
    }
    return e.getClass().getSimpleName() + " (no message)";
  }
}
