package dev.headroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SatisfactionTest {

  /**
   * By hand: 100 rated contacts averaging 3.5 (350), of which the topic's 20 average 2.0 (40).
   * Without them: 310 / 80 = 3.875, so the topic's impact is 3.5 - 3.875 = -0.375. NPS: 200
   * answers, 80 promoters and 50 detractors overall (NPS 15); the topic's 40 answers have 4
   * promoters and 30 detractors (NPS -65); without them 76 and 20 of 160 (NPS 35): impact -20.
   */
  @Test
  void impactIsTheOverallScoreMinusTheScoreWithoutTheTopic() {
    Satisfaction.Scores all = new Satisfaction.Scores(350, 100, 80, 50, 200);
    Satisfaction.Scores topic = new Satisfaction.Scores(40, 20, 4, 30, 40);
    Satisfaction s = Satisfaction.of(all, topic);
    assertEquals(-0.375, s.csatImpact(), 1e-12);
    assertEquals(-65.0, s.nps(), 1e-12);
    assertEquals(40, s.npsResponses());
    assertEquals(15.0 - 35.0, s.npsImpact(), 1e-12);
  }

  /** Contacts without scores count as unrated, never as zero: no answers, no impact. */
  @Test
  void unratedTopicsHaveNoImpact() {
    Satisfaction.Scores all = new Satisfaction.Scores(350, 100, 0, 0, 0);
    Satisfaction s = Satisfaction.of(all, Satisfaction.Scores.NONE);
    assertNull(s.csatImpact());
    assertNull(s.nps());
    assertNull(s.npsImpact());
    // Every rated contact is the topic's: nothing to compare with.
    assertNull(Satisfaction.of(all, all).csatImpact());
  }
}
