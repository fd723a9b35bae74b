package dev.headroom.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The concept lexicon: words of two languages and synonyms become one term; bad lines say where.
 */
class ConceptLexiconTest {

  private static final TokenizerSettings SETTINGS =
      TokenizerSettings.defaults()
          .plusStopwords("my", "the", "is")
          .plusConcepts(
              "# delivery",
              "배송: delivery, shipping, package",
              "도착: arrive",
              "파손: broken, damaged, 깨지다, 부서지다");

  @Test
  void englishAndKoreanTicketsOfOneCauseShareTheirTerms() {
    TicketAnalyzer analyzer = TicketAnalyzer.forSettings(SETTINGS);
    List<String> english = analyzer.terms("My package has not arrived", "en");
    List<String> korean = analyzer.terms("배송이 아직 도착 안 했어요", "ko");
    assertTrue(english.containsAll(List.of("배송", "도착")), "English terms " + english);
    assertTrue(korean.containsAll(List.of("배송", "도착")), "Korean terms " + korean);
  }

  @Test
  void synonymsInOneLanguageBecomeOneTerm() {
    TicketAnalyzer analyzer = TicketAnalyzer.forSettings(SETTINGS);
    assertTrue(analyzer.terms("유리가 깨져서 왔어요", null).contains("파손"));
    assertTrue(analyzer.terms("포장 뜯어보니 책이 부서져 있네요", null).contains("파손"));
    assertTrue(analyzer.terms("The lamp arrived broken", null).contains("파손"));
    // Without the lexicon the same words stay apart.
    TicketAnalyzer plain = TicketAnalyzer.forSettings(SETTINGS.withoutConcepts());
    assertTrue(!plain.terms("유리가 깨져서 왔어요", null).contains("파손"));
  }

  @Test
  void surfacesGiveTheWordAsWritten() {
    TicketAnalyzer analyzer = TicketAnalyzer.forSettings(SETTINGS);
    List<TicketAnalyzer.Surface> surfaces =
        analyzer.surfaces("My package arrived late, the days go by", "en");
    assertTrue(
        surfaces.contains(new TicketAnalyzer.Surface("배송", "package")), "surfaces " + surfaces);
    assertTrue(surfaces.contains(new TicketAnalyzer.Surface("도착", "arrived")));
    assertTrue(surfaces.contains(new TicketAnalyzer.Surface("dai", "days")), "stem to word");
    List<TicketAnalyzer.Surface> korean = analyzer.surfaces("택배가 안 와요", "ko");
    assertTrue(korean.contains(new TicketAnalyzer.Surface("안_오다", "안 오다")), "negation " + korean);
  }

  @Test
  void aBadLineIsNamedByNumber() {
    IllegalArgumentException syntax =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConceptLexicon.parse(List.of("# comment", "", "배송 delivery")));
    assertTrue(syntax.getMessage().startsWith("line 3:"), syntax.getMessage());
    // A word the settings' stopwords drop is passed over, not an error: an analyst's notebook
    // may stop a word the shipped lexicon lists. A stopped concept takes its words with it (the
    // stopword holds however it is written); a stopped word leaves its concept's other words.
    TicketAnalyzer stopped =
        TicketAnalyzer.forSettings(
            TokenizerSettings.defaults()
                .plusStopwords("the", "배송")
                .plusConcepts("배송: delivery, shipping", "도착: the, arrival"));
    assertEquals(List.of(), stopped.terms("delivery shipping", null));
    assertEquals(List.of("도착"), stopped.terms("the arrival", null));
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TicketAnalyzer.forSettings(
                    TokenizerSettings.defaults().plusConcepts("배송: parcel", "택배: parcels")));
    assertTrue(twice.getMessage().contains("concept on line 1"), twice.getMessage());
  }

  @Test
  void theLexiconIsAParamOfTheTokenizerStage() {
    NoriTokenizer stage = new NoriTokenizer().setSettings(SETTINGS);
    assertEquals(SETTINGS.concepts(), stage.settings().concepts());
    assertEquals(Set.copyOf(SETTINGS.stopwords()), stage.settings().stopwords());
  }
}
