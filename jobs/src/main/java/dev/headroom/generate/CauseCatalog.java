package dev.headroom.generate;

import dev.headroom.generate.Cause.Offender;
import dev.headroom.generate.Cause.Spike;
import java.util.List;

/**
 * The root causes planted in generated data, and the vocabulary tickets are written with.
 *
 * <p>The truth is designed so every part of the method has something to find: an offending seller
 * ({@code delivery_delay}, {@code wrong_item}, {@code size_exchange}), an offending category
 * ({@code damaged_item}), a one-week spike on app orders ({@code payment_error}), and flat causes
 * with no offender ({@code refund_delay}, {@code coupon}, ...) whose reducible share must stay near
 * zero. {@code delivery_delay} carries the largest planted headroom.
 */
public final class CauseCatalog {

  private CauseCatalog() {}

  /** Cause id of generic tickets that name no problem ("문의드립니다"); not a root cause. */
  public static final String GENERIC = "generic";

  /** Product categories, each with Korean and English item names. */
  public static final List<String> CATEGORIES =
      List.of("패션의류", "신발", "가전디지털", "식품", "뷰티", "생활용품", "도서", "스포츠");

  /** Korean item names per category, in {@link #CATEGORIES} order. */
  static final List<List<String>> ITEMS_KO =
      List.of(
          List.of("원피스", "셔츠", "청바지", "롱패딩", "니트", "후드티"),
          List.of("운동화", "구두", "슬리퍼", "부츠", "샌들"),
          List.of("에어팟", "블루투스 이어폰", "무선청소기", "노트북", "모니터", "에어프라이어"),
          List.of("사과", "생수", "김치", "닭가슴살", "한우 세트", "귤"),
          List.of("립스틱", "선크림", "샴푸", "쿠션팩트", "향수"),
          List.of("수건", "프라이팬", "휴지", "그릇 세트", "이불"),
          List.of("책", "문제집", "만화책 세트"),
          List.of("요가매트", "텐트", "자전거 헬멧", "덤벨"));

  /** English item names per category, in {@link #CATEGORIES} order. */
  static final List<List<String>> ITEMS_EN =
      List.of(
          List.of("dress", "shirt", "jeans", "jacket"),
          List.of("sneakers", "shoes", "boots"),
          List.of("AirPods", "earbuds", "vacuum", "laptop"),
          List.of("apples", "water", "kimchi"),
          List.of("lipstick", "sunscreen", "shampoo"),
          List.of("towels", "frying pan", "dish set"),
          List.of("book", "workbook"),
          List.of("yoga mat", "tent", "helmet"));

  /** Sizes written in size-exchange tickets, including digits glued to words. */
  static final List<String> SIZES =
      List.of(
          "44사이즈", "55사이즈", "66사이즈", "S사이즈", "M사이즈", "L사이즈", "230mm", "240mm", "250mm", "260mm",
          "270mm", "95", "100", "105");

