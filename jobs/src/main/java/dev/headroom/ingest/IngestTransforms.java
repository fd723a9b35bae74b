package dev.headroom.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.year;

import dev.headroom.common.ConfigKeys;
import dev.headroom.common.InputException;
import dev.headroom.common.InputSpec;
import dev.headroom.text.PiiMasker;
import dev.headroom.text.TextNormalizer;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;

/**
 * The pure steps of {@code ingest}: map columns, label rejects, split clean rows from rejects.
 *
 * <p>Each step is a {@code Dataset<Row> -> Dataset<Row>} function; reading and writing live in
 * {@link IngestJob}. Months are counted in the session time zone, which the job sets from {@code
 * time-zone}.
 */
public final class IngestTransforms {

  /** Column holding the reject reason code, null for a clean row. */
  public static final String REASON = "reject_reason";

  /** Column holding the month (yyyy-MM) a row belongs to; the tables are partitioned by it. */
  public static final String MONTH = "month";

  /** Column naming the file a row came from. */
  public static final String SOURCE_FILE = "source_file";

  /** Column holding a rejected row's raw content as JSON (text fields masked), null when clean. */
  public static final String RAW = "_raw";

  private static final String SOURCE = "_source";
  private static final String DATE_RAW = "_date_raw";
  private static final String TEXT_RAW = "_text_raw";
  private static final String CORRUPT = "_corrupt";
  private static final String NUMBER_RAW = "_number_raw_";
  private static final List<String> NUMBER_COLUMNS =
      List.of("handle_seconds", "csat", "nps", "amount");
  private static final String REPLACEMENT_CHAR = "\uFFFD";

  private static final UserDefinedFunction PREPARE_TEXT =
      udf(
          (UDF1<String, String>) text -> PiiMasker.mask(TextNormalizer.normalize(text)),
          DataTypes.StringType);

  private static final UserDefinedFunction MASK =
      udf((UDF1<String, String>) PiiMasker::mask, DataTypes.StringType);

  private IngestTransforms() {}

