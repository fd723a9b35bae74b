package dev.headroom.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Names of people in ticket text, masked where a cue marks them: precision and recall on a labelled
 * set of ticket sentences made here (names planted in the phrasings customers use, and the same
 * cues followed by words that are not names), plus the cases that must hold exactly.
 */
class NameMaskerTest {

  private static final List<String> KOREAN_NAMES =
      List.of(
          "홍길동", "김민수", "이서연", "박지훈", "최유진", "정하늘", "강동원", "윤서아", "장민호", "임수빈", "한지민", "오세훈", "송하윤",
          "배수지", "남궁민", "황보영수", "선우진", "조은", "신세경", "유재석");

  private static final List<String> KOREAN_TEMPLATES =
      List.of(
          "고객명 {n} 으로 주문했는데 배송이 안 와요",
          "고객명: {n}",
          "제 이름은 {n}입니다. 환불 언제 되나요",
          "성함은 {n}이고 연락 부탁드립니다",
          "받는 분 {n} 앞으로 보냈는데 반송됐어요",
          "받는분 성함 {n}으로 되어 있어요",
          "수령인 {n} 님께 전달해주세요",
          "예금주 {n} 계좌로 환불해주세요",
          "주문자 {n}, 배송지 변경 원합니다",
          "성함: {n} / 연락처는 문자로 주세요",
          "{n}님 주문 건 문의드립니다",
          "{n} 고객님 교환 요청입니다");

  private static final List<String> ENGLISH_NAMES =
      List.of(
          "John Smith",
          "Emily Clark",
          "Michael",
          "Sarah Johnson",
          "David Lee",
          "Anna Kim",
          "Connor O'Neil",
          "Jean-Luc Picard",
          "Maria Garcia",
          "Ryan McDonald");

  private static final List<String> ENGLISH_TEMPLATES =
      List.of(
          "My name is {n} and my card was declined",
          "Hi, this is {n}. My refund has not arrived",
          "Customer name: {n}",
          "Recipient: {n}, the parcel never arrived",
          "The package was addressed to {n} but went elsewhere",
          "Please help me with the transfer. Regards, {n}",
          "Still waiting for the refund. Thanks, {n}",
          "Dear Support, I am {n} and I was charged twice",
          "Account holder: {n}");

  /** Sentences with a cue and no name: each {@code <NAME>} in them is a false positive. */
  private static final List<String> WITHOUT_NAMES =
      List.of(
          "이름이 잘못 적혀 있어요",
          "성함 변경하고 싶어요",
          "고객명 확인 부탁드립니다",
          "받는 분 주소가 달라요",
          "받는 분이 부재중이라 반송됐어요",
          "고객님 안녕하세요 배송 문의드립니다",
          "선생님 감사합니다",
          "판매자님 답변 부탁드려요",
          "상담사님 친절하셨어요",
          "주문자 정보가 다르게 나와요",
          "수령인 변경 가능한가요",
          "예금주 불일치로 환불 실패했어요",
          "이름표가 떨어져서 왔어요",
          "기사님이 전화를 안 받아요",
          "구매자 후기 보고 샀는데 달라요",
          "이름이 이상하게 표시돼요",
          "수령인 정보 수정해주세요",
          "받는 분 연락처 변경 부탁해요",
          "고객명 오기재로 배송이 안 됐어요",
          "이름이 나오지 않아요",
          "성함이 다르게 나와요",
          "주문자 이름이랑 받는 분 이름이 달라요",
          "My name is wrong on the invoice",
          "This is Urgent, please call me",
          "Hi Team, my card was declined",
          "Regards, Customer Service",
          "I am Very upset about this",
          "Thanks in advance",
          "Dear Sir or Madam, the app crashes",
          "Hello Support! Where is my order?",
          "Best, A frustrated customer",
          "The recipient was not home",
          "I am from Seoul and the parcel is late",
          "I am Korean.",
          "Name: not shown on the receipt");

  @Test
  void masksNamesThatACueMarksWithHighPrecisionAndRecall() {
    List<String[]> labelled = new ArrayList<>();
    for (String template : KOREAN_TEMPLATES) {
      for (String name : KOREAN_NAMES) {
        labelled.add(new String[] {template.replace("{n}", name), name});
      }
    }
    for (String template : ENGLISH_TEMPLATES) {
      for (String name : ENGLISH_NAMES) {
        labelled.add(new String[] {template.replace("{n}", name), name});
      }
    }
    for (String sentence : WITHOUT_NAMES) {
      labelled.add(new String[] {sentence, null});
    }
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
    List<String> misses = new ArrayList<>();
    for (String[] example : labelled) {
      String masked = PiiMasker.mask(example[0]);
      int masks = count(masked, NameMasker.NAME);
      if (example[1] == null) {
        falsePositives += masks;
        if (masks > 0) {
          misses.add("false positive: " + example[0] + " -> " + masked);
        }
      } else if (!masked.contains(example[1]) && masks == 1) {
        truePositives++;
      } else {
        falseNegatives++;
        falsePositives += Math.max(0, masks - 1);
        misses.add("missed: " + example[0] + " -> " + masked);
      }
    }
    double precision = truePositives / (double) (truePositives + falsePositives);
    double recall = truePositives / (double) (truePositives + falseNegatives);
    System.out.printf(
        Locale.ROOT,
        "NameMasker on %d sentences: precision %.3f, recall %.3f%n%s%n",
        labelled.size(),
        precision,
        recall,
        String.join("\n", misses));
    assertTrue(precision >= 0.98, "precision " + precision + "\n" + String.join("\n", misses));
    assertTrue(recall >= 0.95, "recall " + recall + "\n" + String.join("\n", misses));
  }

  @Test
  void keepsTheCueAndTheEndingAroundTheMask() {
    assertEquals("제 이름은 <NAME>입니다", PiiMasker.mask("제 이름은 홍길동입니다"));
    assertEquals("받는 분 성함 <NAME>으로 되어 있어요", PiiMasker.mask("받는 분 성함 김민수으로 되어 있어요"));
    assertEquals("<NAME> 고객님 교환 요청", PiiMasker.mask("이서연 고객님 교환 요청"));
    assertEquals("My name is <NAME> and hi", PiiMasker.mask("My name is John Smith and hi"));
    assertEquals("Regards, Mr. <NAME>", PiiMasker.mask("Regards, Mr. Kim"));
  }

  private static int count(String text, String token) {
    int n = 0;
    for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
      n++;
    }
    return n;
  }
}
