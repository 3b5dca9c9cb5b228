package org.bankcrm.interaction.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.bankcrm.interaction.domain.CxFindingRules.CauseFinding;
import org.bankcrm.interaction.domain.CxFindingRules.CsatFinding;
import org.bankcrm.interaction.domain.CxFindingRules.RepeatContactFinding;

/**
 * One calendar month's CX KPIs: its counts in all and by channel, need, cause and cause detail, and what monitoring
 * flags in it against the month before (the rules of {@code /cx/findings}, a month against a month); {@code findings}
 * is null when the month before is not known (a snapshot series that lacks it).
 */
public record CxMonth(YearMonth month, CxBreakdown breakdown, Findings findings) {

    public record Findings(List<CauseFinding> bankCausedNegativeCauses, List<CsatFinding> fallingCsatChannels,
            List<RepeatContactFinding> highRepeatContactNeeds) {
    }

    /**
     * The months given, each with its findings against the month before it; {@code breakdown} answers a month's
     * breakdown, or null for a month not known (skipped in the series; no findings for the month after it).
     */
    public static List<CxMonth> series(List<YearMonth> months, Function<YearMonth, CxBreakdown> breakdown, CxFindingRules rules) {
        List<CxMonth> series = new ArrayList<>();
        for (YearMonth month : months) {
            CxBreakdown now = breakdown.apply(month);
            if (now == null) {
                continue;
            }
            CxBreakdown before = breakdown.apply(month.minusMonths(1));
            Findings findings = before == null ? null
                    : new Findings(rules.bankCausedNegativeCauses(now, before), rules.fallingCsat(now, before),
                            rules.highRepeatContactNeeds(now));
            series.add(new CxMonth(month, now, findings));
        }
        return series;
    }
}
