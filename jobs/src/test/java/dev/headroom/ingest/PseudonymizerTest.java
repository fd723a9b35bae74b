package dev.headroom.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import dev.headroom.common.HeadroomConfig;
import dev.headroom.common.InputSpec;
import dev.headroom.common.PrivacySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyed pseudonyms: stable for one secret, different for another, and only where they belong. */
class PseudonymizerTest {

  private final Pseudonymizer pseudonyms =
      Pseudonymizer.withSecret("a secret", List.of("customer_id"));

  @Test
  void oneValueGetsOnePseudonymPerSecret() {
    String p = pseudonyms.pseudonym("buyer@example.com");
    assertTrue(p.matches("p_[0-9a-f]{16}"), p);
    assertEquals(p, pseudonyms.pseudonym(" buyer@example.com "), "trimmed first");
    assertNotEquals(p, pseudonyms.pseudonym("buyer2@example.com"));
    assertNotEquals(
        p,
        Pseudonymizer.withSecret("another secret", List.of()).pseudonym("buyer@example.com"),
        "without the secret the pseudonym cannot be made from a guess");
    assertNull(pseudonyms.pseudonym("  "));
    assertNull(pseudonyms.pseudonym(null));
  }

  /**
   * The secret from {@value PrivacySettings#KEY_ENVIRONMENT} wins over the key file; a blank
   * variable leaves the file's. ({@code PersonalDataTest} runs the whole job with the file's.)
   */
  @Test
  void theEnvironmentsSecretWinsOverTheKeyFile(@TempDir Path dir) throws Exception {
    Path keyFile = Files.writeString(dir.resolve("pseudonym.key"), "the file's secret\n");
    PrivacySettings settings = new PrivacySettings(List.of("customer_id"), keyFile.toString());
    String value = "buyer@example.com";
    assertEquals(
        Pseudonymizer.withSecret("the environment's secret", List.of()).pseudonym(value),
        Pseudonymizer.of(
                settings, Map.of(PrivacySettings.KEY_ENVIRONMENT, " the environment's secret "))
            .pseudonym(value));
    String fromFile = Pseudonymizer.withSecret("the file's secret", List.of()).pseudonym(value);
    assertEquals(
        fromFile,
        Pseudonymizer.of(settings, Map.of(PrivacySettings.KEY_ENVIRONMENT, "  ")).pseudonym(value));
    assertEquals(fromFile, Pseudonymizer.of(settings, Map.of()).pseudonym(value));
  }

  @Test
  void listedColumnsAlwaysAndSegmentsOnlyWhenTheyLookPersonal() {
    InputSpec orders =
        HeadroomConfig.fromMap(Map.of("orders.segments", "seller_id,channel"), "test").orders();
    StructType schema =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("customer_id", DataTypes.StringType)
            .add("seller_id", DataTypes.StringType)
            .add("channel", DataTypes.StringType);
    Dataset<Row> rows =
        TestSpark.session()
            .createDataFrame(
                List.of(
                    RowFactory.create("O1", "C0001", "seller.kim@example.com", "app"),
                    RowFactory.create("O2", "C0001", "S07", "010-1234-5678")),
                schema);
    List<Row> out = pseudonyms.apply(rows, orders).orderBy("order_id").collectAsList();
    String customer = pseudonyms.pseudonym("C0001");
    assertEquals(customer, out.get(0).getAs("customer_id"), "listed: always");
    assertEquals(
        customer, out.get(1).getAs("customer_id"), "the same customer, the same pseudonym");
    assertEquals(pseudonyms.pseudonym("seller.kim@example.com"), out.get(0).getAs("seller_id"));
    assertEquals("S07", out.get(1).getAs("seller_id"), "an ordinary segment value stays");
    assertEquals("app", out.get(0).getAs("channel"));
    assertEquals(pseudonyms.pseudonym("010-1234-5678"), out.get(1).getAs("channel"));
    assertEquals("O1", out.get(0).getAs("order_id"), "unlisted contract columns stay");
  }

  @Test
  void aSegmentValueIsJudgedAlikeEachTimeItIsSeenAndAfterTheRememberedValuesStartAfresh() {
    // More values than the pseudonymizer remembers, each asked twice, personal ones among them.
    for (int i = 0; i < 25_000; i++) {
      String seller = "S" + i;
      String phone = String.format(Locale.ROOT, "010-%04d-%04d", i / 10, i % 10_000);
      for (int time = 0; time < 2; time++) {
        assertEquals(seller, pseudonyms.pseudonymIfPersonal(seller), seller);
        assertEquals(pseudonyms.pseudonym(phone), pseudonyms.pseudonymIfPersonal(phone), phone);
      }
    }
    assertNull(pseudonyms.pseudonymIfPersonal(null));
  }
}
