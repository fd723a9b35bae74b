package dev.headroom.generate;

/**
 * What one {@code generate} run wrote.
 *
 * @param output the folder written
 * @param orders orders generated
 * @param tickets ticket rows generated, dirty rows included
 * @param seconds wall time
 */
public record GenerateResult(String output, long orders, long tickets, double seconds) {

  /** One line for the terminal. */
  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "generate -> %s: %,d orders, %,d tickets, truth in %s/truth.json (%.1f s)",
        output,
        orders,
        tickets,
        output,
        seconds);
  }
}
