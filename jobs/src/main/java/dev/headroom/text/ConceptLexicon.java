package dev.headroom.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Terms that mean one thing, whatever the language or the word a customer chose: each line of the
 * lexicon ({@code topics.concepts}, e.g. {@code 파손: damaged, broken, 깨지다, 부서지다}) names a concept by
 * its first word and lists the words that mean it. Every word is analyzed like ticket text, so a
 * line is written in words and matches their stems and lemmas ({@code arrived -> arriv}, {@code 깨져서
 * -> 깨지다}); after analysis each listed term is replaced by the concept's term.
 *
 * <p>That is how a late delivery written in English ({@code delivery, late, arrive}) and one
 * written in Korean ({@code 배송, 늦다, 도착}) share terms and land in one topic, and how 깨지다 and 부서지다
 * stop splitting damaged items in two. The method is in docs/topics.md ("Concepts").
 */
public final class ConceptLexicon {

  /** A lexicon that maps nothing. */
  public static final ConceptLexicon NONE = new ConceptLexicon(Map.of());

  /** The concept of the words of a concept the stopwords drop: they are dropped too. */
  private static final String STOPPED = "";

  private final Map<String, String> conceptOf;

  private ConceptLexicon(Map<String, String> conceptOf) {
    this.conceptOf = Map.copyOf(conceptOf);
  }

  /**
   * One concept line: its head word and the words that mean it.
   *
   * @param line the line number in the lexicon file (1-based), for errors
   * @param head the concept's name, the first word of the line
   * @param words the words that mean it (the head not repeated)
   */
  public record Entry(int line, String head, List<String> words) {}

  /**
   * The lines of a lexicon file as entries; blank lines and {@code #} comments skipped.
   *
   * @throws IllegalArgumentException naming the line when one is not {@code head: word, word}
   */
  public static List<Entry> parse(List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String head = colon < 0 ? "" : line.substring(0, colon).strip();
      List<String> words = new ArrayList<>();
      if (colon >= 0) {
        for (String word : line.substring(colon + 1).split(",")) {
          if (!word.isBlank()) {
            words.add(word.strip());
          }
        }
      }
      if (head.isEmpty() || words.isEmpty()) {
        throw new IllegalArgumentException(
            "line "
                + (i + 1)
                + ": expected 'concept: word, word, ...' (a concept and the words that mean"
                + " it), got '"
                + line
                + "'");
      }
      entries.add(new Entry(i + 1, head, List.copyOf(words)));
    }
    return entries;
  }

  /**
   * The lexicon of these lines, each word turned into its term by {@code analyze} (the ticket
   * analyzer without this lexicon).
   *
   * <p>A word these settings' stopwords drop gives no term and is passed over: no ticket can carry
   * it, so there is nothing to map (an analyst's notebook may stop a word the shipped lexicon
   * lists). A concept whose own word is dropped is dropped with all its words, so the stopword
   * holds for every way of writing it.
   *
   * @throws IllegalArgumentException naming the line and word when a word gives several terms, or
   *     when one term is listed under two concepts
   */
  public static ConceptLexicon of(List<String> lines, Function<String, List<String>> analyze) {
    Map<String, String> conceptOf = new HashMap<>();
    Map<String, Integer> listedOn = new HashMap<>();
    for (Entry entry : parse(lines)) {
      String headTerm = term(entry, entry.head(), analyze);
      String concept = headTerm != null ? headTerm : STOPPED;
      for (String word : entry.words()) {
        for (String term : termsOf(entry, word, analyze)) {
          Integer earlier = listedOn.putIfAbsent(term, entry.line());
          if (earlier != null && !conceptOf.getOrDefault(term, concept).equals(concept)) {
            throw new IllegalArgumentException(
                "line "
                    + entry.line()
                    + ": '"
                    + word
                    + "' (term "
                    + term
                    + ") is already a word of the concept on line "
                    + earlier
                    + "; a term means one concept");
          }
          if (!term.equals(concept)) {
            conceptOf.put(term, concept);
          }
        }
      }
    }
    return new ConceptLexicon(conceptOf);
  }

  /**
   * The terms a listed word stands for: the one term it gives, and a Korean dictionary form as
   * written too. Nori reads a bare dictionary form differently from the inflected forms in text
   * (깨지다 alone gives 깨어지다, 깨져서 gives 깨지다), and the analyzer writes verbs in text as dictionary
   * forms, so the form as listed is the one tickets produce.
   */
  private static java.util.Set<String> termsOf(
      Entry entry, String word, Function<String, List<String>> analyze) {
    java.util.Set<String> terms = new java.util.LinkedHashSet<>();
    String term = term(entry, word, analyze);
    if (term != null) {
      terms.add(term);
    }
    if (word.endsWith("다") && TicketAnalyzer.KOREAN.equals(TicketAnalyzer.detectLanguage(word))) {
      terms.add(word);
    }
    return terms;
  }

  /**
   * The one term a word gives, null when it gives none (a stopword), or an error naming the line; a
   * compound gives itself.
   */
  private static String term(Entry entry, String word, Function<String, List<String>> analyze) {
    List<String> terms = analyze.apply(word);
    String written = word.toLowerCase(Locale.ROOT);
    if (terms.size() > 1 && terms.contains(written)) {
      // Nori's mixed mode gives a compound and its parts; the compound is the word.
      return written;
    }
    if (terms.isEmpty()) {
      return null;
    }
    if (terms.size() != 1) {
      throw new IllegalArgumentException(
          "line "
              + entry.line()
              + ": '"
              + word
              + "' gives several terms "
              + terms
              + "; list single words (add a compound to the user dictionary first)");
    }
    return terms.get(0);
  }

  /** The concept a term stands for, or the term itself; empty when its concept is stopped. */
  public String concept(String term) {
    return conceptOf.getOrDefault(term, term);
  }

  /**
   * The terms with each listed term replaced by its concept, a stopped concept's words left out.
   */
  public List<String> apply(List<String> terms) {
    if (conceptOf.isEmpty()) {
      return terms;
    }
    List<String> mapped = new ArrayList<>(terms.size());
    for (String term : terms) {
      String concept = concept(term);
      if (!concept.isEmpty()) {
        mapped.add(concept);
      }
    }
    return mapped;
  }

  /** Listed term to its concept. */
  public Map<String, String> mappings() {
    return Collections.unmodifiableMap(conceptOf);
  }
}