  /** The planted causes, largest planted headroom first. */
  public static final List<Cause> CAUSES =
      List.of(
          new Cause(
              "delivery_delay",
              "배송>지연",
              30,
              new Offender("seller_id", "S07", 5.0),
              null,
              0.25,
              true,
              List.of(),
              new int[] {48, 240},
              List.of("배송 문의", "배송 언제 와요", "배송지연", "택배 문의"),
              List.of(
                  "주문한 지 {days}일이 지났는데 아직도 배송이 안 와요",
                  "{item} 언제 도착하나요? 배송조회 하면 계속 배송준비중이에요",
                  "배송이 너무 늦어요 {days}일째 그대로입니다",
                  "택배가 아직 안 왔어요 출발도 안 한 것 같아요",
                  "배송조회가 {days}일째 업데이트가 안 됩니다",
                  "오늘 도착 예정이라더니 아직 못 받았어요",
                  "상품 발송은 언제 되나요? 주문하고 {days}일 기다렸어요",
                  "배송 지연 보상 있나요? 너무 오래 걸리네요",
                  "{item} 아직 못 받음 배송 언제 됨?",
                  "배송 출발했다는 문자만 오고 {days}일째 안 와요",
                  "택배사에 물어보니 물건을 아직 못 받았대요 판매자가 발송을 안 한 것 같아요"),
              List.of(
                  "My order still hasn't arrived after {days} days",
                  "Where is my package? Tracking hasn't updated in days",
                  "Delivery is very late, when will my {item} arrive?")),
          new Cause(
              "wrong_item",
              "배송>오배송",
              8,
              new Offender("seller_id", "S15", 4.0),
              null,
              0.15,
              true,
              List.of(),
              new int[] {48, 200},
              List.of("오배송", "다른 상품 왔어요", "상품 문의"),
              List.of(
                  "주문한 거랑 다른 상품이 왔어요",
                  "{item:을} 시켰는데 전혀 다른 물건이 배송됐네요",
                  "색상이 다른 게 왔어요 블랙 주문했는데 화이트가 왔어요",
                  "오배송 된 것 같아요 제대로 된 상품으로 다시 보내주세요",
                  "택배 열어보니 다른 사람 물건이 들어있어요",
                  "수량이 잘못 왔어요 {n}개 주문했는데 1개만 왔어요",
                  "옵션이 다른 상품이 왔음 확인 좀",
                  "{item} 말고 엉뚱한 상품이 들어 있었어요"),
              List.of(
                  "I received the wrong item, I ordered {item}",
                  "Wrong color was delivered, please send the right one")),
          new Cause(
              "damaged_item",
              "상품>파손",
              7,
              new Offender("product_category", "식품", 3.0),
              null,
              0.1,
              true,
              List.of(),
              new int[] {48, 200},
              List.of("파손", "상품 파손", "불량 문의"),
              List.of(
                  "상품이 파손되어 왔어요",
                  "박스가 다 찌그러져서 왔고 {item:이} 망가져 있어요",
                  "포장 뜯어보니 {item:이} 부서져 있네요",
                  "받자마자 보니까 흠집이랑 스크래치가 있어요",
                  "내용물이 다 터져서 왔어요 이거 어떻게 해요",
                  "유리가 깨져서 도착했습니다 사진 첨부합니다",
                  "{item} 상태가 엉망이에요 완전 파손됨",
                  "아이스팩이 다 녹아서 왔고 {item:이} 상했어요"),
              List.of("The item arrived damaged", "The box was crushed and the {item} is broken")),
          new Cause(
              "size_exchange",
              "교환>사이즈",
              40,
              new Offender("seller_id", "S03", 3.0),
              null,
              0.1,
              true,
              List.of("패션의류", "신발"),
              new int[] {72, 240},
              List.of("교환 문의", "사이즈 교환", "교환 신청"),
              List.of(
                  "사이즈가 안 맞아서 교환하고 싶어요 {size:으로} 바꿔주세요",
                  "{size} 주문했는데 너무 작아요 한 치수 큰 걸로 교환 가능한가요",
                  "생각보다 커서 사이즈 교환 요청합니다",
                  "사이즈표랑 실제 사이즈가 달라요 교환 어떻게 하나요",
                  "{size} 너무 타이트해요 교환 신청하려고요",
                  "발볼이 좁아서 {size:으로} 교환 원해요",
                  "{item} 사이즈 교환 되나요? 한 사이즈 작게요"),
              List.of(
                  "The size doesn't fit, can I exchange it for {size}?",
                  "The {item} is too small, I want a bigger size")),
          new Cause(
              "refund_delay",
              "환불>지연",
              10,
              null,
              null,
              0.2,
              true,
              List.of(),
              new int[] {120, 480},
              List.of("환불 문의", "환불 언제", "환불 요청"),
              List.of(
                  "반품한 지 {days}일 됐는데 환불이 아직 안 들어왔어요",
                  "환불 언제 되나요? 카드 취소가 안 됐어요",
                  "환불 처리 확인 부탁드립니다 반품 회수는 완료됐다고 나와요",
                  "취소했는데 돈이 아직 안 들어와요",
                  "환불 지연 너무 심하네요 {days}일째입니다",
                  "반품 완료됐는데 환불 금액이 안 보여요",
                  "환불 아직임? 반품 보낸 지 한참 됐는데"),
              List.of(
                  "Still no refund after {days} days",
                  "When will I get my refund? I returned the {item} already")),
          new Cause(
              "payment_error",
              "결제>오류",
              5,
              null,
              // An app release breaks checkout for a week: the spike is on app orders only.
              new Spike(9, 10.0, "channel", "app"),
              0.1,
              true,
              List.of(),
              new int[] {0, 6},
              List.of("결제 오류", "결제 문의", "결제가 안돼요"),
              List.of(
                  "결제가 안 돼요 계속 오류가 나요",
                  "결제하려는데 카드 승인 실패라고 떠요",
                  "결제는 됐는데 주문 내역이 없어요",
                  "앱에서 결제 버튼 누르면 멈춰요",
                  "돈은 빠져나갔는데 주문이 안 됐어요 이중 결제 된 것 같아요",
                  "간편결제 오류 나요 결제 진행이 안 됩니다",
                  "결제 중에 오류 떠서 다시 했더니 두 번 결제됨"),
              List.of("Payment failed but I was charged", "Checkout keeps failing with an error")),
          new Cause(
              "coupon",
              "이벤트>쿠폰",
              6,
              null,
              null,
              0.05,
              true,
              List.of(),
              new int[] {0, 24},
              List.of("쿠폰 문의", "쿠폰 적용", "이벤트 문의"),
              List.of(
                  "쿠폰 적용이 안 돼요",
                  "할인 쿠폰이 사라졌어요 분명히 받았는데",
                  "쿠폰 코드 입력하면 유효하지 않다고 나와요",
                  "적립금 사용이 안 되네요 쿠폰도 안 먹히고",
                  "이벤트 쿠폰 언제 지급되나요",
                  "첫 구매 쿠폰 적용 안 됨"),
              List.of(
                  "The coupon code doesn't work at checkout", "My discount coupon disappeared")),
          new Cause(
              "account_login",
              "회원>로그인",
              5,
              null,
              null,
              0.15,
              false,
              List.of(),
              new int[] {0, 72},
              List.of("로그인 문의", "계정 문의", "비밀번호"),
              List.of(
                  "로그인이 안 돼요 비밀번호가 틀렸다고 나와요",
                  "비밀번호 찾기 해도 인증 문자가 안 와요",
                  "아이디가 기억이 안 나요 계정 찾고 싶어요",
                  "휴면 계정 해제는 어떻게 하나요",
                  "계정이 잠겼다고 나오는데 풀어주세요",
                  "카카오 로그인 하면 오류가 떠요"),
              List.of("I can't log in to my account", "The password reset email never arrives")),
          new Cause(
              "cancel_request",
              "주문>취소",
              9,
              null,
              null,
              0.05,
              true,
              List.of(),
              new int[] {0, 36},
              List.of("주문 취소", "취소 요청", "취소 문의"),
              List.of(
                  "주문 취소하고 싶어요",
                  "실수로 주문했어요 취소 부탁드려요",
                  "주문 취소 버튼이 안 보여요 취소 어떻게 해요",
                  "단순 변심으로 주문 취소 요청합니다",
                  "방금 주문한 {item} 취소해주세요",
                  "취소 신청했는데 아직 처리가 안 됐네요"),
              List.of(
                  "Please cancel my order", "I ordered the {item} by mistake, cancel it please")),
          new Cause(
              "address_change",
              "배송>배송지변경",
              5,
              null,
              null,
              0.05,
              true,
              List.of(),
              new int[] {0, 30},
              List.of("배송지 변경", "주소 변경"),
              List.of(
                  "배송지를 변경하고 싶어요",
                  "주소를 잘못 입력했어요 배송지 수정 가능한가요",
                  "이사해서 배송 주소 바꿔야 해요",
                  "받는 사람 주소 변경 부탁드려요",
                  "배송지 변경 아직 가능할까요? 출고 전이면 바꿔주세요"),
              List.of("I need to change my shipping address")));

