package dev.headroom.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks names of people where a cue marks them, as {@value #NAME}.
 *
 * <p>Korean: a name after a label (고객명, 성함, 이름, 받는 분, 수령인, 예금주, 주문자, ...) or before 님 or 고객님. A
 * name is two to four syllables starting with a common family name, once its particle or copula is
 * taken off (홍길동입니다 keeps 입니다), and is none of the words that follow those labels in tickets (이름이
 * 잘못, 성함 변경). English: a capitalised name after "my name is", "name:", "customer name",
 * "recipient", "account holder", a greeting (Dear, Hi) or a sign-off (Regards, Thanks) at the end,
 * or "this is" / "I am" followed by a break. Without a cue, a name is left as written: a dictionary
 * of names would mask products and places too. Precision and recall are measured on a labelled set
 * in {@code NameMaskerTest} and reported in docs/ingest.md.
 */
public final class NameMasker {

  /** Mask for names of people. */
  public static final String NAME = "<NAME>";

  private static final Pattern KOREAN_LABELLED =
      Pattern.compile(
          "(?<![가-힣])(고객\\s?명|고객\\s?이름|고객\\s?성함|이름|성함|성명|받는\\s?분|받으시는\\s?분|받으실\\s?분|보내는\\s?분"
              + "|수령인|수령자|수취인|예금주|주문자|발송인|신청자|가입자|구매자)"
              + "(?:(?:은|는|이|가)\\s*(?:[:：=]\\s*)?|\\s*[:：=]\\s*|\\s+)(?=[가-힣])");

  /** A part of every label {@link #KOREAN_LABELLED} knows, without its optional spaces. */
  private static final String[] KOREAN_LABELS = {
    "고객", "이름", "성함", "성명", "받는", "받으시는", "받으실", "보내는", "수령인", "수령자", "수취인", "예금주", "주문자", "발송인",
    "신청자", "가입자", "구매자"
  };

  private static final Pattern HANGUL_WORD = Pattern.compile("[가-힣]{2,8}(?![가-힣])");

  private static final Pattern KOREAN_HONORIFIC =
      Pattern.compile("(?<![가-힣])([가-힣]{3})(?=\\s?(?:고객)?님)");

  /** Endings that follow a name: copulas and particles, longest first. */
  private static final String[] KOREAN_ENDINGS = {
    "이라고요", "이에요", "이예요", "입니다", "이고요", "이구요", "이라고", "이라는", "으로요", "께서", "예요", "이고", "이며", "이요",
    "라고", "라는", "으로", "에게", "한테", "님이", "님께", "님은", "님", "씨", "이", "가", "은", "는", "을", "를", "로",
    "의", "께", "도", "와", "과", "요"
  };

  private static final Set<String> FAMILY_NAMES =
      Set.of(
          "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송",
          "류", "유", "전", "홍", "고", "문", "양", "손", "배", "백", "허", "남", "심", "노", "하", "곽", "성", "차",
          "주", "우", "구", "민", "진", "나", "지", "엄", "채", "원", "천", "방", "공", "현", "함", "변", "염", "여",
          "추", "도", "소", "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "왕", "금", "옥", "육",
          "인", "맹", "제", "모", "탁", "국", "은", "편", "용", "예", "경", "봉", "사", "부");

  private static final Set<String> COMPOUND_FAMILY_NAMES = Set.of("남궁", "황보", "제갈", "선우", "독고");

  /** Words that follow the labels or precede 님 and are not names. */
  private static final Set<String> KOREAN_NOT_NAMES =
      Set.copyOf(
          List.of(
              "변경", "정정", "정보", "정확", "정확히", "정상", "이상", "이름", "이렇게", "이게", "이거", "이번", "이미", "오류",
              "오타", "전화", "전달", "전부", "주소", "주문", "주문자", "조회", "조금", "문의", "문제", "고객", "고객님", "본인",
              "한글", "한자", "한번", "한분", "성함", "성명", "성별", "명의", "기재", "기입", "제가", "제대로", "다시", "모두",
              "부분", "표기", "표시", "남편", "부모", "가족", "회사", "회원", "상호", "사업자", "판매자", "구매자", "나중", "공란",
              "공백", "하나", "안내", "인증", "배송", "배송지", "변동", "수취", "임의", "임시", "서명", "동일", "동명", "도착",
              "도움", "등록", "영문", "선생", "기사", "사장", "상담사", "상담원", "관리자", "담당자", "수령인", "수령자", "신청자",
              "가입자", "사용자", "이용자", "운영자", "대표자", "작성자", "배송원", "여러분", "주인", "우리", "저희", "누구", "아무",
              "모르", "없음", "미상", "비공개", "확인", "잘못", "틀림", "다름", "다른", "달라", "바뀌", "바꿔", "적혀", "나와",
              "나오", "표기가", "전혀", "연락처", "연락", "오기재", "오기", "불일치", "부재", "부재중", "문자", "전송", "기재란",
              "도로명", "주민번호", "계좌", "신분증", "하고", "하는", "이랑", "나이", "이런", "변경된", "성함이", "주소지", "안받",
              "안와", "모름", "같은", "같아", "같고", "그대로", "그냥", "그게", "가능", "수정"));

  /** One to three capitalised words: Smith, O'Neil, McDonald, Jean-Luc Picard. */
  private static final String ENGLISH_NAME =
      "([A-Z][a-z]*(?:[A-Z][a-z]+)?(?:'[A-Z]?[a-z]+)?"
          + "(?:[ -][A-Z][a-z]*(?:[A-Z][a-z]+)?(?:'[A-Z]?[a-z]+)?){0,2})";

  private static final Pattern ENGLISH_LABELLED =
      Pattern.compile(
          "((?i:my name is|my name's|name is|name\\s*[:：-]|customer name\\s*[:：]?"
              + "|recipient(?:'s name)?\\s*[:：]?|account holder\\s*[:：]?|addressed to)"
              + "\\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\\.?\\s+)?)"
              + ENGLISH_NAME);

  private static final Pattern ENGLISH_INTRODUCED =
      Pattern.compile(
          "((?i:this is|i am|i'm|dear|hi|hello)\\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\\.?\\s+)?)"
              + ENGLISH_NAME
              + "(?=\\s*(?:[,.!:;]|$|\\b(?:here|from|speaking|and)\\b))");

  private static final Pattern ENGLISH_SIGNED =
      Pattern.compile(
          "((?i:regards|thanks|thank you|cheers|sincerely|best)\\s*[,.!-]?\\s+"
              + "(?:(?:Mr|Mrs|Ms|Miss|Dr)\\.?\\s+)?)"
              + ENGLISH_NAME
              + "(?=\\s*[.!]?\\s*$)");

  /** A part of every cue of {@link #ENGLISH_LABELLED}, in lower case. */
  private static final String[] ENGLISH_LABELS = {
    "name", "recipient", "account holder", "addressed to"
  };

  /** A part of every cue of {@link #ENGLISH_INTRODUCED}, in lower case ("this is" holds "hi"). */
  private static final String[] ENGLISH_INTRODUCTIONS = {"hi", "i am", "i'm", "dear", "hello"};

  /** A part of every cue of {@link #ENGLISH_SIGNED}, in lower case. */
  private static final String[] ENGLISH_SIGN_OFFS = {
    "regards", "thank", "cheers", "sincerely", "best"
  };

  /** Capitalised words that follow those cues and are not names. */
  private static final Set<String> ENGLISH_NOT_NAMES =
      Set.copyOf(
          List.of(
              "I",
              "The",
              "A",
              "An",
              "Very",
              "Really",
              "So",
              "Not",
              "Still",
              "Just",
              "Customer",
              "Service",
              "Support",
              "Team",
              "Sir",
              "Madam",
              "Hello",
              "Hi",
              "Dear",
              "Thanks",
              "Regards",
              "Please",
              "Order",
              "Account",
              "Card",
              "Bank",
              "Refund",
              "App",
              "Wrong",
              "Incorrect",
              "Missing",
              "Unknown",
              "Same",
              "Different",
              "Here",
              "There",
              "All",
              "Everyone",
              "Again",
              "Advance",
              "Again",
              "Help",
              "Urgent",
              "Waiting",
              "Sorry",
              "Frustrated",
              "Upset",
              "Angry",
              "Confused",
              "Writing",
              "Calling",
              "Trying",
              "Going",
              "Looking",
              "Sure",
              "Afraid",
              "Glad",
              "Happy",
              "Unable",
              "Able",
              "Now",
              "Today",
              "Tomorrow",
              "Yesterday",
              "Monday",
              "Tuesday",
              "Wednesday",
              "Thursday",
              "Friday",
              "Saturday",
              "Sunday",
              "Korean",
              "English",
              "American",
              "Ridiculous",
              "Unacceptable",
              "Terrible",
              "Awful",
              "Great",
              "Fine",
              "Okay",
              "Ok",
              "Crazy"));

  private NameMasker() {}

  /** Returns the text with every name that a cue marks replaced by {@value #NAME}. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    // Each expression runs only on a text holding one of its cue words: every match starts
    // with one, and ingest masks every ticket.
    String result = text;
    if (hasHangul(result)) {
      if (PiiMasker.containsAny(result, KOREAN_LABELS)) {
        result = maskKoreanLabelled(result);
      }
      if (result.indexOf('님') >= 0) {
        result = maskKoreanHonorific(result);
      }
    }
    if (hasUpperCaseLetter(result)) {
      // The English cues match in any case; a lower-case copy holds each cue a match starts with.
      // Masking only adds <NAME>, which holds none of the later cues, so one copy serves all three.
      String lowerCase = result.toLowerCase(Locale.ROOT);
      if (PiiMasker.containsAny(lowerCase, ENGLISH_LABELS)) {
        result = maskEnglish(ENGLISH_LABELLED, result);
      }
      if (PiiMasker.containsAny(lowerCase, ENGLISH_INTRODUCTIONS)) {
        result = maskEnglish(ENGLISH_INTRODUCED, result);
      }
      if (PiiMasker.containsAny(lowerCase, ENGLISH_SIGN_OFFS)) {
        result = maskEnglish(ENGLISH_SIGNED, result);
      }
    }
    return result;
  }

  private static String maskKoreanLabelled(String text) {
    Matcher label = KOREAN_LABELLED.matcher(text);
    Matcher word = HANGUL_WORD.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    // The word after a label is looked at, not consumed: it may be the next label (받는 분 성함 홍길동).
    while (label.find()) {
      int start = label.end();
      if (start < copied || !word.find(start) || word.start() != start) {
        continue;
      }
      String found = word.group();
      String ending = endingOf(found);
      String name = found.substring(0, found.length() - ending.length());
      if (isKoreanName(name)) {
        out.append(text, copied, start).append(NAME).append(ending);
        copied = word.end();
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static String maskKoreanHonorific(String text) {
    Matcher m = KOREAN_HONORIFIC.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String word = m.group(1);
      m.appendReplacement(out, Matcher.quoteReplacement(isKoreanName(word) ? NAME : word));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The longest ending a name can carry, such that two to four syllables stay before it. */
  private static String endingOf(String word) {
    for (String ending : KOREAN_ENDINGS) {
      int rest = word.length() - ending.length();
      if (word.endsWith(ending) && rest >= 2 && rest <= 4) {
        return ending;
      }
    }
    return "";
  }

  private static boolean isKoreanName(String word) {
    if (word.length() < 2 || word.length() > 4 || KOREAN_NOT_NAMES.contains(word)) {
      return false;
    }
    for (String notName : KOREAN_NOT_NAMES) {
      if (notName.length() >= 2 && word.startsWith(notName)) {
        return false;
      }
    }
    return (word.length() >= 3 && COMPOUND_FAMILY_NAMES.contains(word.substring(0, 2)))
        || FAMILY_NAMES.contains(word.substring(0, 1));
  }

  private static String maskEnglish(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String name = m.group(2);
      String first = name.split("[ '-]", 2)[0];
      boolean isName = !ENGLISH_NOT_NAMES.contains(first);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + (isName ? NAME : name)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean hasHangul(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '가' && c <= '힣') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasUpperCaseLetter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return true;
      }
    }
    return false;
  }
}
