package dev.headroom.common;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The team's own word on its causes, as written in the taxonomy file ({@code topics.taxonomy},
 * {@code conf/taxonomy.txt}), keyed by the stable topic ids every run keeps: a name for a topic,
 * two topics that are one cause, a topic that is not actionable, the team's own tag for it, and
 * causes the team defines by seed terms (seeded topics that discover finds first, and topics split
 * off another by their terms). Rank and report apply names, merges, marks and tags on every run;
 * discover and assign apply seeds and splits; a curation made once holds through the next month's
 * refit (the ids continue). The format and a worked example are in docs/topics.md ("The team's
 * taxonomy").
 *
 * @param file the file's name as the user gave it, for messages
 * @param rules every rule, in file order
 */
public record Taxonomy(String file, List<Rule> rules) implements Serializable {

  /** No curation. */
  public static final Taxonomy NONE = new Taxonomy("", List.of());

  /**
   * One line of the file.
   *
   * @param line its line number (1-based), for messages
   * @param verb one of {@link #VERBS}
   * @param topicId the topic it is about (for a seed or a split, the topic it defines)
   * @param value the name, the topic merged into (as text), the reason, the tag, or the seed terms
   * @param from for a split, the topic split; else null
   */
  public record Rule(int line, String verb, int topicId, String value, Integer from)
      implements Serializable {}

  /**
   * A topic the team defines by seed terms: a ticket with every term of one of its phrases is the
   * topic's.
   *
   * @param line the line number (1-based), for messages
   * @param topicId the topic's id, chosen by the team
   * @param from for a split, the topic whose tickets it takes (a fine topic or a parent); null for
   *     a seeded topic, which takes matching tickets from any topic before clustering
   * @param phrases the seed phrases as written, each one or more words
   */
  public record Seed(int line, int topicId, Integer from, List<String> phrases)
      implements Serializable {

    /** Copies the phrases. */
    public Seed {
      phrases = List.copyOf(phrases);
    }

    /** {@code seed} or {@code split}, as in the file. */
    public String verb() {
      return from == null ? SEED : SPLIT;
    }
  }

  private static final String SEED = "seed";
  private static final String SPLIT = "split";

  /** The verbs a line may start with. */
  public static final List<String> VERBS =
      List.of("name", "merge", "not-actionable", "tag", SEED, SPLIT);

  /** Copies the rules. */
  public Taxonomy {
    rules = List.copyOf(rules);
  }

  /**
   * The rules in a file's lines; blank lines and lines starting with {@code #} are skipped.
   *
   * <pre>
   * name 25: 배송 지연
   * merge 41 into 26
   * not-actionable 44: greetings and thanks, nothing to fix
   * tag 25: 배송 &gt; 지연
   * seed 901: 앱 종료, 앱 꺼짐, app crash
   * split 26 into 902: 환불, refund
   * </pre>
   *
   * @throws InputException naming the file and line of the first line that does not parse, a topic
   *     named (or defined) twice, or merges that go round in a circle
   */
  public static Taxonomy parse(String file, List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      rules.add(parseLine(file + ":" + (i + 1), i + 1, line));
    }
    Taxonomy taxonomy = new Taxonomy(file, rules);
    taxonomy.checkOnePerTopic();
    taxonomy.mergeTargets();
    return taxonomy;
  }

  private static Rule parseLine(String where, int number, String line) {
    int space = line.indexOf(' ');
    String verb = space < 0 ? line : line.substring(0, space);
    if (!VERBS.contains(verb)) {
      throw new InputException(
          where + " starts with '" + verb + "'; expected one of " + String.join(", ", VERBS));
    }
    String rest = line.substring(space + 1).strip();
    if (verb.equals("merge")) {
      String[] parts = rest.split("\\s+into\\s+");
      if (parts.length != 2) {
        throw new InputException(where + " has '" + line + "'; expected 'merge <id> into <id>'");
      }
      int from = id(where, parts[0]);
      int into = id(where, parts[1]);
      if (from == into) {
        throw new InputException(where + " merges topic " + from + " into itself");
      }
      return new Rule(number, verb, from, Integer.toString(into), null);
    }
    if (verb.equals(SEED) || verb.equals(SPLIT)) {
      return seedRule(where, number, verb, line, rest);
    }
    int colon = rest.indexOf(':');
    String value = colon < 0 ? "" : rest.substring(colon + 1).strip();
    if (colon < 0 || (value.isEmpty() && !verb.equals("not-actionable"))) {
      throw new InputException(
          where + " has '" + line + "'; expected '" + verb + " <id>: <" + wordFor(verb) + ">'");
    }
    return new Rule(number, verb, id(where, rest.substring(0, colon)), value, null);
  }

  /** {@code seed <id>: <terms>, ...} or {@code split <id> into <id>: <terms>, ...}. */
  private static Rule seedRule(String where, int number, String verb, String line, String rest) {
    String form =
        verb.equals(SEED)
            ? "seed <id>: <terms>, <terms>"
            : "split <id> into <id>: <terms>, <terms>";
    int colon = rest.indexOf(':');
    String head = colon < 0 ? "" : rest.substring(0, colon);
    String[] ids = head.split("\\s+into\\s+");
    if (colon < 0
        || ids.length != (verb.equals(SEED) ? 1 : 2)
        || phrases(rest.substring(colon + 1)).isEmpty()) {
      throw new InputException(where + " has '" + line + "'; expected '" + form + "'");
    }
    String phrases = String.join(", ", phrases(rest.substring(colon + 1)));
    if (verb.equals(SEED)) {
      return new Rule(number, verb, id(where, ids[0]), phrases, null);
    }
    int from = id(where, ids[0]);
    int into = id(where, ids[1]);
    if (from == into) {
      throw new InputException(where + " splits topic " + from + " into itself");
    }
    return new Rule(number, verb, into, phrases, from);
  }

  /** The comma-separated phrases of a seed line, blanks left out. */
  private static List<String> phrases(String text) {
    List<String> phrases = new ArrayList<>();
    for (String phrase : text.split(",")) {
      if (!phrase.isBlank()) {
        phrases.add(phrase.strip().replaceAll("\\s+", " "));
      }
    }
    return phrases;
  }

  private static String wordFor(String verb) {
    return switch (verb) {
      case "name" -> "name";
      case "tag" -> "level 1 > level 2";
      default -> "reason";
    };
  }

  private static int id(String where, String text) {
    try {
      int id = Integer.parseInt(text.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException(
        where + " has topic '" + text.strip() + "'; expected a topic id (a whole number above 0)");
  }

  private void checkOnePerTopic() {
    Map<String, Rule> seen = new TreeMap<>();
    for (Rule rule : rules) {
      // A topic is defined once, by a seed or by a split.
      boolean defines = rule.verb().equals(SEED) || rule.verb().equals(SPLIT);
      String kind = defines ? "seed or split" : rule.verb();
      Rule earlier = seen.putIfAbsent(kind + " " + rule.topicId(), rule);
      if (earlier != null) {
        throw new InputException(
            file
                + ":"
                + rule.line()
                + " has a second '"
                + kind
                + "' for topic "
                + rule.topicId()
                + " (the first is on line "
                + earlier.line()
                + ")");
      }
    }
  }

  /** Each merged topic to the topic it finally counts under (merges may chain). */
  public Map<Integer, Integer> mergeTargets() {
    Map<Integer, Integer> into = new LinkedHashMap<>();
    Map<Integer, Rule> byTopic = new LinkedHashMap<>();
    for (Rule rule : rules) {
      if (rule.verb().equals("merge")) {
        into.put(rule.topicId(), Integer.parseInt(rule.value()));
        byTopic.put(rule.topicId(), rule);
      }
    }
    Map<Integer, Integer> resolved = new LinkedHashMap<>();
    for (var e : into.entrySet()) {
      int target = e.getValue();
      Set<Integer> path = new HashSet<>(List.of(e.getKey()));
      while (into.containsKey(target)) {
        if (!path.add(target)) {
          throw new InputException(
              file
                  + ":"
                  + byTopic.get(e.getKey()).line()
                  + " merges topic "
                  + e.getKey()
                  + " in a circle back to itself");
        }
        target = into.get(target);
      }
      resolved.put(e.getKey(), target);
    }
    return resolved;
  }

  /** The team's name for each named topic. */
  public Map<Integer, String> names() {
    return values("name");
  }

  /** Each topic the team marked not actionable, with its reason (may be empty). */
  public Map<Integer, String> notActionable() {
    return values("not-actionable");
  }

  /** The team's tag for each tagged topic, written {@code level 1 > level 2}. */
  public Map<Integer, String> tags() {
    Map<Integer, String> tags = new LinkedHashMap<>();
    values("tag").forEach((id, tag) -> tags.put(id, normalTag(tag)));
    return tags;
  }

  /** The topics defined by seed terms (seeds and splits), in file order. */
  public List<Seed> seeds() {
    List<Seed> seeds = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.verb().equals(SEED) || rule.verb().equals(SPLIT)) {
        seeds.add(new Seed(rule.line(), rule.topicId(), rule.from(), phrases(rule.value())));
      }
    }
    return seeds;
  }

  /** A tag with its levels joined by {@code >} without spaces, as agent tags are written. */
  static String normalTag(String tag) {
    return String.join(">", tag.strip().split("\\s*>\\s*"));
  }

  private Map<Integer, String> values(String verb) {
    Map<Integer, String> values = new LinkedHashMap<>();
    for (Rule rule : rules) {
      if (rule.verb().equals(verb)) {
        values.put(rule.topicId(), rule.value());
      }
    }
    return values;
  }

  /**
   * Checks that every topic the rules name is one some discover run gave out.
   *
   * @param known every topic id in the {@code topics} table
   * @throws InputException naming the file and line of the first rule about an unknown topic
   */
  public void checkKnown(Set<Integer> known) {
    for (Rule rule : rules) {
      List<Integer> ids = new ArrayList<>(List.of(rule.topicId()));
      if (rule.verb().equals("merge")) {
        ids.add(Integer.parseInt(rule.value()));
      }
      if (rule.from() != null) {
        ids.add(0, rule.from());
      }
      for (int id : ids) {
        if (!known.contains(id)) {
          boolean defined =
              id == rule.topicId() && (rule.verb().equals(SEED) || rule.from() != null);
          throw new InputException(
              file
                  + ":"
                  + rule.line()
                  + " names topic "
                  + id
                  + ", which no discover run has given out"
                  + (defined
                      ? " (a " + rule.verb() + " takes effect when discover runs with it)"
                      : " (see the topic_id column of the topics table or the backlog)"));
        }
      }
    }
  }

  /** Whether there is nothing to apply. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }
}
