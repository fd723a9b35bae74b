package dev.headroom.text;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.ShippedConfig;
import dev.headroom.TestSpark;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Golden tests: the terms of real-looking tickets, with the project's dictionary and stopwords. */
class TicketAnalyzerTest {

  private static TicketAnalyzer analyzer;
  private static TicketAnalyzer bare;

  @BeforeAll
  static void analyzers() {
    // The analysis chain itself; the shipped concept lexicon on top is checked at the end.
    analyzer =
        TicketAnalyzer.forSettings(ShippedConfig.load().topics().tokenizer().withoutConcepts());
    bare = TicketAnalyzer.forSettings(TokenizerSettings.defaults());
  }

  private static List<String> terms(String text) {
    return analyzer.terms(text, null);
  }

  @Test
  void negationStaysWithTheVerb() {
    assertEquals(List.of("주문", "지나다", "배송", "안_오다"), terms("주문한 지 5일이 지났는데 아직도 배송이 안 와요"));
    assertEquals(List.of("택배", "못_받다"), terms("택배를 못 받았어요"));
    assertEquals(List.of("환불", "안_되다"), terms("환불이 되지 않았어요"));
    assertEquals(List.of("쿠폰", "적용", "안_되다"), terms("쿠폰 적용이 안 돼요"));
  }

  @Test
  void productNamesStayWhole() {
    assertEquals(List.of("에어", "팟", "도착"), bare.terms("에어팟 도착", null), "Nori alone cuts 에어팟");
    assertEquals(
        List.of("에어팟", "도착", "배송조회", "배송", "조회", "배송", "준비"),
        terms("에어팟 언제 도착하나요? 배송조회 하면 계속 배송준비중이에요"));
    assertEquals(List.of("무선청소기", "무선", "청소기", "에어프라이어"), terms("무선청소기 에어프라이어"));
  }

  /**
   * Nori's mixed mode makes one-syllable terms of compounds' parts (자 of 판매자, 사 of 택배사); a label
   * shows the compound people wrote for them, and a syllable written alone as itself.
   */
  @Test
  void aCompoundsSyllableReadsAsTheCompoundPeopleWrote() {
    assertEquals(List.of("판매자", "판매", "판매자", "발송", "안 하다"), written("판매자가 발송을 안 한 것 같아요"));
    assertEquals(List.of("택배", "택배사", "묻다"), written("택배사에 물어보니"));
    assertEquals(List.of("선크림", "선크림", "크림", "배송"), written("선크림 배송"));
    assertEquals(List.of("돈", "안 들어오다"), written("돈이 안 들어왔어요"));
    assertEquals(List.of("책", "파손"), written("책 파손"));
    // Written without spaces, the Hangul before a piece is a phrase, not a compound: it stays.
    assertEquals(List.of("배송", "늦다", "택배", "사", "묻다"), written("배송이너무늦어서택배사에물어보니"));
  }

  private static List<String> written(String text) {
    return analyzer.surfaces(text, null).stream().map(TicketAnalyzer.Surface::written).toList();
  }

  @Test
  void digitsGluedToWordsKeepTheWord() {
    assertEquals(List.of("사이즈", "주문", "작다"), terms("44사이즈 주문했는데 너무 작아요"));
    assertEquals(List.of("mm", "교환"), terms("270mm로 교환"));
  }

  @Test
  void genericSupportWordsAreStopwords() {
    assertEquals(List.of(), terms("안녕하세요 문의드립니다 감사합니다 고객님"));
    assertEquals(List.of("결제", "카드", "승인", "실패", "뜨다"), terms("결제하려는데 카드 승인 실패라고 떠요 확인 부탁드립니다"));
  }

  @Test
  void masksLaughterAndNumbersAreNotTerms() {
    List<String> terms = terms("ㅋㅋ 어이가 없네요 ㅠㅠ <PHONE> 입니다 010");
    assertFalse(terms.contains("phone") || terms.contains("PHONE"), terms.toString());
    assertEquals(List.of("없다"), terms);
  }

  @Test
  void englishIsStemmedAndMixedTextWorks() {
    assertEquals(
        List.of("order", "still", "hasn't", "arriv", "dai"),
        terms("My order still hasn't arrived after 5 days, please help"));
    assertEquals(List.of("deliveri", "늦다", "refund"), terms("delivery가 너무 늦어요 refund 언제"));
    assertEquals(TicketAnalyzer.ENGLISH, TicketAnalyzer.detectLanguage("Where is my package?"));
    assertEquals(TicketAnalyzer.KOREAN, TicketAnalyzer.detectLanguage("tracking이 안 돼요"));
  }

