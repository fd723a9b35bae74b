package dev.headroom.common;

import static org.apache.spark.sql.functions.lit;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The months a run works on ({@code --from}/{@code --to}), inclusive; either end may be open.
 *
 * @param from the first month, or null for no lower bound
 * @param to the last month, or null for no upper bound
 */
public record MonthWindow(YearMonth from, YearMonth to) {

  /** Every month. */
  public static final MonthWindow ALL = new MonthWindow(null, null);

  /** Rejects a window that ends before it starts. */
  public MonthWindow {
    if (from != null && to != null && to.isBefore(from)) {
      throw new InputException(
          "The month window ends (" + to + ") before it starts (" + from + ")");
    }
  }

  /** Whether both ends are set, so the window's months can be listed. */
  public boolean bounded() {
    return from != null && to != null;
  }

  /** Whether the window is open on both ends. */
  public boolean isAll() {
    return from == null && to == null;
  }

  /** Whether a {@code yyyy-MM} month is in the window. */
  public boolean contains(String month) {
    YearMonth m = YearMonth.parse(month);
    return (from == null || !m.isBefore(from)) && (to == null || !m.isAfter(to));
  }

  /**
   * A condition on a {@code yyyy-MM} month column: true inside the window, null for null months.
   */
  public Column contains(Column month) {
    Column inside = month.isNotNull();
    if (from != null) {
      inside = inside.and(month.geq(lit(from.toString())));
    }
    if (to != null) {
      inside = inside.and(month.leq(lit(to.toString())));
    }
    return inside;
  }

  /** Every month of a bounded window, in order. */
  public List<String> months() {
    if (!bounded()) {
      throw new IllegalStateException("An open window has no month list: " + this);
    }
    List<String> months = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      months.add(m.toString());
    }
    return months;
  }

  /** For messages: empty for all months, else " for 2026-01 to 2026-03". */
  public String describe() {
    return isAll()
        ? ""
        : " for " + (from == null ? "..." : from) + " to " + (to == null ? "..." : to);
  }
}