  /** Generic tickets: no cause in the text, they belong in {@code unclassified}. */
  public static final Cause GENERIC_CAUSE =
      new Cause(
          GENERIC,
          "기타",
          6,
          null,
          null,
          0.0,
          true,
          List.of(),
          new int[] {0, 120},
          List.of("문의", "질문", "문의드립니다"),
          List.of(
              "문의드립니다",
              "확인 부탁드려요",
              "상담원 연결 부탁드립니다",
              "답변 기다리겠습니다",
              "전화 부탁드려요",
              "문의 남깁니다",
              "궁금한 게 있어서요"),
          List.of("Hello, I have a question", "Please call me back"));

  /** Cause id of the emerging cause: it appears only in the last month of the data. */
  public static final String EMERGING = "app_crash";

  /**
   * A new problem that starts in the last month (an app release that crashes): a saved model from
   * the earlier months has no topic for it, so {@code assign} must flag it as emerging.
   */
  public static final Cause EMERGING_CAUSE =
      new Cause(
          EMERGING,
          "앱>오류",
          8,
          null,
          null,
          0.1,
          false,
          List.of(),
          new int[] {0, 48},
          List.of("앱 오류", "어플 튕김", "앱이 안 열려요"),
          List.of(
              "앱이 계속 꺼져요 실행이 안 돼요",
              "업데이트 이후로 앱이 자꾸 튕겨요",
              "앱 실행하면 바로 종료돼요",
              "앱 들어가면 흰 화면만 나와요",
              "어플이 멈추고 강제 종료됩니다",
              "앱 업데이트하고 나서 시작 화면에서 튕김"),
          List.of("The app keeps crashing after the update", "The app closes right after opening"));

