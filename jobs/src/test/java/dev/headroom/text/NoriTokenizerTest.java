package dev.headroom.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.headroom.ShippedConfig;
import dev.headroom.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoriTokenizerTest {

  private final SparkSession spark = TestSpark.session();

  private Dataset<Row> tickets() {
    return spark.createDataFrame(
        List.of(
            RowFactory.create("1", "에어팟 배송이 안 와요"),
            RowFactory.create("2", "My refund still hasn't arrived"),
            RowFactory.create("3", "쿠폰 적용이 안 돼요 <PHONE>")),
        new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType));
  }

  @Test
  void saveThenLoadKeepsEverySettingAndTheSameTerms(@TempDir Path dir) throws Exception {
    NoriTokenizer tokenizer =
        new NoriTokenizer()
            .setInputCol("text")
            .setOutputCol("terms")
            .setSettings(ShippedConfig.load().topics().tokenizer());
    tokenizer.write().overwrite().save(dir.toString());
    NoriTokenizer loaded = NoriTokenizer.load(dir.toString());

    assertEquals(tokenizer.uid(), loaded.uid());
    assertEquals(tokenizer.settings(), loaded.settings());
    TestSpark.assertSameRows(tokenizer.transform(tickets()), loaded.transform(tickets()));
    List<String> first = loaded.transform(tickets()).orderBy("id").first().getList(2);
    assertEquals(List.of("에어팟", "배송", "안_오다"), first);
  }

  @Test
  void schemaIsChecked() {
    Dataset<Row> numbers = spark.range(3).toDF("text");
    assertThrows(IllegalArgumentException.class, () -> new NoriTokenizer().transform(numbers));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NoriTokenizer().setOutputCol("text").transform(tickets()));
  }
}
