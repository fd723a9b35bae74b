package dev.headroom.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The vocabulary and the number of tickets each of its terms is in, from one pass over the tickets'
 * terms. Spark's {@code CountVectorizer} and {@code IDF} would find the same terms and the same
 * weights in a pass each, the second turning every ticket into a vector only to count its terms (at
 * 1M tickets about 5 s of discover; BENCHMARKS.md, issue 20, "the vocabulary and IDF in one pass").
 *
 * <p>The terms are chosen as {@code CountVectorizer} chooses them: of the terms in as many tickets
 * as asked, the most written first (every time a ticket writes a term counts), as many as the
 * vocabulary holds. Terms written equally often are in the order of their text, so the vocabulary
 * is the same however the tickets are partitioned.
 */
final class TermCounts {

  /** Most written first; equally written terms in the order of their text. */
  private static final class MostWritten
      implements Comparator<Tuple2<String, long[]>>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Tuple2<String, long[]> a, Tuple2<String, long[]> b) {
      int byCount = Long.compare(b._2()[0], a._2()[0]);
      return byCount != 0 ? byCount : a._1().compareTo(b._1());
    }
  }

  private final String[] vocabulary;
  private final long[] ticketsWith;

  private TermCounts(String[] vocabulary, long[] ticketsWith) {
    this.vocabulary = vocabulary;
    this.ticketsWith = ticketsWith;
  }

  /**
   * Counts the terms of {@code tickets}' {@link TopicModeler#TERMS} and keeps the vocabulary.
   *
   * @param tickets rows with {@link TopicModeler#TERMS}
   * @param minTickets the fewest tickets a kept term is in
   * @param maxTickets the most tickets a kept term is in
   * @param size the most terms kept
   */
  static TermCounts of(Dataset<Row> tickets, double minTickets, double maxTickets, int size) {
    List<Tuple2<String, long[]>> kept =
        tickets
            .select(TopicModeler.TERMS)
            .javaRDD()
            .flatMapToPair(TermCounts::perTicket)
            .reduceByKey(
                (a, b) -> {
                  a[0] += b[0];
                  a[1] += b[1];
                  return a;
                })
            .filter(term -> term._2()[1] >= minTickets && term._2()[1] <= maxTickets)
            .takeOrdered(size, new MostWritten());
    String[] vocabulary = new String[kept.size()];
    long[] ticketsWith = new long[kept.size()];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = kept.get(i)._1();
      ticketsWith[i] = kept.get(i)._2()[1];
    }
    return new TermCounts(vocabulary, ticketsWith);
  }

  /** Each term of one ticket: how often it writes the term, and 1 for the ticket. */
  private static Iterator<Tuple2<String, long[]>> perTicket(Row ticket) {
    List<String> terms = ticket.getList(0);
    Map<String, long[]> counts = new HashMap<>();
    for (String term : terms) {
      counts.computeIfAbsent(term, t -> new long[] {0, 1})[0]++;
    }
    List<Tuple2<String, long[]>> out = new ArrayList<>(counts.size());
    counts.forEach((term, count) -> out.add(new Tuple2<>(term, count)));
    return out.iterator();
  }

  /** The kept terms, most written first. */
  String[] vocabulary() {
    return vocabulary.clone();
  }

  /**
   * The counting stage of the kept terms, as {@code CountVectorizer} would have fitted it.
   *
   * @param presence 1 for a term a ticket has, else its count
   */
  CountVectorizerModel counts(String outputCol, boolean presence) {
    return new CountVectorizerModel(Identifiable.randomUID("cntVecModel"), vocabulary.clone())
        .setInputCol(TopicModeler.TERMS)
        .setOutputCol(outputCol)
        .setBinary(presence);
  }

  /**
   * The IDF stage {@code IDF} would fit on the kept terms' vectors of {@code tickets} tickets:
   * {@code ln((tickets + 1) / (ticketsWith + 1))} for each term.
   */
  IDFModel idf(String inputCol, String outputCol, long tickets) {
    double[] weights = new double[vocabulary.length];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.log((tickets + 1.0) / (ticketsWith[i] + 1.0));
    }
    var counted =
        new org.apache.spark.mllib.feature.IDFModel(
            Vectors.dense(weights), ticketsWith.clone(), tickets);
    return new IDFModel(Identifiable.randomUID("idf"), counted)
        .setInputCol(inputCol)
        .setOutputCol(outputCol);
  }
}
