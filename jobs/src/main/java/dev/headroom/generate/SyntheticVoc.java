package dev.headroom.generate;

import dev.headroom.generate.TextComposer.Language;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic orders and tickets with a planted truth.
 *
 * <p>Every order and its tickets are a pure function of the seed and the order's index, so the data
 * is the same however Spark partitions the work, and any size can be generated on the executors.
 * See {@link CauseCatalog} for what is planted.
 */
public final class SyntheticVoc implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Number of sellers; sellers are {@code S01}..{@code S40}, larger ones first. */
  public static final int SELLERS = 40;

  /** Ways a ticket row is made dirty, named as the reject reason ingest should give it. */
  public static final List<String> DIRTY_KINDS =
      List.of(
          "missing_id",
          "missing_date",
          "unparseable_date",
          "date_out_of_range",
          "empty_text",
          "invalid_encoding",
          "text_too_long",
          "duplicate_id");

  /** Kinds of personal data planted in ticket texts. */
  public static final List<String> PII_KINDS =
      List.of("phone", "email", "order", "account", "card", "rrn", "address");

  private static final List<String> ORDER_CHANNELS = List.of("app", "web", "mobile_web");
  private static final List<String> TICKET_CHANNELS = List.of("chat", "phone", "email", "board");
  private static final DateTimeFormatter PLAIN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter ISO_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
  private static final DateTimeFormatter SLASHED =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);

  /**
   * What to generate.
   *
   * @param seed the seed every random choice derives from
   * @param start the first month
   * @param months how many months
   * @param orders how many orders
   * @param dirtyShare share of tickets made dirty (spread over {@link #DIRTY_KINDS})
   * @param piiShare share of tickets that carry a piece of personal data
   * @param zone the business time zone dates are written in
   * @param fixes offenders fixed part way: from its day on, the cause's offender has the base rate
   */
  public record Params(
      long seed,
      YearMonth start,
      int months,
      long orders,
      double dirtyShare,
      double piiShare,
      String zone,
      List<PlantedFix> fixes)
      implements Serializable {

    /** Parameters with no fix planted. */
    public Params(
        long seed,
        YearMonth start,
        int months,
        long orders,
        double dirtyShare,
        double piiShare,
        String zone) {
      this(seed, start, months, orders, dirtyShare, piiShare, zone, List.of());
    }

    /** Checks that every fix names a cause with an offender. */
    public Params {
      fixes = List.copyOf(fixes);
      for (PlantedFix fix : fixes) {
        Cause cause =
            CauseCatalog.all().stream()
                .filter(c -> c.id().equals(fix.cause()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No planted cause " + fix.cause()));
        if (cause.offender() == null) {
          throw new IllegalArgumentException("Cause " + fix.cause() + " has no offender to fix");
        }
      }
    }
  }

  /**
   * A fix planted in the data: orders placed on or after {@code from} (business time zone) no
   * longer get the cause's offender multiplier.
   *
   * @param cause the cause id ({@code delivery_delay})
   * @param from the first day of the fix
   */
  public record PlantedFix(String cause, LocalDate from) implements Serializable {}

  /** One order. */
  public record Order(
      long index,
      String orderId,
      Instant orderedAt,
      String customerId,
      int seller,
      int category,
      String channel,
      double amount)
      implements Serializable {

    /** The seller id, {@code S01}..{@code S40}. */
    public String sellerId() {
      return sellerId(seller);
    }

    /** The product category name. */
    public String categoryName() {
      return CauseCatalog.CATEGORIES.get(category);
    }

    static String sellerId(int seller) {
      return String.format(Locale.ROOT, "S%02d", seller);
    }
  }

  /** One generated ticket row together with its truth. */
  public record Ticket(
      String ticketId,
      String createdAt,
      String title,
      String body,
      String channel,
      String customerId,
      String orderId,
      String agentTag,
      Double handleSeconds,
      Double csat,
      String cause,
      boolean repeat,
      boolean offender,
      boolean inSpike,
      boolean unknownOrder,
      String language,
      String dirtyKind,
      String piiKind,
      String piiValue)
      implements Serializable {}

  private final Params params;
  private final long startMillis;
  private final long windowMillis;
  private final long firstMondayMillis;
  private final double[] sellerCumulative;
  private final long lastMonthStartMillis;

  /** A generator for these parameters. */
  public SyntheticVoc(Params params) {
    this.params = params;
    ZoneId zone = ZoneId.of(params.zone());
    ZonedDateTime start = params.start().atDay(1).atStartOfDay(zone);
    ZonedDateTime end = params.start().plusMonths(params.months()).atDay(1).atStartOfDay(zone);
    this.startMillis = start.toInstant().toEpochMilli();
    this.windowMillis = Duration.between(start, end).toMillis();
    this.lastMonthStartMillis =
        params
            .start()
            .plusMonths(params.months() - 1)
            .atDay(1)
            .atStartOfDay(zone)
            .toInstant()
            .toEpochMilli();
    LocalDate firstMonday =
        params.start().atDay(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    this.firstMondayMillis = firstMonday.atStartOfDay(zone).toInstant().toEpochMilli();
    // Seller sizes follow a Zipf-like curve: a few big sellers, a long tail.
    double[] weights = new double[SELLERS];
    double total = 0;
    for (int k = 0; k < SELLERS; k++) {
      weights[k] = 1.0 / Math.pow(k + 1, 0.7);
      total += weights[k];
    }
    sellerCumulative = new double[SELLERS];
    double running = 0;
    for (int k = 0; k < SELLERS; k++) {
      running += weights[k] / total;
      sellerCumulative[k] = running;
    }
  }

  /** The parameters this generator was made with. */
  public Params params() {
    return params;
  }

  /** The Monday that starts week {@code week} of the data (week 0 = the first Monday). */
  public LocalDate weekStart(int week) {
    ZoneId zone = ZoneId.of(params.zone());
    return Instant.ofEpochMilli(firstMondayMillis).atZone(zone).toLocalDate().plusWeeks(week);
  }

  /** The seller's main category: S03 sells fashion, the size-exchange offender. */
  static int mainCategory(int seller) {
    return (seller + 5) % CauseCatalog.CATEGORIES.size();
  }

  /** The order with this index. */
  public Order order(long index) {
    SplittableRandom random = random(index, 0);
    Instant orderedAt = Instant.ofEpochMilli(startMillis + random.nextLong(windowMillis));
    double u = random.nextDouble();
    int seller = 1;
    while (seller < SELLERS && sellerCumulative[seller - 1] < u) {
      seller++;
    }
    int category =
        random.nextDouble() < 0.8
            ? mainCategory(seller)
            : random.nextInt(CauseCatalog.CATEGORIES.size());
    double c = random.nextDouble();
    String channel = ORDER_CHANNELS.get(c < 0.55 ? 0 : c < 0.85 ? 1 : 2);
    long customers = Math.max(1, params.orders() / 3);
    String customerId = String.format(Locale.ROOT, "C%08d", random.nextLong(customers));
    double amount = Math.round(Math.exp(10.3 + 0.8 * random.nextGaussian()) / 100.0) * 100.0;
    return new Order(
        index, orderId(index), orderedAt, customerId, seller, category, channel, amount);
  }

  static String orderId(long index) {
    return String.format(Locale.ROOT, "ORD%09d", index);
  }

  /** The tickets about order {@code index}, in creation order, dirty rows included. */
  public List<Ticket> tickets(long index) {
    Order order = order(index);
    SplittableRandom random = random(index, 1);
    List<Ticket> tickets = new ArrayList<>();
    int[] slot = {0};
    int week =
        (int)
            Math.floorDiv(
                order.orderedAt().toEpochMilli() - firstMondayMillis, 7L * 24 * 3600 * 1000);
    for (Cause cause : CauseCatalog.all()) {
      if (!cause.categories().isEmpty() && !cause.categories().contains(order.categoryName())) {
        continue;
      }
      if (cause.id().equals(CauseCatalog.EMERGING) && !inLastMonth(order)) {
        continue;
      }
      boolean offender = isOffender(cause, order) && !fixed(cause, order);
      boolean inSpike =
          cause.spike() != null
              && cause.spike().week() == week
              && (cause.spike().dimension() == null
                  || segmentValue(order, cause.spike().dimension()).equals(cause.spike().value()));
      double rate = cause.ratePer1000() / 1000.0;
      rate *= offender ? cause.offender().multiplier() : 1.0;
      rate *= inSpike ? cause.spike().multiplier() : 1.0;
      int count = poisson(rate, random);
      for (int n = 0; n < count; n++) {
        long delayMinutes =
            60L * cause.delayHours()[0]
                + random.nextLong(60L * (cause.delayHours()[1] - cause.delayHours()[0]) + 1);
        Instant created = order.orderedAt().plus(delayMinutes, ChronoUnit.MINUTES);
        boolean repeat = false;
        double repeatChance = cause.repeatProbability();
        while (created.toEpochMilli() < startMillis + windowMillis && slot[0] < 99) {
          addTicket(tickets, order, cause, created, repeat, offender, inSpike, slot, random);
          if (random.nextDouble() >= repeatChance) {
            break;
          }
          // The same customer writes again about the same thing within a week.
          created = created.plus(12 * 60 + random.nextLong(5 * 24 * 60), ChronoUnit.MINUTES);
          repeat = true;
          repeatChance /= 2;
        }
      }
    }
    return tickets;
  }

  private void addTicket(
      List<Ticket> tickets,
      Order order,
      Cause cause,
      Instant created,
      boolean repeat,
      boolean offender,
      boolean inSpike,
      int[] slot,
      SplittableRandom random) {
    String ticketId = String.format(Locale.ROOT, "T%09d%02d", order.index(), slot[0]++);
    Language language = TextComposer.language(random);
    String body = TextComposer.body(cause, order.category(), repeat, language, random);
    double c = random.nextDouble();
    String channel = TICKET_CHANNELS.get(c < 0.45 ? 0 : c < 0.70 ? 1 : c < 0.80 ? 2 : 3);
    String title =
        (channel.equals("email") || channel.equals("board")) && random.nextDouble() < 0.7
            ? TextComposer.title(cause, random)
            : null;
    String orderId = cause.withOrder() ? order.orderId() : null;
    boolean unknownOrder = false;
    if (orderId != null && random.nextDouble() < 0.005) {
      // An order the orders table does not have (another system, a typo).
      orderId = orderId(params.orders() + random.nextLong(1_000_000));
      unknownOrder = true;
    }
    String piiKind = null;
    String piiValue = null;
    if (random.nextDouble() < params.piiShare()) {
      piiKind = pickPiiKind(cause, random);
      piiValue = piiValue(piiKind, order, random);
      body = body + " " + piiSentence(piiKind, piiValue, language, random);
    }
    ZonedDateTime local = created.atZone(ZoneId.of(params.zone()));
    double f = random.nextDouble();
    String createdAt =
        f < 0.85
            ? PLAIN.format(local)
            : f < 0.95 ? ISO_OFFSET.format(local) : SLASHED.format(local);
    double baseSeconds =
        switch (channel) {
          case "phone" -> 300;
          case "email" -> 600;
          case "board" -> 480;
          default -> 420;
        };
    double handleSeconds =
        Math.round(baseSeconds * (repeat ? 1.2 : 1.0) * Math.exp(0.4 * random.nextGaussian()));
    Double csat = null;
    if (random.nextDouble() < 0.35) {
      double mean = repeat ? 2.2 : cause.id().equals("delivery_delay") ? 2.8 : 3.8;
      csat = (double) Math.max(1, Math.min(5, Math.round(mean + random.nextGaussian())));
    }
    String agentTag = agentTag(cause, random);
    Ticket ticket =
        new Ticket(
            ticketId,
            createdAt,
            title,
            body,
            channel,
            order.customerId(),
            orderId,
            agentTag,
            handleSeconds,
            csat,
            cause.id(),
            repeat,
            offender,
            inSpike,
            unknownOrder,
            language.code,
            null,
            piiKind,
            piiValue);
    if (random.nextDouble() < params.dirtyShare()) {
      String kind = TextComposer.pick(DIRTY_KINDS, random);
      if (kind.equals("duplicate_id")) {
        tickets.add(ticket);
        // The same ticket exported twice, the copy a minute later: ingest keeps the original.
        String later = PLAIN.format(local.plusMinutes(1));
        tickets.add(withDirt(ticket, kind, ticketId, later, title, body));
        return;
      }
      ticket = dirty(ticket, kind, random);
    }
    tickets.add(ticket);
  }

  private static Ticket dirty(Ticket t, String kind, SplittableRandom random) {
    return switch (kind) {
      case "missing_id" ->
          withDirt(t, kind, random.nextBoolean() ? null : " ", t.createdAt(), t.title(), t.body());
      case "missing_date" ->
          withDirt(t, kind, t.ticketId(), random.nextBoolean() ? null : "", t.title(), t.body());
      case "unparseable_date" ->
          withDirt(
              t,
              kind,
              t.ticketId(),
              TextComposer.pick(
                  List.of("2026-02-30 25:61:00", "어제 오후 3시", "13/45/2026", "N/A"), random),
              t.title(),
              t.body());
      case "date_out_of_range" ->
          withDirt(
              t,
              kind,
              t.ticketId(),
              random.nextBoolean() ? "1970-01-01 09:00:00" : "2099-12-31 23:59:59",
              t.title(),
              t.body());
      case "empty_text" ->
          withDirt(
              t,
              kind,
              t.ticketId(),
              t.createdAt(),
              null,
              TextComposer.pick(List.of("", "   ", "\n\t "), random));
      case "invalid_encoding" ->
          withDirt(t, kind, t.ticketId(), t.createdAt(), t.title(), mangle(t.body()));
      case "text_too_long" ->
          withDirt(t, kind, t.ticketId(), t.createdAt(), t.title(), pasteLog(t.body()));
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static Ticket withDirt(
      Ticket t, String kind, String ticketId, String createdAt, String title, String body) {
    return new Ticket(
        ticketId,
        createdAt,
        title,
        body,
        t.channel(),
        t.customerId(),
        t.orderId(),
        t.agentTag(),
        t.handleSeconds(),
        t.csat(),
        t.cause(),
        t.repeat(),
        t.offender(),
        t.inSpike(),
        t.unknownOrder(),
        t.language(),
        kind,
        t.piiKind(),
        t.piiValue());
  }

  /** What a text decoded with the wrong character set looks like: replacement characters. */
  private static String mangle(String body) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      out.append(!Character.isWhitespace(c) && i % 3 == 0 ? "\uFFFD\uFFFD" : String.valueOf(c));
    }
    return out.toString();
  }

  /** A customer pasting an error log under the question. */
  private static String pasteLog(String body) {
    StringBuilder out = new StringBuilder(body).append("\n");
    int line = 0;
    while (out.length() < 6500) {
      out.append("[ERROR] checkout-service request failed code=500 line=")
          .append(line++)
          .append('\n');
    }
    return out.toString();
  }

  /** Whether the order falls in the last month of the data (where the emerging cause starts). */
  private boolean inLastMonth(Order order) {
    return params.months() >= 2 && order.orderedAt().toEpochMilli() >= lastMonthStartMillis;
  }

  private static boolean isOffender(Cause cause, Order order) {
    return cause.offender() != null
        && segmentValue(order, cause.offender().dimension()).equals(cause.offender().value());
  }

  /** Whether a planted fix of the cause applies to the order (placed on or after its day). */
  private boolean fixed(Cause cause, Order order) {
    for (PlantedFix fix : params.fixes()) {
      if (fix.cause().equals(cause.id())
          && !order
              .orderedAt()
              .atZone(ZoneId.of(params.zone()))
              .toLocalDate()
              .isBefore(fix.from())) {
        return true;
      }
    }
    return false;
  }

  private static String segmentValue(Order order, String dimension) {
    return switch (dimension) {
      case "seller_id" -> order.sellerId();
      case "product_category" -> order.categoryName();
      case "channel" -> order.channel();
      default -> throw new IllegalStateException(dimension);
    };
  }

  private static String agentTag(Cause cause, SplittableRandom random) {
    double p = random.nextDouble();
    if (p < 0.65) {
      return cause.agentTag();
    }
    if (p < 0.80) {
      int gt = cause.agentTag().indexOf('>');
      return gt > 0 ? cause.agentTag().substring(0, gt) : cause.agentTag();
    }
    return p < 0.90 ? "기타" : null;
  }

  private static String pickPiiKind(Cause cause, SplittableRandom random) {
    if (cause.id().equals("refund_delay") && random.nextBoolean()) {
      return "account";
    }
    if (cause.id().equals("payment_error") && random.nextBoolean()) {
      return "card";
    }
    if (cause.id().equals("address_change") && random.nextBoolean()) {
      return "address";
    }
    double p = random.nextDouble();
    return p < 0.35
        ? "phone"
        : p < 0.55
            ? "email"
            : p < 0.75
                ? "order"
                : p < 0.83 ? "address" : p < 0.90 ? "account" : p < 0.96 ? "card" : "rrn";
  }

  private static String piiValue(String kind, Order order, SplittableRandom random) {
    return switch (kind) {
      case "phone" -> {
        String middle = String.format(Locale.ROOT, "%04d", random.nextInt(10000));
        String last = String.format(Locale.ROOT, "%04d", random.nextInt(10000));
        double f = random.nextDouble();
        yield f < 0.5
            ? "010-" + middle + "-" + last
            : f < 0.7
                ? "010" + middle + last
                : f < 0.8
                    ? "010 " + middle + " " + last
                    : f < 0.9
                        ? "+82 10-" + middle + "-" + last
                        : "02-" + middle.substring(1) + "-" + last;
      }
      case "email" -> {
        StringBuilder local = new StringBuilder();
        int len = 5 + random.nextInt(6);
        for (int i = 0; i < len; i++) {
          local.append((char) ('a' + random.nextInt(26)));
        }
        local.append(random.nextInt(100));
        yield local
            + "@"
            + TextComposer.pick(List.of("naver.com", "gmail.com", "daum.net", "kakao.com"), random);
      }
      case "order" -> order.orderId();
      case "account" -> {
        double f = random.nextDouble();
        yield f < 0.4
            ? String.format(
                Locale.ROOT, "110-%03d-%06d", random.nextInt(1000), random.nextInt(1_000_000))
            : f < 0.7
                ? String.format(
                    Locale.ROOT, "1002-%03d-%06d", random.nextInt(1000), random.nextInt(1_000_000))
                : String.format(
                    Locale.ROOT, "3333-%02d-%07d", random.nextInt(100), random.nextInt(10_000_000));
      }
      case "card" ->
          String.format(
              Locale.ROOT,
              "%04d-%04d-%04d-%04d",
              4000 + random.nextInt(5000),
              random.nextInt(10000),
              random.nextInt(10000),
              random.nextInt(10000));
      case "rrn" ->
          String.format(
              Locale.ROOT,
              "%02d%02d%02d-%d%06d",
              60 + random.nextInt(40),
              1 + random.nextInt(12),
              1 + random.nextInt(28),
              1 + random.nextInt(2),
              random.nextInt(1_000_000));
      case "address" ->
          String.format(
              Locale.ROOT,
              "%s %d %d동 %d호",
              TextComposer.pick(
                  List.of("서울특별시 강남구 테헤란로", "서울 마포구 월드컵북로", "경기도 성남시 분당구 판교역로", "부산광역시 해운대구 센텀중앙로"),
                  random),
              1 + random.nextInt(400),
              101 + random.nextInt(10),
              101 + random.nextInt(1500));
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static String piiSentence(
      String kind, String value, Language language, SplittableRandom random) {
    if (language == Language.ENGLISH) {
      return switch (kind) {
        case "order" -> "Order number " + value;
        case "account" -> "Refund to account " + value;
        case "card" -> "Card number " + value;
        default -> "My contact: " + value;
      };
    }
    return switch (kind) {
      case "phone" ->
          TextComposer.pick(List.of("연락처 " + value + " 입니다", value + " 로 전화 주세요"), random);
      case "email" -> value + " 로 답장 주세요";
      case "order" ->
          TextComposer.pick(List.of("주문번호 " + value, "주문번호는 " + value + " 입니다"), random);
      case "account" ->
          "환불 계좌 " + TextComposer.pick(List.of("신한", "국민", "카카오뱅크", "우리"), random) + " " + value;
      case "card" -> "카드번호 " + value + " 로 결제했어요";
      case "rrn" -> "본인확인용 주민번호 " + value;
      default -> "주소는 " + value + " 입니다";
    };
  }

  private static int poisson(double mean, SplittableRandom random) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }

  private SplittableRandom random(long index, int stream) {
    long z = params.seed() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + stream;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }
}
