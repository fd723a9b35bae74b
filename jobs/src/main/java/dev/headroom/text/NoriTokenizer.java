package dev.headroom.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML stage: ticket text to an array of terms (see {@link TicketAnalyzer}).
 *
 * <p>Its Params are plain strings, string arrays and booleans, the user dictionary, stopwords and
 * concept lexicon included by value, so a fitted pipeline saved with it loads anywhere without
 * {@code conf/}.
 */
public final class NoriTokenizer extends Transformer implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> languageCol;
  private final Param<String> decompoundMode;
  private final StringArrayParam keepTags;
  private final StringArrayParam userDictionary;
  private final StringArrayParam stopwords;
  private final BooleanParam negation;
  private final StringArrayParam concepts;

  /** A tokenizer with a new uid. */
  public NoriTokenizer() {
    this(Identifiable$.MODULE$.randomUID("noriTokenizer"));
  }

  /** A tokenizer with this uid (used when loading a saved pipeline). */
  public NoriTokenizer(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "column with the text");
    outputCol = new Param<>(this, "outputCol", "column for the terms");
    languageCol =
        new Param<>(
            this, "languageCol", "column with ko/en per row; empty to detect from the script");
    decompoundMode =
        new Param<>(this, "decompoundMode", "Nori decompound mode: none, discard, mixed");
    keepTags = new StringArrayParam(this, "keepTags", "Nori part-of-speech tags kept as terms");
    userDictionary =
        new StringArrayParam(this, "userDictionary", "lines of a Nori user dictionary");
    stopwords = new StringArrayParam(this, "stopwords", "terms dropped after analysis");
    negation = new BooleanParam(this, "negation", "mark verbs after 안/못 or before -지 않");
    concepts =
        new StringArrayParam(
            this, "concepts", "lines of a concept lexicon: words that become one term");
    setDefault(inputCol, "text");
    setDefault(outputCol, "terms");
    setDefault(languageCol, "");
    setDefault(decompoundMode, TokenizerSettings.DECOMPOUND_MODE_DEFAULT);
    setDefault(keepTags, TokenizerSettings.KEEP_TAGS_DEFAULT.toArray(new String[0]));
    setDefault(userDictionary, new String[0]);
    setDefault(stopwords, new String[0]);
    setDefault(negation, true);
    setDefault(concepts, new String[0]);
  }

  /** Reader for {@code NoriTokenizer.load(path)} and for loading pipelines that contain one. */
  public static MLReader<NoriTokenizer> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads a saved tokenizer. */
  public static NoriTokenizer load(String path) {
    return read().load(path);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The text column. */
  public Param<String> inputCol() {
    return inputCol;
  }

  /** The output column (array of strings). */
  public Param<String> outputCol() {
    return outputCol;
  }

  /** The optional per-row language column. */
  public Param<String> languageCol() {
    return languageCol;
  }

  /** Nori's decompound mode. */
  public Param<String> decompoundMode() {
    return decompoundMode;
  }

  /** Part-of-speech tags kept. */
  public StringArrayParam keepTags() {
    return keepTags;
  }

  /** User dictionary lines. */
  public StringArrayParam userDictionary() {
    return userDictionary;
  }

  /** Stopwords. */
  public StringArrayParam stopwords() {
    return stopwords;
  }

  /** Whether negation is marked. */
  public BooleanParam negation() {
    return negation;
  }

  /** Concept lexicon lines. */
  public StringArrayParam concepts() {
    return concepts;
  }

  /** Sets the text column. */
  public NoriTokenizer setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  /** Sets the output column. */
  public NoriTokenizer setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  /** Sets the per-row language column (empty: detect). */
  public NoriTokenizer setLanguageCol(String value) {
    set(languageCol, value);
    return this;
  }

  /** Sets every analysis setting at once. */
  public NoriTokenizer setSettings(TokenizerSettings settings) {
    set(decompoundMode, settings.decompoundMode());
    set(keepTags, settings.keepTags().toArray(new String[0]));
    set(userDictionary, settings.userDictionary().toArray(new String[0]));
    set(stopwords, settings.stopwords().stream().sorted().toArray(String[]::new));
    set(negation, settings.negation());
    set(concepts, settings.concepts().toArray(new String[0]));
    return this;
  }

  /** The analysis settings these Params describe. */
  public TokenizerSettings settings() {
    return new TokenizerSettings(
        $(decompoundMode),
        Arrays.asList($(keepTags)),
        Arrays.asList($(userDictionary)),
        new HashSet<>(Arrays.asList($(stopwords))),
        (Boolean) $(negation),
        Arrays.asList($(concepts)));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    // Only the small settings value is captured; the analyzer is built on each executor.
    AnalyzerRef analyzer = new AnalyzerRef(settings());
    UserDefinedFunction tokenize =
        udf(
            (UDF2<String, String, List<String>>)
                (text, language) -> analyzer.get().terms(text, language),
            DataTypes.createArrayType(DataTypes.StringType, false));
    String language = $(languageCol);
    Column languageColumn = language.isEmpty() ? lit(null).cast("string") : col(language);
    return dataset.withColumn($(outputCol), tokenize.apply(col($(inputCol)), languageColumn));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String input = $(inputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(input)) {
      throw new IllegalArgumentException(
          "NoriTokenizer: no input column " + input + " in " + schema.simpleString());
    }
    if (!(schema.apply(input).dataType() instanceof StringType)) {
      throw new IllegalArgumentException(
          "NoriTokenizer: input column "
              + input
              + " must be a string, is "
              + schema.apply(input).dataType().simpleString());
    }
    if (Arrays.asList(schema.fieldNames()).contains($(outputCol))) {
      throw new IllegalArgumentException(
          "NoriTokenizer: output column " + $(outputCol) + " already exists");
    }
    return schema.add($(outputCol), DataTypes.createArrayType(DataTypes.StringType, false), false);
  }

  @Override
  public NoriTokenizer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /**
   * The analyzer for some settings, looked up once per deserialized copy (once per task) rather
   * than once per row: the lookup hashes and compares the whole dictionary and stopword lists.
   */
  private static final class AnalyzerRef implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TokenizerSettings settings;
    private transient TicketAnalyzer analyzer;

    AnalyzerRef(TokenizerSettings settings) {
      this.settings = settings;
    }

    TicketAnalyzer get() {
      if (analyzer == null) {
        analyzer = TicketAnalyzer.forSettings(settings);
      }
      return analyzer;
    }
  }
}
