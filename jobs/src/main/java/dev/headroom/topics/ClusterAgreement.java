package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Agreement between two labelings of the same items (discovered topics and existing tags, or
 * planted causes): normalized mutual information and the adjusted Rand index, computed from their
 * contingency table (small: topics x tags), so the driver never sees per-ticket rows.
 */
public final class ClusterAgreement {

  private ClusterAgreement() {}

  /**
   * The contingency table of placed tickets' topics ({@link TopicModeler#TOPIC} 0 or above) and
   * their {@code agent_tag} (tickets without a tag left out): topic number to tag to count.
   */
  public static Map<String, Map<String, Long>> topicTagCounts(Dataset<Row> assigned) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (Row r :
        assigned
            .filter(col("agent_tag").isNotNull().and(col(TopicModeler.TOPIC).geq(0)))
            .groupBy(TopicModeler.TOPIC, "agent_tag")
            .count()
            .collectAsList()) {
      counts
          .computeIfAbsent(Integer.toString(r.getInt(0)), t -> new TreeMap<>())
          .put(r.getString(1), r.getLong(2));
    }
    return counts;
  }

  /**
   * NMI with arithmetic-mean normalization (scikit-learn's default): {@code I(A;B) / ((H(A) + H(B))
   * / 2)}; 1 when both labelings are the same partition, 0 when independent.
   *
   * @param counts for each pair (label a, label b), how many items have both
   */
  public static double nmi(Map<String, Map<String, Long>> counts) {
    Map<String, Long> rows = new HashMap<>();
    Map<String, Long> cols = new HashMap<>();
    long n = marginals(counts, rows, cols);
    if (n == 0) {
      return 0.0;
    }
    double mutual = 0;
    for (var row : counts.entrySet()) {
      for (var cell : row.getValue().entrySet()) {
        long nij = cell.getValue();
        if (nij > 0) {
          mutual +=
              (double) nij
                  / n
                  * Math.log(
                      (double) nij
                          * n
                          / ((double) rows.get(row.getKey()) * cols.get(cell.getKey())));
        }
      }
    }
    double h = (entropy(rows, n) + entropy(cols, n)) / 2;
    return h <= 0 ? 1.0 : Math.max(0, mutual / h);
  }

  /** Adjusted Rand index: 1 for identical partitions, about 0 for random ones. */
  public static double ari(Map<String, Map<String, Long>> counts) {
    Map<String, Long> rows = new HashMap<>();
    Map<String, Long> cols = new HashMap<>();
    long n = marginals(counts, rows, cols);
    if (n < 2) {
      return 0.0;
    }
    double sumCells = 0;
    for (var row : counts.values()) {
      for (long nij : row.values()) {
        sumCells += pairs(nij);
      }
    }
    double sumRows = rows.values().stream().mapToDouble(ClusterAgreement::pairs).sum();
    double sumCols = cols.values().stream().mapToDouble(ClusterAgreement::pairs).sum();
    double expected = sumRows * sumCols / pairs(n);
    double max = (sumRows + sumCols) / 2;
    return max == expected ? 1.0 : (sumCells - expected) / (max - expected);
  }

  private static long marginals(
      Map<String, Map<String, Long>> counts, Map<String, Long> rows, Map<String, Long> cols) {
    long n = 0;
    for (var row : counts.entrySet()) {
      for (var cell : row.getValue().entrySet()) {
        rows.merge(row.getKey(), cell.getValue(), Long::sum);
        cols.merge(cell.getKey(), cell.getValue(), Long::sum);
        n += cell.getValue();
      }
    }
    return n;
  }

  private static double entropy(Map<String, Long> marginal, long n) {
    double h = 0;
    for (long c : marginal.values()) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * Math.log(p);
      }
    }
    return h;
  }

  private static double pairs(long x) {
    return x * (x - 1) / 2.0;
  }
}
