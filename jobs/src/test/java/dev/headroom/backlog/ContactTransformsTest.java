package dev.headroom.backlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ContactTransformsTest {

  private final SparkSession spark = TestSpark.session();

  private record Contact(String id, int topic, String customer, String order, long seconds) {}

  /**
   * On contacts where customers and orders each write about several topics, close together and far
   * apart, with some unknown, a contact is a repeat exactly when the same customer or the same
   * order wrote on the same topic at most seven days before it (counted here contact by contact).
   */
  @Test
  void aRepeatFollowsTheSameCustomersOrOrdersContactOnTheSameTopic() {
    Random random = new Random(7);
    List<Contact> contacts = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      contacts.add(
          new Contact(
              String.format("T-%05d", i),
              random.nextInt(4),
              random.nextInt(10) == 0 ? null : "c" + random.nextInt(300),
              random.nextInt(3) == 0 ? null : "o" + random.nextInt(500),
              1_767_225_600L + random.nextInt(60) * 86_400L + random.nextInt(86_400)));
    }
    int days = 7;
    Map<String, Boolean> expected = new TreeMap<>();
    for (Contact c : contacts) {
      boolean repeat = false;
      for (Contact before : contacts) {
        boolean sameKey =
            (c.customer() != null && c.customer().equals(before.customer()))
                || (c.order() != null && c.order().equals(before.order()));
        // If any earlier one is close enough, so is the latest earlier one the rule looks at.
        repeat |=
            sameKey
                && before.topic() == c.topic()
                && order(before, c) < 0
                && c.seconds() - before.seconds() <= days * 86_400L;
      }
      expected.put(c.id(), repeat);
    }

    StructType schema =
        new StructType()
            .add("ticket_id", DataTypes.StringType)
            .add(ContactTransforms.TOPIC, DataTypes.IntegerType)
            .add("customer_id", DataTypes.StringType)
            .add("order_id", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    for (Contact c : contacts) {
      rows.add(
          RowFactory.create(
              c.id(), c.topic(), c.customer(), c.order(), new Timestamp(c.seconds() * 1000)));
    }
    Map<String, Boolean> actual = new TreeMap<>();
    for (Row r :
        ContactTransforms.markRepeats(spark.createDataFrame(rows, schema).repartition(3), days)
            .select("ticket_id", ContactTransforms.REPEAT)
            .collectAsList()) {
      actual.put(r.getString(0), r.getBoolean(1));
    }
    long repeats = expected.values().stream().filter(b -> b).count();
    assertTrue(repeats > 100 && repeats < 2_000, repeats + " repeats");
    assertEquals(expected, actual);
  }

  private static int order(Contact a, Contact b) {
    return Comparator.comparingLong(Contact::seconds).thenComparing(Contact::id).compare(a, b);
  }
}
