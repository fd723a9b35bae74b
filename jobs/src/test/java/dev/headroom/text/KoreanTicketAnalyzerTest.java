package dev.headroom.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Golden tokens of the Korean chain, filter by filter, on sentences as customers write them. */
class KoreanTicketAnalyzerTest {

  private static List<String> terms(TokenizerSettings settings, String text) {
    EnglishTicketAnalyzer english = new EnglishTicketAnalyzer(settings.stopwords());
    try (KoreanTicketAnalyzer korean = new KoreanTicketAnalyzer(settings, english)) {
      return TicketAnalyzer.tokens(korean, text);
    } finally {
      english.close();
    }
  }

  private static TokenizerSettings settings(List<String> tags, boolean negation) {
    return new TokenizerSettings("mixed", tags, List.of(), Set.of(), negation);
  }

  @Test
  void morphemesNotInflectedWordsAndVerbsAsDictionaryForms() {
    assertEquals(
        List.of("택배", "오다"), terms(TokenizerSettings.defaults(), "택배가 와요"), "와요 -> 오 + 아요");
  }

  @Test
  void negationBeforeAndAfterTheVerb() {
    TokenizerSettings on = TokenizerSettings.defaults();
    assertEquals(List.of("택배", "안_오다"), terms(on, "택배가 안 와요"));
    assertEquals(List.of("택배", "안_오다"), terms(on, "택배가 오지 않아요"));
    assertEquals(List.of("환불", "못_받다"), terms(on, "환불을 못 받았어요"));
    assertEquals(List.of("환불", "안_못_받다"), terms(on, "환불을 못 받지 않았어요"), "both cues");
    // Off: 안 is an adverb like any other (dropped: MAG is not kept), 않 an auxiliary.
    assertEquals(
        List.of("택배", "오다"),
        terms(settings(TokenizerSettings.KEEP_TAGS_DEFAULT, false), "택배가 안 와요"));
  }

  @Test
  void aNegatorReachesOnlyPastEndingsAndParticles() {
    // 안 then a noun: the noun ends its reach, so the later verb stays plain.
    assertEquals(List.of("배송", "오다"), terms(TokenizerSettings.defaults(), "안 배송 와요"));
  }

  @Test
  void foreignWordsGoThroughTheEnglishChain() {
    assertEquals(
        List.of("refund", "요청"),
        terms(TokenizerSettings.defaults(), "refunds 요청"),
        "stemmed as in English text");
    assertEquals(List.of("요청"), terms(TokenizerSettings.defaults(), "the 요청"), "English stopword");
  }

  @Test
  void masksAndNumbersAreNotRead() {
    assertEquals(
        List.of("주문", "취소"), terms(TokenizerSettings.defaults(), "<ORDER> 주문 3건 취소 <PHONE> 2026"));
  }

  @Test
  void stopwordsGoLastSoNegationStillCounts() {
    TokenizerSettings stops =
        new TokenizerSettings(
            "mixed", TokenizerSettings.KEEP_TAGS_DEFAULT, List.of(), Set.of("오다", "택배"), true);
    assertEquals(List.of("안_오다"), terms(stops, "택배가 오지 않아요"));
  }

  @Test
  void aStoppedCompoundTakesItsPartsWithIt() {
    TokenizerSettings none = TokenizerSettings.defaults();
    assertEquals(List.of("연락처", "연락", "처", "남기다"), terms(none, "연락처 남겨주세요"));
    TokenizerSettings stopped = none.plusStopwords("연락처");
    assertEquals(List.of("남기다"), terms(stopped, "연락처 남겨주세요"), "처 is not left behind");
    assertEquals(List.of("남기다", "연락"), terms(stopped, "연락처 남겨주세요 연락"), "연락 alone stays");
    // A stopped part leaves the compound and the other part alone.
    assertEquals(List.of("연락처", "처", "남기다"), terms(none.plusStopwords("연락"), "연락처 남겨주세요"));
  }
}
