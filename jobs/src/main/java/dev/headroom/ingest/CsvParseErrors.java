package dev.headroom.ingest;

import com.univocity.parsers.common.TextParsingException;
import dev.headroom.common.InputException;
import dev.headroom.common.InputSpec;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a CSV parse failure deep inside a Spark task into an {@link InputException} that names the
 * input, the file and the line.
 *
 * <p>Spark reads lazily, so a quote left open only fails when the job first scans the rows; the
 * failure arrives as a task error wrapping univocity's {@link TextParsingException}.
 */
final class CsvParseErrors {

  private static final Pattern FILE = Pattern.compile("reading file (\\S+?)\\.? Details");

  private CsvParseErrors() {}

  /** A local file's path without the {@code file:} scheme Spark puts on it. */
  private static String localPath(String file) {
    return file.startsWith("file:") ? URI.create(file).getPath() : file;
  }

  /** The input error this failure stands for, or empty when it is not a CSV parse error. */
  static Optional<InputException> describe(Throwable failure, InputSpec spec) {
    TextParsingException parse = null;
    String file = null;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (file == null && t.getMessage() != null) {
        Matcher m = FILE.matcher(t.getMessage());
        if (m.find()) {
          file = m.group(1);
        }
      }
      if (t instanceof TextParsingException p) {
        parse = p;
      }
    }
    if (parse == null) {
      return Optional.empty();
    }
    String where = file != null ? localPath(file) : spec.path();
    // The parser notices the problem where the next quote turns up, which may be lines after
    // the quote that was left open; the row it was reading began on or before that line.
    String position =
        parse.getLineIndex() >= 0
            ? ": field "
                + (parse.getColumnIndex() + 1)
                + " of the row that ends near line "
                + (parse.getLineIndex() + 1)
                + " (or a row just before it)"
            : "";
    return Optional.of(
        new InputException(
            "Cannot parse the "
                + spec.kind()
                + " input "
                + where
                + " as CSV"
                + position
                + " has a quote that is not closed where it should be (a quote inside a quoted"
                + " field must be doubled, \"\"). Nothing was written; fix that row and run again.",
            failure));
  }
}