  /**
   * The column that names a ticket's language (for its own emerging threshold) names the analyzer
   * the ticket's terms came from: a given language starting with en is English, any other Korean,
   * and without one the script decides.
   */
  @Test
  void theLanguageColumnNamesTheAnalyzerTheTermsCameFrom() {
    SparkSession spark = TestSpark.session();
    List<Row> rows =
        List.of(
            RowFactory.create("Where is my package?", null, TicketAnalyzer.ENGLISH),
            RowFactory.create("delivery가 너무 늦어요", null, TicketAnalyzer.KOREAN),
            RowFactory.create("delivery가 너무 늦어요", "EN-us", TicketAnalyzer.ENGLISH),
            RowFactory.create("My order has not arrived", "ko", TicketAnalyzer.KOREAN),
            RowFactory.create("My order has not arrived", "  ", TicketAnalyzer.ENGLISH),
            RowFactory.create("주문한 상품이 안 와요", "", TicketAnalyzer.KOREAN));
    StructType schema =
        new StructType()
            .add("text", DataTypes.StringType)
            .add("language", DataTypes.StringType)
            .add("expected", DataTypes.StringType);
    List<Row> chosen =
        spark
            .createDataFrame(rows, schema)
            .select(
                col("text"),
                col("language"),
                col("expected"),
                TicketAnalyzer.analysisLanguage(col("text"), col("language")))
            .collectAsList();
    for (Row r : chosen) {
      String text = r.getString(0);
      assertEquals(r.getString(2), r.getString(3), text + " given " + r.getString(1));
      assertEquals(
          analyzer.terms(text, r.getString(1)), analyzer.terms(text, r.getString(3)), text);
    }
    // The two analyzers read mixed text differently, so a wrong choice above would show.
    String mixed = "delivery가 너무 늦어요";
    assertNotEquals(
        analyzer.terms(mixed, TicketAnalyzer.KOREAN),
        analyzer.terms(mixed, TicketAnalyzer.ENGLISH));
  }

  @Test
  void theShippedConceptsGiveEnglishTheKoreanTerms() {
    TicketAnalyzer shipped = TicketAnalyzer.forSettings(ShippedConfig.load().topics().tokenizer());
    assertEquals(
        List.of("주문", "still", "hasn't", "도착", "dai"),
        shipped.terms("My order still hasn't arrived after 5 days, please help", null));
    assertEquals(List.of("배송", "늦다", "환불"), shipped.terms("delivery가 너무 늦어요 refund 언제", null));
  }

  @Test
  void theLanguageColumnOverridesDetection() {
    assertTrue(analyzer.terms("refunds", "en").contains("refund"));
  }

  /**
   * Readings that put a wrong word in the sample's labels: 배송지연 (delivery delay) cut as 배송지
   * (address) and 연, 나요 (an error "occurs") read as 날다 ("to fly"), which the shipped dictionary
   * corrects; and the parts of a stopped compound (원 of 상담원, 처 of 연락처), which the stop filter now
   * drops with it.
   */
  @Test
  void theShippedDictionaryKeepsNorisMisreadingsOutOfTheTerms() {
    TicketAnalyzer shipped = TicketAnalyzer.forSettings(ShippedConfig.load().topics().tokenizer());
    assertEquals(
        List.of("배송지연", "배송", "지연", "보상", "걸리다"), shipped.terms("배송지연 보상 있나요? 너무 오래 걸리네요", null));
    assertEquals(List.of("주소", "변경"), shipped.terms("배송지 변경해주세요", null));
    assertEquals(List.of("결제", "오류"), shipped.terms("결제하는데 오류가 나요", null));
    assertEquals(List.of("연결"), shipped.terms("상담원 연결 부탁드립니다", null));
    assertEquals(List.of("남기다"), shipped.terms("연락처 남겨주세요", null));
    // A misspelling in the user dictionary is found inside longer words too, so 교한 (교환) is not
    // there: it would read 비교한 ("compared") as 교환.
    assertEquals(List.of("나라", "비교", "결과"), shipped.terms("다른 나라와 비교한 결과", null));
  }
}