  /** Every cause the generator draws from: root causes, generic tickets, the emerging cause. */
  public static List<Cause> all() {
    List<Cause> all = new java.util.ArrayList<>(CAUSES);
    all.add(GENERIC_CAUSE);
    all.add(EMERGING_CAUSE);
    return List.copyOf(all);
  }

  /** Opening words, mostly generic support phrases a stopword list must handle. */
  static final List<String> OPENERS =
      List.of(
          "",
          "",
          "",
          "안녕하세요",
          "안녕하세요.",
          "저기요",
          "수고하십니다",
          "문의드립니다.",
          "고객센터죠?",
          "급해요",
          "안녕하세요 고객님 센터 맞죠?");

  /** Closing words and emotion. */
  static final List<String> CLOSERS =
      List.of(
          "",
          "",
          "",
          "확인 부탁드립니다",
          "빨리 처리해 주세요",
          "답변 부탁드려요",
          "어떻게 된 건가요?",
          "연락 주세요",
          "감사합니다",
          "수고하세요",
          "진짜 짜증나네요",
          "ㅠㅠㅠㅠ",
          "ㅡㅡ",
          "ㅋㅋㅋㅋㅋ 어이가 없네요",
          "!!!!",
          "빠른 답변 부탁드립니다 감사합니다");

  /** What a customer writes when contacting again about the same thing. */
  static final List<String> REPEAT_OPENERS =
      List.of(
          "아직도 해결이 안 됐어요.",
          "어제도 문의했는데",
          "다시 문의드립니다.",
          "두 번째 문의입니다.",
          "계속 연락드리는데 답이 없네요.",
          "저번에 문의한 건인데요");

  /** Common misspellings: correct form, typo. */
  static final List<String[]> TYPOS =
      List.of(
          new String[] {"배송", "배숑"},
          new String[] {"언제", "언재"},
          new String[] {"환불", "환뷸"},
          new String[] {"안 돼요", "안되요"},
          new String[] {"됐는데", "됬는데"},
          new String[] {"어떻게", "어떻해"},
          new String[] {"교환", "교한"},
          new String[] {"결제", "결재"});
}
