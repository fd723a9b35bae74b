package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.Arrays;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML stage: a vector of term counts to sublinear weights, {@code 1 + ln(count)} for each term
 * a text has (0 stays 0). A word written five times weighs 2.6 times a word written once, so a long
 * text's subject stands out without one word outweighing all the rest. Discover uses it on long
 * texts only ({@link TopicModeler#LONG_TEXT_MEDIAN_TERMS}).
 */
public final class SublinearTermFrequency extends Transformer implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;

  /** A stage with a new uid. */
  public SublinearTermFrequency() {
    this(Identifiable$.MODULE$.randomUID("sublinearTf"));
  }

  /** A stage with this uid (used when loading a saved pipeline). */
  public SublinearTermFrequency(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "column of term-count vectors");
    outputCol = new Param<>(this, "outputCol", "column for the sublinear weights");
    setDefault(inputCol, "tf");
    setDefault(outputCol, "tf_sublinear");
  }

  /** Reader for {@code SublinearTermFrequency.load(path)} and for pipelines that contain one. */
  public static MLReader<SublinearTermFrequency> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads a saved stage. */
  public static SublinearTermFrequency load(String path) {
    return read().load(path);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The column of term counts. */
  public Param<String> inputCol() {
    return inputCol;
  }

  /** The column for the weights. */
  public Param<String> outputCol() {
    return outputCol;
  }

  /** Sets the column of term counts. */
  public SublinearTermFrequency setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  /** Sets the column for the weights. */
  public SublinearTermFrequency setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  /** The sublinear weights of one vector of counts. */
  static Vector weights(Vector counts) {
    SparseVector sparse = counts.toSparse();
    double[] values = Arrays.copyOf(sparse.values(), sparse.values().length);
    for (int i = 0; i < values.length; i++) {
      values[i] = values[i] > 0 ? 1 + Math.log(values[i]) : values[i];
    }
    return Vectors.sparse(sparse.size(), sparse.indices(), values);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    UserDefinedFunction sublinear =
        udf((UDF1<Vector, Vector>) SublinearTermFrequency::weights, SQLDataTypes.VectorType());
    return dataset.withColumn($(outputCol), sublinear.apply(col($(inputCol))));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String input = $(inputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(input)) {
      throw new IllegalArgumentException(
          "SublinearTermFrequency: no input column " + input + " in " + schema.simpleString());
    }
    if (!schema.apply(input).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(
          "SublinearTermFrequency: input column "
              + input
              + " must be a vector, is "
              + schema.apply(input).dataType().simpleString());
    }
    return schema.add($(outputCol), SQLDataTypes.VectorType(), false);
  }

  @Override
  public SublinearTermFrequency copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
