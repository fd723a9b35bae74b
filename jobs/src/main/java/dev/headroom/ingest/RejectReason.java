package dev.headroom.ingest;

/**
 * Why a row was not taken. The {@link #code()} is what the {@code rejects} table stores.
 *
 * <p>Reasons are checked in declaration order; a row gets the first that applies.
 */
public enum RejectReason {
  /** The line could not be parsed into the input's columns (CSV or JSON Lines). */
  MALFORMED_ROW("malformed_row"),
  /** The id is null or blank. */
  MISSING_ID("missing_id"),
  /** The date is null or blank. */
  MISSING_DATE("missing_date"),
  /** The date matches none of the configured timestamp patterns. */
  UNPARSEABLE_DATE("unparseable_date"),
  /** The date is before {@code ingest.min-date} or too far after the run. */
  DATE_OUT_OF_RANGE("date_out_of_range"),
  /** The text is null, empty or only white space (also after normalization). */
  EMPTY_TEXT("empty_text"),
  /** The text holds U+FFFD replacement characters: it was decoded with the wrong encoding. */
  INVALID_ENCODING("invalid_encoding"),
  /** The text is longer than {@code ingest.max-text-chars}. */
  TEXT_TOO_LONG("text_too_long"),
  /**
   * A number column ({@code handle_seconds}, {@code csat}, {@code amount}) holds a value that is
   * not a finite number, such as {@code abc}, {@code NaN} or {@code Infinity}.
   */
  INVALID_NUMBER("invalid_number"),
  /** Another row with the same id was kept (the earliest, then the smallest raw content). */
  DUPLICATE_ID("duplicate_id");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  /** The reason as stored in the {@code rejects} table and counted in {@code runs}. */
  public String code() {
    return code;
  }
}
