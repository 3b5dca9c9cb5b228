package org.bankcrm.interaction.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CxMonthTest {
    final CxFindingRules rules = new CxFindingRules(0.3, 20, 0.15, 20);
    static final YearMonth JAN = YearMonth.of(2026, 1), FEB = YearMonth.of(2026, 2), MAR = YearMonth.of(2026, 3);

    static CxBreakdown bankCaused(CauseDetail detail, long count) {
        return CxBreakdown.of(List.of(new CxCell(Channel.BRANCH, Need.CARDS, Cause.BANK, detail,
                new CxCounts(count, 0, 0, 0, 0, 0, count, count, 0, 0, 0, 0))));
    }

    @Test
    void eachMonthsFindingsCompareItWithTheMonthBefore() {
        Map<YearMonth, CxBreakdown> known = Map.of(JAN, bankCaused(CauseDetail.FEES, 3), FEB, bankCaused(CauseDetail.FEES, 1));
        List<CxMonth> series = CxMonth.series(List.of(JAN, FEB), m -> known.getOrDefault(m, CxBreakdown.NONE), rules);
        assertThat(series.get(0).findings().bankCausedNegativeCauses().get(0).trend()).isEqualTo(CxFindingRules.Trend.RISING);
        assertThat(series.get(1).findings().bankCausedNegativeCauses().get(0).change()).isEqualTo(-2);
    }

    @Test
    void aMonthNotKnownIsLeftOutAndTheMonthAfterItHasNoFindings() {
        Map<YearMonth, CxBreakdown> known = Map.of(JAN, bankCaused(CauseDetail.FEES, 3), MAR, bankCaused(CauseDetail.FEES, 1));
        List<CxMonth> series = CxMonth.series(List.of(JAN, FEB, MAR), known::get, rules);
        assertThat(series).extracting(CxMonth::month).containsExactly(JAN, MAR);
        assertThat(series).allSatisfy(m -> assertThat(m.findings()).isNull());
    }

    @Test
    void negativesAreBrokenDownByWhoCausedThem() {
        CxBreakdown b = CxBreakdown.of(List.of(
                new CxCell(Channel.CHAT, Need.CARDS, Cause.BANK, CauseDetail.OUTAGE, new CxCounts(2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0)),
                new CxCell(Channel.CHAT, Need.CARDS, Cause.CLIENT, null, new CxCounts(1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0)),
                new CxCell(Channel.CHAT, Need.CARDS, null, null, new CxCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 1))));
        assertThat(b.byCause().get(Cause.BANK).negative()).isEqualTo(2);
        assertThat(b.byCause().get(Cause.CLIENT).negative()).isEqualTo(1);
        assertThat(b.byCause()).doesNotContainKey(Cause.THIRD_PARTY);
        assertThat(b.total().needMetShare()).isEqualTo(0.5);
    }
}
