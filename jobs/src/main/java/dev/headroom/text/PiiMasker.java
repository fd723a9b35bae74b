package dev.headroom.text;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in free text with typed mask tokens such as {@code <PHONE>}.
 *
 * <p>Kinds, applied in this order so that a longer, more specific form wins: e-mail, Korean
 * resident registration number ({@code <RRN>}), card number, phone number (Korean mobile, landline,
 * 070/050x, with or without dashes, with or without +82), order number in free text, bank account
 * number (after a 계좌/account label, or dashed groups of 10 to 14 digits), any other run of ten or
 * more digits ({@code <NUMBER>}), and street addresses with a road name and number or an apartment
 * unit; last, names of people where a cue marks them ({@link NameMasker}). Ordinary numbers stay:
 * prices (35,000원), sizes (44사이즈, 270mm), dates (2026-03-05), counts and times.
 */
public final class PiiMasker {

  /** Mask for e-mail addresses. */
  public static final String EMAIL = "<EMAIL>";

  /** Mask for Korean resident registration numbers. */
  public static final String RRN = "<RRN>";

  /** Mask for payment card numbers. */
  public static final String CARD = "<CARD>";

  /** Mask for phone numbers. */
  public static final String PHONE = "<PHONE>";

  /** Mask for order numbers written in the text. */
  public static final String ORDER = "<ORDER>";

  /** Mask for bank account numbers. */
  public static final String ACCOUNT = "<ACCOUNT>";

  /** Mask for other long identifying numbers. */
  public static final String NUMBER = "<NUMBER>";

  /** Mask for street addresses and apartment units. */
  public static final String ADDRESS = "<ADDRESS>";

  private static final Pattern EMAIL_PATTERN =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  private static final Pattern RRN_PATTERN =
      Pattern.compile(
          "(?<!\\d)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\s?-\\s?[1-8]\\d{6}(?!\\d)");

  private static final Pattern CARD_PATTERN =
      Pattern.compile(
          "(?<![\\d-])(?:\\d{4}[- ]?\\d{4}[- ]?\\d{4}[- ]?\\d{4}|\\d{4}[- ]?\\d{6}[- ]?\\d{5})(?![\\d-])");

  private static final Pattern PHONE_PATTERN =
      Pattern.compile(
          "(?<![\\d-])(?:"
              + "(?:(?:\\+|00)82[- ]?\\(?0?\\)?|0)1[016789]"
              + "|(?:(?:\\+|00)82[- ]?|0)(?:2|[3-6][1-5])"
              + "|0(?:70|50\\d)"
              + ")[- .)]?\\d{3,4}[- .]?\\d{4}(?![\\d-])");

  private static final Pattern ORDER_LABELLED =
      Pattern.compile(
          "((?:주문\\s*번호|order\\s*(?:no\\.?|number|num|id|#))\\s*(?:는|은|:|：|#)?\\s*)"
              + "[A-Za-z]{0,5}-?\\d[A-Za-z0-9-]{4,}",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern ORDER_ID =
      Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2,5}-?\\d{6,}(?![0-9])");

