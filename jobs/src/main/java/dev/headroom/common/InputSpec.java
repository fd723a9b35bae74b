package dev.headroom.common;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one input (tickets or orders) is and how its columns map onto the data contract.
 *
 * @param kind {@code tickets} or {@code orders}
 * @param path file, folder or table path
 * @param format one of {@link ConfigKeys#FORMATS}
 * @param columns canonical column name to the user's column name(s); {@code text} may name several
 *     columns, joined with a newline (subject and body)
 * @param segments extra segment columns carried through unchanged
 * @param timestampFormats patterns tried in order when a date column is a string
 * @param required canonical columns the input must have
 */
public record InputSpec(
    String kind,
    String path,
    String format,
    Map<String, List<String>> columns,
    List<String> segments,
    List<String> timestampFormats,
    Set<String> required) {

  /** The canonical name of this input's id column. */
  public String idColumn() {
    return kind.equals(ConfigKeys.TICKETS) ? "ticket_id" : "order_id";
  }

  /** The canonical name of this input's date column. */
  public String dateColumn() {
    return kind.equals(ConfigKeys.TICKETS) ? "created_at" : "ordered_at";
  }

  /** The user's column names for a canonical column (the canonical name when not mapped). */
  public List<String> sourceColumns(String canonical) {
    return columns.getOrDefault(canonical, List.of(canonical));
  }
}
