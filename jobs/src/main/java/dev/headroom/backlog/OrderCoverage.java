package dev.headroom.backlog;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Which days with contacts the orders cover, and so which weeks and months have a true contact rate
 * (docs/headroom.md, "Partial weeks and months").
 *
 * <p>Tickets follow orders by days: an export of tickets to the 30th beside orders to the 24th puts
 * the last days' contacts over no orders, and that week's rate reads as a spike. A period is
 * partial when some of its days with contacts fall before the first order or after the last one.
 * Its figures are still written, marked, but it is never judged as a spike and never part of a
 * baseline, the trend or the benchmark week.
 *
 * @param contactsFrom the first day with a contact, null without contacts
 * @param contactsTo the last day with a contact, null without contacts
 * @param firstOrder the first day with an order, null without orders
 * @param lastOrder the last day with an order, null without orders
 */
record OrderCoverage(
    LocalDate contactsFrom, LocalDate contactsTo, LocalDate firstOrder, LocalDate lastOrder) {

  /** Whether the week starting on Monday {@code week} (as {@code 2026-03-09}) is partial. */
  boolean partialWeek(String week) {
    LocalDate monday = LocalDate.parse(week);
    if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException("A week starts on a Monday, not " + week);
    }
    return partial(monday, monday.plusDays(6));
  }

  /** Whether the month {@code month} (as {@code 2026-03}) is partial. */
  boolean partialMonth(String month) {
    YearMonth m = YearMonth.parse(month);
    return partial(m.atDay(1), m.atEndOfMonth());
  }

  /** The earlier of a running first day and a day from a row (either may be null). */
  static LocalDate earlier(LocalDate day, java.sql.Date other) {
    if (other == null) {
      return day;
    }
    LocalDate d = other.toLocalDate();
    return day == null || d.isBefore(day) ? d : day;
  }

  /** The later of a running last day and a day from a row (either may be null). */
  static LocalDate later(LocalDate day, java.sql.Date other) {
    if (other == null) {
      return day;
    }
    LocalDate d = other.toLocalDate();
    return day == null || d.isAfter(day) ? d : day;
  }

  private boolean partial(LocalDate start, LocalDate end) {
    if (contactsFrom == null) {
      return false; // no contacts, no rate to misread
    }
    LocalDate from = start.isBefore(contactsFrom) ? contactsFrom : start;
    LocalDate to = end.isAfter(contactsTo) ? contactsTo : end;
    if (from.isAfter(to)) {
      return false; // no day of it has contacts
    }
    return firstOrder == null || from.isBefore(firstOrder) || to.isAfter(lastOrder);
  }
}
