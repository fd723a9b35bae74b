package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The team's taxonomy file: every verb read, and a bad line named by file and line. */
class TaxonomyTest {

  @Test
  void readsNamesMergesMarksAndTags() {
    Taxonomy t =
        Taxonomy.parse(
            "conf/taxonomy.txt",
            List.of(
                "\uFEFF# the team's word",
                "",
                "name 25: 배송 지연",
                "merge 41 into 26",
                "merge 47 into 41",
                "not-actionable 44: greetings",
                "not-actionable 45:",
                "tag 25: 배송 >  지연",
                "seed 901: 앱 종료,  앱   꺼짐 , , app crash",
                "split 26 into 902: 주문 취소, cancel order"));
    assertEquals(Map.of(25, "배송 지연"), t.names());
    // Merges chain: 47 counts under 41, which counts under 26.
    assertEquals(Map.of(41, 26, 47, 26), t.mergeTargets());
    assertEquals(Map.of(44, "greetings", 45, ""), t.notActionable());
    assertEquals(Map.of(25, "배송>지연"), t.tags());
    assertEquals(
        List.of(
            new Taxonomy.Seed(9, 901, null, List.of("앱 종료", "앱 꺼짐", "app crash")),
            new Taxonomy.Seed(10, 902, 26, List.of("주문 취소", "cancel order"))),
        t.seeds());
    t.checkKnown(Set.of(25, 26, 41, 44, 45, 47, 901, 902));
    // A seed's topic exists once discover has run with it; until then rank says so.
    InputException notYet =
        assertThrows(InputException.class, () -> t.checkKnown(Set.of(25, 26, 41, 44, 45, 47)));
    assertEquals(
        "conf/taxonomy.txt:9 names topic 901, which no discover run has given out (a seed takes"
            + " effect when discover runs with it)",
        notYet.getMessage());
  }

  @Test
  void aBadLineIsNamedByFileAndLine() {
    assertEquals(
        "conf/taxonomy.txt:2 starts with 'rename'; expected one of name, merge, not-actionable, tag,"
            + " seed, split",
        error("# c", "rename 25: x"));
    assertTrue(error("name x: y").startsWith("conf/taxonomy.txt:1 has topic 'x'"));
    assertTrue(error("name 25 배송").contains(":1 has 'name 25 배송'; expected 'name <id>: <name>'"));
    assertTrue(error("merge 25 26").contains("expected 'merge <id> into <id>'"));
    assertTrue(error("merge 25 into 25").contains("into itself"));
    assertEquals(
        "conf/taxonomy.txt:2 has a second 'name' for topic 25 (the first is on line 1)",
        error("name 25: a", "name 25: b"));
    assertTrue(error("merge 1 into 2", "merge 2 into 1").contains("in a circle"));
    assertTrue(error("seed 901 앱 종료").contains("expected 'seed <id>: <terms>, <terms>'"));
    assertTrue(error("seed 901: , ").contains("expected 'seed <id>: <terms>, <terms>'"));
    assertTrue(error("split 26: 취소").contains("expected 'split <id> into <id>: <terms>, <terms>'"));
    assertTrue(error("split 26 into 26: 취소").contains("splits topic 26 into itself"));
    assertEquals(
        "conf/taxonomy.txt:2 has a second 'seed or split' for topic 901 (the first is on line 1)",
        error("seed 901: 앱", "split 26 into 901: 취소"));
    Taxonomy t = Taxonomy.parse("conf/taxonomy.txt", List.of("name 25: a", "merge 3 into 99"));
    InputException unknown = assertThrows(InputException.class, () -> t.checkKnown(Set.of(3, 25)));
    assertTrue(
        unknown.getMessage().startsWith("conf/taxonomy.txt:2 names topic 99"),
        unknown.getMessage());
  }

  private static String error(String... lines) {
    return assertThrows(
            InputException.class, () -> Taxonomy.parse("conf/taxonomy.txt", List.of(lines)))
        .getMessage();
  }
}
