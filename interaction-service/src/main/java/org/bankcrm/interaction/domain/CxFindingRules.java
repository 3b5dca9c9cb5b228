package org.bankcrm.interaction.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What CX monitoring flags, comparing a period with the one before it: the causes of bank-caused negative
 * experiences ranked by count and trend, channels whose CSAT fell by at least {@code csatDrop} (on enough
 * answers in both periods), and needs whose repeat-contact rate reaches {@code repeatContactRate} (on enough
 * touchpoints).
 */
public final class CxFindingRules {
    private final double csatDrop;
    private final long minCsatResponses;
    private final double repeatContactRate;
    private final long minTouchpoints;

    public CxFindingRules(double csatDrop, long minCsatResponses, double repeatContactRate, long minTouchpoints) {
        this.csatDrop = csatDrop;
        this.minCsatResponses = minCsatResponses;
        this.repeatContactRate = repeatContactRate;
        this.minTouchpoints = minTouchpoints;
    }

    public enum Trend {
        RISING, STEADY, FALLING
    }

    public record CauseFinding(CauseDetail causeDetail, long count, long previousCount, long change, Trend trend) {
    }

    public record CsatFinding(Channel channel, double csat, double previousCsat, double drop, long responses,
            long previousResponses) {
    }

    public record RepeatContactFinding(Need need, double repeatContactRate, long repeatContacts, long touchpoints) {
    }

    /** Bank-caused negative experiences by cause detail, most frequent first, the faster rising first on a tie. */
    public List<CauseFinding> bankCausedNegativeCauses(CxBreakdown current, CxBreakdown previous) {
        List<CauseFinding> findings = new ArrayList<>();
        for (CauseDetail cause : CauseDetail.values()) {
            long now = current.byCauseDetail().getOrDefault(cause, CxCounts.ZERO).negativeBankCaused();
            long before = previous.byCauseDetail().getOrDefault(cause, CxCounts.ZERO).negativeBankCaused();
            if (now > 0 || before > 0) {
                long change = now - before;
                findings.add(new CauseFinding(cause, now, before, change,
                        change > 0 ? Trend.RISING : change < 0 ? Trend.FALLING : Trend.STEADY));
            }
        }
        findings.sort(Comparator.comparingLong(CauseFinding::count).reversed()
                .thenComparing(Comparator.comparingLong(CauseFinding::change).reversed()));
        return findings;
    }

    /** Channels whose average CSAT fell by at least the threshold, the steepest fall first. */
    public List<CsatFinding> fallingCsat(CxBreakdown current, CxBreakdown previous) {
        List<CsatFinding> findings = new ArrayList<>();
        for (Map.Entry<Channel, CxCounts> entry : current.byChannel().entrySet()) {
            CxCounts now = entry.getValue();
            CxCounts before = previous.byChannel().getOrDefault(entry.getKey(), CxCounts.ZERO);
            if (now.csatResponses() < minCsatResponses || before.csatResponses() < minCsatResponses) {
                continue;
            }
            double drop = before.csatAverage() - now.csatAverage();
            if (drop >= csatDrop) {
                findings.add(new CsatFinding(entry.getKey(), now.csatAverage(), before.csatAverage(), drop,
                        now.csatResponses(), before.csatResponses()));
            }
        }
        findings.sort(Comparator.comparingDouble(CsatFinding::drop).reversed());
        return findings;
    }

    /** Needs whose repeat-contact rate reaches the threshold, the highest first. */
    public List<RepeatContactFinding> highRepeatContactNeeds(CxBreakdown current) {
        List<RepeatContactFinding> findings = new ArrayList<>();
        for (Map.Entry<Need, CxCounts> entry : current.byNeed().entrySet()) {
            CxCounts counts = entry.getValue();
            if (counts.touchpoints() >= minTouchpoints && counts.repeatContactRate() >= repeatContactRate) {
                findings.add(new RepeatContactFinding(entry.getKey(), counts.repeatContactRate(),
                        counts.repeatContacts(), counts.touchpoints()));
            }
        }
        findings.sort(Comparator.comparingDouble(RepeatContactFinding::repeatContactRate).reversed());
        return findings;
    }
}
