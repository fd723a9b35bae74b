package dev.headroom.stats;

import java.io.Serializable;

/**
 * What a topic costs in satisfaction (docs/headroom.md, "Satisfaction impact"): the overall score
 * minus the score of every rated contact but the topic's. A topic rated below the rest pulls the
 * overall score down, so its impact is negative; removing it would raise the score by as much.
 * Contacts without a score are left out of both, never counted as zero.
 *
 * @param csatImpact overall mean CSAT minus the mean without the topic, null when the topic or the
 *     rest has no rated contact
 * @param nps the topic's NPS (percent promoters, 9-10, minus percent detractors, 0-6), null without
 *     responses
 * @param npsResponses the topic's contacts with an NPS answer
 * @param npsImpact overall NPS minus the NPS without the topic, null as for CSAT
 */
public record Satisfaction(Double csatImpact, Double nps, long npsResponses, Double npsImpact)
    implements Serializable {

  /** A topic with no scores of either kind. */
  public static final Satisfaction NONE = new Satisfaction(null, null, 0, null);

  /** The lowest NPS answer that makes a promoter. */
  public static final double PROMOTER = 9;

  /** The highest NPS answer that makes a detractor. */
  public static final double DETRACTOR = 6;

  /**
   * Scores summed over a set of contacts.
   *
   * @param csatSum the sum of CSAT scores
   * @param csatResponses contacts with a CSAT score
   * @param promoters NPS answers of 9 or 10
   * @param detractors NPS answers of 0 to 6
   * @param npsResponses contacts with an NPS answer
   */
  public record Scores(
      double csatSum, long csatResponses, long promoters, long detractors, long npsResponses)
      implements Serializable {

    /** No scores. */
    public static final Scores NONE = new Scores(0, 0, 0, 0, 0);

    /** These scores with another set's added. */
    public Scores plus(Scores other) {
      return new Scores(
          csatSum + other.csatSum,
          csatResponses + other.csatResponses,
          promoters + other.promoters,
          detractors + other.detractors,
          npsResponses + other.npsResponses);
    }

    /** These scores without a subset's. */
    Scores minus(Scores part) {
      return new Scores(
          csatSum - part.csatSum,
          csatResponses - part.csatResponses,
          promoters - part.promoters,
          detractors - part.detractors,
          npsResponses - part.npsResponses);
    }

    /** The mean CSAT, null without responses. */
    public Double csat() {
      return csatResponses == 0 ? null : csatSum / csatResponses;
    }

    /** The NPS from -100 to 100, null without responses. */
    public Double nps() {
      return npsResponses == 0 ? null : 100.0 * (promoters - detractors) / npsResponses;
    }
  }

  /** A topic's impact, from all contacts' scores and the topic's own. */
  public static Satisfaction of(Scores all, Scores topic) {
    Scores rest = all.minus(topic);
    return new Satisfaction(
        difference(all.csat(), topic.csat() == null ? null : rest.csat()),
        topic.nps(),
        topic.npsResponses(),
        difference(all.nps(), topic.nps() == null ? null : rest.nps()));
  }

  private static Double difference(Double overall, Double without) {
    return overall == null || without == null ? null : overall - without;
  }
}
