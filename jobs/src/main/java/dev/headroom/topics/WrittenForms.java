package dev.headroom.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.headroom.text.TicketAnalyzer;
import dev.headroom.text.TokenizerSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Label terms as the words people wrote. The topic model counts stems and concepts ({@code arriv},
 * {@code 배송} for "delivery"); a person reads the word most often written for each, found by
 * analyzing a sample of the tickets again and keeping, for every label term, the written forms that
 * produced it ({@code arriv -> arrived}). Korean verbs read as their dictionary forms ({@code 오다}),
 * negation as two words ({@code 안 오다}).
 */
public final class WrittenForms {

  /** Tickets read again to find the written forms: enough to see every label term often. */
  public static final long SAMPLE_TICKETS = 50_000;

  private WrittenForms() {}

  /**
   * The most frequent written form of each of {@code terms} in (a sample of) {@code tickets}, ties
   * to the shorter then alphabetically first; a term not seen keeps itself, readable.
   *
   * @param tickets rows with {@code text} and, when {@code languageColumn} is not empty, a language
   * @param total the number of tickets, known to the caller
   */
  public static Map<String, String> of(
      Dataset<Row> tickets,
      String languageColumn,
      TokenizerSettings settings,
      Set<String> terms,
      long total,
      long seed) {
    Map<String, String> written = new HashMap<>();
    if (terms.isEmpty()) {
      return written;
    }
    Dataset<Row> sample =
        total > SAMPLE_TICKETS
            ? tickets.sample(false, Math.min(1.0, 1.2 * SAMPLE_TICKETS / total), seed)
            : tickets;
    Column language =
        languageColumn.isEmpty() ? lit(null).cast("string") : col(languageColumn).cast("string");
    // Copied into locals so the closure captures the small settings and term set, not this class.
    Set<String> wanted = new HashSet<>(terms);
    TokenizerSettings analysis = settings;
    MapPartitionsFunction<Row, Tuple2<String, String>> surfaces =
        rows -> {
          TicketAnalyzer analyzer = TicketAnalyzer.forSettings(analysis);
          List<Tuple2<String, String>> pairs = new ArrayList<>();
          while (rows.hasNext()) {
            Row r = rows.next();
            for (TicketAnalyzer.Surface s : analyzer.surfaces(r.getString(0), r.getString(1))) {
              if (wanted.contains(s.term())) {
                pairs.add(new Tuple2<>(s.term(), s.written()));
              }
            }
          }
          return pairs.iterator();
        };
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (Row r :
        sample
            .select(col("text"), language)
            .mapPartitions(surfaces, Encoders.tuple(Encoders.STRING(), Encoders.STRING()))
            .toDF("term", "written")
            .groupBy("term", "written")
            .count()
            .collectAsList()) {
      counts
          .computeIfAbsent(r.getString(0), t -> new HashMap<>())
          .put(r.getString(1), r.getLong(2));
    }
    counts.forEach(
        (term, forms) ->
            written.put(
                term,
                forms.entrySet().stream()
                    .max(
                        Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                            .thenComparing(e -> -e.getKey().length())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow()
                    .getKey()));
    return written;
  }

  /** The terms as written, in order, each written form once. */
  public static List<String> apply(List<String> terms, Map<String, String> written) {
    Set<String> words = new LinkedHashSet<>();
    for (String term : terms) {
      words.add(readable(term, written));
    }
    return List.copyOf(words);
  }

  /** One term as written: its most frequent written form, else the term with spaces for _. */
  public static String readable(String term, Map<String, String> written) {
    String form = written.get(term);
    return form != null ? form : term.replace('_', ' ');
  }

  /** Every term of these labels. */
  public static Set<String> termsOf(Map<Integer, List<String>> labels) {
    Set<String> terms = new HashSet<>();
    labels.values().forEach(terms::addAll);
    return terms;
  }
}