  /** Fails naming the missing canonical or segment columns and the input when any is absent. */
  public static void requireColumns(Dataset<Row> raw, InputSpec spec) {
    Set<String> present = new LinkedHashSet<>(Arrays.asList(raw.columns()));
    List<String> missing = new ArrayList<>();
    for (String canonical : spec.required()) {
      for (String source : spec.sourceColumns(canonical)) {
        if (!present.contains(source)) {
          missing.add(
              source.equals(canonical) ? source : source + " (mapped to " + canonical + ")");
        }
      }
    }
    for (String segment : spec.segments()) {
      if (!present.contains(segment)) {
        missing.add(segment + " (listed in " + spec.kind() + "." + ConfigKeys.SEGMENTS + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException(
          "The "
              + spec.kind()
              + " input "
              + spec.path()
              + " has no column "
              + String.join(", ", missing.stream().sorted().toList())
              + "; its columns are "
              + String.join(", ", present)
              + ". Map yours with "
              + spec.kind()
              + "."
              + ConfigKeys.COLUMNS
              + ".<canonical>=<your column>");
    }
  }

  /**
   * Maps the user's columns onto the data contract, keeping the raw row for rejects.
   *
   * <p>Optional contract columns absent from the input become typed nulls, so the output schema
   * does not depend on the input's.
   */
  public static Dataset<Row> canonicalize(Dataset<Row> raw, InputSpec spec) {
    requireColumns(raw, spec);
    Set<String> present = new LinkedHashSet<>(Arrays.asList(raw.columns()));
    List<Column> columns = new ArrayList<>();
    columns.add(
        struct(Arrays.stream(raw.columns()).map(c -> col(quote(c))).toArray(Column[]::new))
            .as(SOURCE));
    columns.add(input_file_name().as(SOURCE_FILE));
    columns.add(
        present.contains(InputReader.CORRUPT_RECORD)
            ? col(InputReader.CORRUPT_RECORD).as(CORRUPT)
            : lit(null).cast(DataTypes.StringType).as(CORRUPT));
    for (String canonical : contractColumns(spec)) {
      List<String> sources = spec.sourceColumns(canonical);
      boolean available = present.containsAll(sources);
      if (canonical.equals(spec.idColumn())) {
        columns.add(trim(col(quote(sources.get(0))).cast(DataTypes.StringType)).as(canonical));
      } else if (canonical.equals(spec.dateColumn())) {
        columns.add(col(quote(sources.get(0))).as(DATE_RAW));
      } else if (canonical.equals("text")) {
        Column[] parts =
            sources.stream().map(s -> col(quote(s)).cast("string")).toArray(Column[]::new);
        Column anyPresent = coalesce(parts).isNotNull();
        columns.add(when(anyPresent, concat_ws("\n", parts)).as(TEXT_RAW));
      } else if (available && NUMBER_COLUMNS.contains(canonical)) {
        Column source = col(quote(sources.get(0)));
        boolean text = raw.schema().apply(sources.get(0)).dataType() instanceof StringType;
        // Exports often write thousands separators (12,000); they are not a reason to reject.
        Column number = text ? regexp_replace(source, ",", "") : source;
        columns.add(number.cast(DataTypes.DoubleType).as(canonical));
        // Kept to tell a value that is not a number from an absent one.
        columns.add(source.as(NUMBER_RAW + canonical));
      } else if (available) {
        columns.add(col(quote(sources.get(0))).cast(typeOf(canonical)).as(canonical));
      } else {
        columns.add(lit(null).cast(typeOf(canonical)).as(canonical));
      }
    }
    for (String segment : spec.segments()) {
      columns.add(col(quote(segment)).cast(DataTypes.StringType).as(segment));
    }
    return raw.select(columns.toArray(Column[]::new));
  }

  /**
   * Parses the date, prepares the text (normalized, then masked) and labels every row with the
   * first {@link RejectReason} that applies, or null. Duplicate ids keep one row: the earliest,
   * then the one from the first file, then the one whose raw content hashes lowest (the same rows
   * always keep the same one).
   *
   * <p>A rejected row carries its raw row as masked JSON in {@link #RAW}; the raw columns the
   * checks needed are dropped, so the rows the job caches hold each text once.
   */
  public static Dataset<Row> labelRejects(
      Dataset<Row> canonical, InputSpec spec, IngestRules rules) {
    return labelRejects(canonical, spec, rules, null);
  }

  /**
   * As {@link #labelRejects(Dataset, InputSpec, IngestRules)}, with the identifiers in a rejected
   * row's raw JSON replaced by their pseudonyms as the clean rows' will be.
   *
   * @param pseudonyms the pseudonymizer, or null to keep identifiers as they are
   */
  public static Dataset<Row> labelRejects(
      Dataset<Row> canonical, InputSpec spec, IngestRules rules, Pseudonymizer pseudonyms) {
    DataType dateType = canonical.schema().apply(DATE_RAW).dataType();
    String dateColumn = spec.dateColumn();
    Dataset<Row> parsed =
        canonical
            .withColumn(dateColumn, parseTimestamp(col(DATE_RAW), dateType, spec))
            .withColumn(MONTH, monthOf(col(dateColumn)));
    boolean hasText = spec.kind().equals(ConfigKeys.TICKETS);
    if (hasText) {
      parsed =
          parsed.withColumn(
              "text",
              when(
                  col(TEXT_RAW).isNotNull().and(length(col(TEXT_RAW)).leq(rules.maxTextChars())),
                  PREPARE_TEXT.apply(col(TEXT_RAW))));
    }
    Column id = col(spec.idColumn());
    Column date = col(dateColumn);
    Column dateBlank = blank(col(DATE_RAW), dateType);
    Column reason =
        when(col(CORRUPT).isNotNull(), lit(RejectReason.MALFORMED_ROW.code()))
            .when(id.isNull().or(id.equalTo(lit(""))), lit(RejectReason.MISSING_ID.code()))
            .when(dateBlank, lit(RejectReason.MISSING_DATE.code()))
            .when(date.isNull(), lit(RejectReason.UNPARSEABLE_DATE.code()))
            .when(
                date.lt(lit(Timestamp.from(rules.earliest())))
                    .or(date.gt(lit(Timestamp.from(rules.latest())))),
                lit(RejectReason.DATE_OUT_OF_RANGE.code()));
    if (hasText) {
      Column textRaw = col(TEXT_RAW);
      Column withinLimit = length(textRaw).leq(rules.maxTextChars());
      reason =
          reason
              .when(
                  textRaw.isNull().or(withinLimit.and(col("text").equalTo(lit("")))),
                  lit(RejectReason.EMPTY_TEXT.code()))
              .when(textRaw.contains(REPLACEMENT_CHAR), lit(RejectReason.INVALID_ENCODING.code()))
              .when(withinLimit.equalTo(lit(false)), lit(RejectReason.TEXT_TOO_LONG.code()));
    }
    Column invalidNumber = lit(false);
    for (String number : NUMBER_COLUMNS) {
      if (List.of(canonical.columns()).contains(NUMBER_RAW + number)) {
        invalidNumber =
            invalidNumber.or(
                notAFiniteNumber(
                    col(NUMBER_RAW + number),
                    canonical.schema().apply(NUMBER_RAW + number).dataType(),
                    col(number)));
      }
    }
    reason = reason.when(invalidNumber, lit(RejectReason.INVALID_NUMBER.code()));
    // A row whose date is missing, unparseable or out of range belongs to no month.
    Dataset<Row> labelled =
        parsed
            .withColumn(REASON, reason.otherwise(lit(null).cast("string")))
            .withColumn(
                MONTH,
                when(
                        col(REASON)
                            .isin(
                                RejectReason.MISSING_DATE.code(),
                                RejectReason.UNPARSEABLE_DATE.code(),
                                RejectReason.DATE_OUT_OF_RANGE.code()),
                        lit(null).cast("string"))
                    .otherwise(col(MONTH)));

    // The raw columns were only needed for the checks; the raw row stays in _source for rejects.
    List<String> checked = new ArrayList<>(List.of(DATE_RAW, TEXT_RAW, CORRUPT));
    NUMBER_COLUMNS.forEach(n -> checked.add(NUMBER_RAW + n));
    labelled = labelled.drop(checked.toArray(String[]::new));

    // Among the rows that passed every check, the first per id is kept. A hash of the raw row
    // breaks the last ties: as deterministic as the row itself, and cheap to sort by.
    Column tieBreak = xxhash64(col(SOURCE));
    var perId =
        Window.partitionBy(id).orderBy(col(REASON).isNotNull(), date, col(SOURCE_FILE), tieBreak);
    Dataset<Row> deduplicated =
        labelled
            .withColumn("_rank", row_number().over(perId))
            .withColumn(
                REASON,
                when(
                        col(REASON).isNull().and(col("_rank").gt(1)),
                        lit(RejectReason.DUPLICATE_ID.code()))
                    .otherwise(col(REASON)))
            .drop("_rank");
    return deduplicated
        .withColumn(
            RAW,
            when(col(REASON).isNotNull(), to_json(maskedSource(deduplicated, spec, pseudonyms))))
        .drop(SOURCE);
  }

  /** The raw row with its text fields masked and its identifiers pseudonymized, nothing else. */
  private static Column maskedSource(
      Dataset<Row> labelled, InputSpec spec, Pseudonymizer pseudonyms) {
    Column source = col(SOURCE);
    StructField[] fields =
        ((org.apache.spark.sql.types.StructType) labelled.schema().apply(SOURCE).dataType())
            .fields();
    Set<String> textFields = new LinkedHashSet<>();
    if (spec.kind().equals(ConfigKeys.TICKETS)) {
      textFields.addAll(spec.sourceColumns("text"));
    }
    textFields.add(InputReader.CORRUPT_RECORD);
    for (StructField field : fields) {
      if (textFields.contains(field.name()) && field.dataType() instanceof StringType) {
        // withField parses its name as a SQL identifier: quoted, a name may hold spaces or dots.
        source = source.withField(quote(field.name()), MASK.apply(source.getField(field.name())));
      }
    }
    if (pseudonyms != null) {
      Set<String> names = new LinkedHashSet<>();
      for (StructField field : fields) {
        names.add(field.name());
      }
      source = pseudonyms.rawRow(source, names, spec);
    }
    return source;
  }

  /** The clean rows in contract order, plus the month and the run that ingested them. */
  public static Dataset<Row> cleanRows(Dataset<Row> labelled, InputSpec spec, String runId) {
    List<Column> columns = new ArrayList<>();
    for (String canonical : contractColumns(spec)) {
      columns.add(col(canonical));
      if (canonical.equals(spec.dateColumn())) {
        columns.add(col(MONTH));
      }
    }
    spec.segments().forEach(s -> columns.add(col(s)));
    columns.add(col(SOURCE_FILE));
    columns.add(lit(runId).as("ingest_run_id"));
    return labelled.filter(col(REASON).isNull()).select(columns.toArray(Column[]::new));
  }

  /**
   * The rejected rows: kind, reason, the raw row as JSON (text fields masked, nothing else
   * changed), the file, the input path, the month when the date parsed, the run and its time.
   */
  public static Dataset<Row> rejectRows(
      Dataset<Row> labelled, InputSpec spec, String inputPath, String runId) {
    return labelled
        .filter(col(REASON).isNotNull())
        .select(
            lit(spec.kind()).as("kind"),
            col(REASON).as("reason"),
            col(RAW).as("raw"),
            col(SOURCE_FILE),
            lit(inputPath).as("input_path"),
            col(MONTH),
            lit(runId).as("run_id"),
            current_timestamp().as("rejected_at"));
  }

  /**
   * The month (yyyy-MM) a timestamp falls in, in the session time zone: what {@code
   * date_format(timestamp, "yyyy-MM")} gives for the years 1 to 9999, from the year and month
   * numbers. Formatting every timestamp with a pattern was 6 s of ingest's CPU at 1M
   * (BENCHMARKS.md, issue 20, "the file's name as a key in ingest's cache").
   */
  static Column monthOf(Column timestamp) {
    Column year = year(timestamp);
    Column yearText =
        when(year.lt(1000), lpad(year.cast("string"), 4, "0")).otherwise(year.cast("string"));
    return concat(yearText, lit("-"), lpad(month(timestamp).cast("string"), 2, "0"));
  }

  /** A value is given (not null or blank) but did not become a finite number. */
  private static Column notAFiniteNumber(Column raw, DataType type, Column number) {
    Column notFinite =
        number
            .isNull()
            .or(isnan(number))
            .or(number.isin(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    // The cheap test first: most values are finite numbers; whether text is blank takes a trim.
    return notFinite.and(not(blank(raw, type)));
  }

  /**
   * A raw value is missing: null, or for text, nothing but spaces. A typed value (a number, a time,
   * a date) is never blank; writing each one out as text to check was 7.9M timestamps and amounts
   * formatted at 1M tickets, 7.1 s of ingest's CPU (BENCHMARKS.md, issue 20).
   */
  private static Column blank(Column raw, DataType type) {
    boolean typed =
        type instanceof NumericType
            || type instanceof TimestampType
            || type instanceof DateType
            || type instanceof BooleanType;
    return typed ? raw.isNull() : raw.isNull().or(trim(raw.cast("string")).equalTo(lit("")));
  }

  private static Column parseTimestamp(Column raw, DataType type, InputSpec spec) {
    if (type instanceof TimestampType) {
      return raw;
    }
    if (type instanceof DateType) {
      return raw.cast(DataTypes.TimestampType);
    }
    if (type instanceof NumericType) {
      // Epoch seconds, as many exports write them.
      return raw.cast(DataTypes.LongType).cast(DataTypes.TimestampType);
    }
    if (type instanceof StringType) {
      Column trimmed = trim(raw);
      Column[] attempts =
          spec.timestampFormats().stream()
              .map(p -> to_timestamp(trimmed, p))
              .toArray(Column[]::new);
      return attempts.length == 1 ? attempts[0] : coalesce(attempts);
    }
    throw new InputException(
        "The "
            + spec.kind()
            + " column "
            + spec.sourceColumns(spec.dateColumn()).get(0)
            + " in "
            + spec.path()
            + " has type "
            + type.simpleString()
            + "; expected a timestamp, date, epoch seconds or a string");
  }

  private static List<String> contractColumns(InputSpec spec) {
    return spec.kind().equals(ConfigKeys.TICKETS)
        ? ConfigKeys.TICKET_COLUMNS
        : ConfigKeys.ORDER_COLUMNS;
  }

  private static DataType typeOf(String canonical) {
    return NUMBER_COLUMNS.contains(canonical) ? DataTypes.DoubleType : DataTypes.StringType;
  }

  /** Backticks a user column name so dots and spaces in it are taken literally. */
  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
