package dev.headroom.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.generate.SyntheticVoc;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiMaskerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "연락처 010-1234-5678 입니다|연락처 <PHONE> 입니다",
        "01012345678로 전화 주세요|<PHONE>로 전화 주세요",
        "010 1234 5678|<PHONE>",
        "+82 10-1234-5678|<PHONE>",
        "02-123-4567 사무실|<PHONE> 사무실",
        "031-123-4567|<PHONE>",
        "070-1234-5678|<PHONE>",
        "hong.gildong+cs@naver.com 로 답장|<EMAIL> 로 답장",
        "카드번호 4123-5678-9012-3456 결제|카드번호 <CARD> 결제",
        "4123567890123456|<CARD>",
        "주민번호 900101-1234567|주민번호 <RRN>",
        "환불 계좌 신한 110-123-456789|환불 계좌 신한 <ACCOUNT>",
        "계좌번호: 국민은행 123456789012|계좌번호: 국민은행 <ACCOUNT>",
        "3333-01-1234567 로 보내주세요|<ACCOUNT> 로 보내주세요",
        "주문번호 ORD000012345|주문번호 <ORDER>",
        "주문번호는 20260305-0001234 입니다|주문번호는 <ORDER> 입니다",
        "ORD000012345 건 문의|<ORDER> 건 문의",
        "order no. A1234567 please|order no. <ORDER> please",
        "운송장 123456789012|운송장 <NUMBER>",
        "서울특별시 강남구 테헤란로 123 101동 1002호 로 보내주세요|<ADDRESS> 로 보내주세요",
        "경기도 성남시 분당구 판교역로 235|<ADDRESS>",
        "101동 1502호 앞에 두세요|<ADDRESS> 앞에 두세요",
        // A cheap test of the cue words comes before each costly expression; on its edges:
        "충청북도 청주시 상당구 상당로 55 로 보내주세요|<ADDRESS> 로 보내주세요",
        "전라남도 목포시 영산로 12|<ADDRESS>",
        "ORDER NUMBER: B7654321 arrived?|ORDER NUMBER: <ORDER> arrived?",
        "refund to ACCOUNT 123456789012 please|refund to ACCOUNT <ACCOUNT> please",
        "고객 명: 홍길동 입니다|고객 명: <NAME> 입니다",
        "받으실 분 김영희 님께|받으실 분 <NAME> 님께",
        "MY NAME IS Jane Doe, order missing|MY NAME IS <NAME>, order missing",
        "ACCOUNT HOLDER: Tom Lee|ACCOUNT HOLDER: <NAME>",
        "THIS IS Ann Park here about a refund|THIS IS <NAME> here about a refund",
        "still waiting. BEST Kim Minsu|still waiting. BEST <NAME>"
      })
  void masksPersonalData(String text, String expected) {
    assertEquals(expected, PiiMasker.mask(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "35,000원 결제했어요",
        "1,250,000원짜리 노트북",
        "44사이즈 말고 55사이즈로",
        "270mm 로 교환",
        "2026-03-05 주문 건",
        "3일째 안 와요 10시 30분에 연락",
        "2개 주문했는데 1개 왔어요",
        "20260305 에 주문",
        "그대로 3개 주세요",
        "서울 지역 배송 언제 돼요"
      })
  void leavesOrdinaryNumbersAlone(String text) {
    assertEquals(text, PiiMasker.mask(text));
  }

  @Test
  void everyPlantedValueInGeneratedTicketsIsMasked() {
    SyntheticVoc generator =
        new SyntheticVoc(
            new SyntheticVoc.Params(7, YearMonth.of(2026, 1), 2, 30_000, 0.0, 1.0, "Asia/Seoul"));
    int checked = 0;
    for (long i = 0; i < 30_000; i++) {
      for (SyntheticVoc.Ticket t : generator.tickets(i)) {
        String prepared = PiiMasker.mask(TextNormalizer.normalize(t.body()));
        assertFalse(
            prepared.contains(t.piiValue()),
            t.piiKind() + " '" + t.piiValue() + "' survived in: " + prepared);
        checked++;
      }
    }
    assertTrue(checked > 2000, "checked " + checked + " tickets");
  }
}
