package dev.headroom.backlog;

import dev.headroom.stats.FixVerification;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The rows of the {@code fixes} table for one rank run. */
final class FixRows {

  private FixRows() {}

  static List<Row> rows(List<FixOutcome> outcomes, String runId, Timestamp createdAt) {
    return outcomes.stream().map(o -> row(o, runId, createdAt)).toList();
  }

  private static Row row(FixOutcome o, String runId, Timestamp createdAt) {
    FixVerification.Groups g = o.groups();
    FixVerification.Verdict v = o.verdict();
    return RowFactory.create(
        runId,
        o.fix().topicId(),
        o.label(),
        Date.valueOf(o.fix().shippedOn()),
        o.fix().scope(),
        o.fix().note(),
        o.fix().source(),
        v.status(),
        g.treatedBefore().contacts(),
        g.treatedBefore().orders(),
        g.treatedAfter().contacts(),
        g.treatedAfter().orders(),
        g.controlBefore().contacts(),
        g.controlBefore().orders(),
        g.controlAfter().contacts(),
        g.controlAfter().orders(),
        g.treatedBefore().ratePer1000(),
        g.treatedAfter().ratePer1000(),
        g.controlBefore().ratePer1000(),
        g.controlAfter().ratePer1000(),
        v.rateRatio(),
        v.low(),
        v.high(),
        v.expectedAfter(),
        v.avoidedPerMonth(),
        v.avoidedLow(),
        v.avoidedHigh(),
        o.savingPerMonth(),
        o.currency(),
        v.weeksNeeded(),
        o.describe(),
        createdAt);
  }
}