  private static final Pattern ACCOUNT_LABELLED =
      Pattern.compile(
          "((?:계좌\\s*(?:번호)?|account\\s*(?:no\\.?|number|#)?)\\s*(?:는|은|:|：)?\\s*"
              + "(?:[가-힣A-Za-z]{1,8}(?:은행|뱅크)?\\s*)?)"
              + "(\\d[\\d -]{7,22}\\d)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern DASHED_GROUPS =
      Pattern.compile("(?<![\\d-])\\d{2,6}-\\d{2,6}-\\d{2,7}(?:-\\d{1,3})?(?![\\d-])");

  private static final Pattern LONG_NUMBER = Pattern.compile("(?<!\\d)\\d{10,}(?!\\d)");

  private static final Pattern ROAD_ADDRESS =
      Pattern.compile(
          "(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|충청북도|충청남도|전북|전남"
              + "|전라북도|전라남도|경북|경남|경상북도|경상남도|제주)"
              + "(?:특별시|광역시|특별자치시|특별자치도|도|시)?"
              + "(?:\\s*[가-힣]{1,10}(?:시|군|구|읍|면))*"
              + "\\s*[가-힣0-9]{1,15}(?:로|길)\\s*\\d{1,5}(?:-\\d{1,5})?"
              + "(?:\\s*,?\\s*\\d{1,4}동)?(?:\\s*\\d{1,5}호)?");

  /** What every road address starts with: the first two syllables of a province or city. */
  private static final String[] PROVINCES = {
    "서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기", "강원", "충북", "충남", "충청", "전북", "전남", "전라",
    "경북", "경남", "경상", "제주"
  };

  private static final Pattern APARTMENT_UNIT =
      Pattern.compile("(?<!\\d)\\d{1,4}\\s?동\\s?\\d{1,5}\\s?호");

  private PiiMasker() {}

  /** Returns the text with every recognized piece of personal data replaced by its mask. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    // Names are masked last: their cues (고객명, name:) never hold digits or an @.
    // Each pattern needs some digits (or an @, or 로/길 after a province, or 동 and 호); a text
    // without them cannot match it, and most texts skip most passes. Replacements only remove
    // digits, so the count taken here bounds every later pass.
    int digits = 0;
    boolean at = false;
    boolean roadOrStreet = false;
    boolean dong = false;
    boolean ho = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '@') {
        at = true;
      } else if (c == '로' || c == '길') {
        roadOrStreet = true;
      } else if (c == '동') {
        dong = true;
      } else if (c == '호') {
        ho = true;
      }
    }
    String result = at ? EMAIL_PATTERN.matcher(text).replaceAll(EMAIL) : text;
    if (digits >= 13) {
      result = RRN_PATTERN.matcher(result).replaceAll(RRN);
    }
    if (digits >= 15) {
      result = CARD_PATTERN.matcher(result).replaceAll(CARD);
    }
    if (digits >= 9) {
      result = PHONE_PATTERN.matcher(result).replaceAll(PHONE);
    }
    // The labels match in any case. The copy is of the text before masking: a mask only adds a
    // <KIND> token, and none added before these passes holds a label.
    String lowerCase = digits >= 1 ? text.toLowerCase(Locale.ROOT) : "";
    if (digits >= 1 && (lowerCase.contains("번호") || lowerCase.contains("order"))) {
      result = ORDER_LABELLED.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(ORDER));
    }
    if (digits >= 6) {
      result = ORDER_ID.matcher(result).replaceAll(ORDER);
    }
    if (digits >= 2 && (lowerCase.contains("계좌") || lowerCase.contains("account"))) {
      result =
          ACCOUNT_LABELLED.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(ACCOUNT));
    }
    if (digits >= 6) {
      result = maskDashedAccounts(result);
    }
    if (digits >= 10) {
      result = LONG_NUMBER.matcher(result).replaceAll(NUMBER);
    }
    if (digits >= 1 && roadOrStreet && containsAny(result, PROVINCES)) {
      result = ROAD_ADDRESS.matcher(result).replaceAll(ADDRESS);
    }
    if (digits >= 2 && dong && ho) {
      result = APARTMENT_UNIT.matcher(result).replaceAll(ADDRESS);
    }
    return NameMasker.mask(result);
  }

  /** Whether the text contains one of the words; a cheap test before a costly expression. */
  static boolean containsAny(String text, String[] words) {
    for (String word : words) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Dashed digit groups are an account only with 10 to 14 digits; 2026-03-05 is a date. */
  private static String maskDashedAccounts(String text) {
    Matcher matcher = DASHED_GROUPS.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      String match = matcher.group();
      long digits = match.chars().filter(Character::isDigit).count();
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(digits >= 10 && digits <= 14 ? ACCOUNT : match));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
