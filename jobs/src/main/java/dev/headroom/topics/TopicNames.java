package dev.headroom.topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A topic's short name, what a person reads first: the agent tag most of its tickets carry when it
 * holds a clear majority ({@code 배송>지연}), else its three most distinctive terms as written ({@code
 * order · arrived · 배송}). When several topics of a level would take one tag, the largest takes the
 * tag alone and the others add their first term that the tag does not already say.
 */
public final class TopicNames {

  /** The share of a topic's tickets its dominant tag needs to name it. */
  public static final double TAG_MAJORITY = 0.6;

  /** Label terms in a name made of terms. */
  public static final int NAME_TERMS = 3;

  private TopicNames() {}

  /**
   * Each topic's name.
   *
   * @param labels topic to its label terms as written, best first
   * @param sizes topic to its number of tickets
   * @param tags topic to its dominant agent tag (absent when tickets carry none)
   */
  public static Map<Integer, String> of(
      Map<Integer, List<String>> labels,
      Map<Integer, Long> sizes,
      Map<Integer, TagAgreement.DominantTag> tags) {
    List<Integer> largestFirst = new ArrayList<>(labels.keySet());
    largestFirst.sort(
        Comparator.comparingLong((Integer t) -> -sizes.getOrDefault(t, 0L))
            .thenComparingInt(t -> t));
    Map<Integer, String> names = new TreeMap<>();
    Set<String> taken = new HashSet<>();
    for (int topic : largestFirst) {
      List<String> terms = labels.getOrDefault(topic, List.of());
      TagAgreement.DominantTag tag = tags.get(topic);
      String name;
      if (tag != null && tag.tag() != null && tag.share() >= TAG_MAJORITY) {
        name = tag.tag();
        if (!taken.add(name)) {
          String extra =
              terms.stream().filter(t -> !tag.tag().contains(t)).findFirst().orElse(null);
          name = extra == null ? name + " (" + topic + ")" : name + " · " + extra;
        }
      } else {
        name =
            terms.isEmpty()
                ? ""
                : String.join(" · ", terms.subList(0, Math.min(NAME_TERMS, terms.size())));
      }
      names.put(topic, name);
    }
    return names;
  }
}
