package org.bankcrm.interaction.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bankcrm.interaction.domain.CxFindingRules.Trend;
import org.junit.jupiter.api.Test;

class CxFindingRulesTest {
    final CxFindingRules rules = new CxFindingRules(0.3, 20, 0.15, 20);

    static CxCounts counts(long touchpoints, long csatSum, long csatResponses, long negativeBankCaused, long repeats) {
        return new CxCounts(touchpoints, csatSum, csatResponses, 0, 0, 0, negativeBankCaused, negativeBankCaused, repeats,
                0, 0, 0);
    }

    static CxBreakdown of(CxCell... cells) {
        return CxBreakdown.of(List.of(cells));
    }

    @Test
    void bankCausedNegativeCausesAreRankedByCountThenByHowFastTheyRise() {
        CxBreakdown now = of(new CxCell(Channel.BRANCH, Need.CARDS, Cause.BANK, CauseDetail.FEES, counts(5, 0, 0, 5, 0)),
                new CxCell(Channel.CHAT, Need.CARDS, Cause.BANK, CauseDetail.OUTAGE, counts(5, 0, 0, 5, 0)),
                new CxCell(Channel.CHAT, Need.CARDS, Cause.BANK, CauseDetail.STAFF, counts(2, 0, 0, 2, 0)));
        CxBreakdown before = of(new CxCell(Channel.BRANCH, Need.CARDS, Cause.BANK, CauseDetail.FEES, counts(8, 0, 0, 8, 0)),
                new CxCell(Channel.CHAT, Need.CARDS, Cause.BANK, CauseDetail.OUTAGE, counts(1, 0, 0, 1, 0)),
                new CxCell(Channel.CHAT, Need.CARDS, Cause.BANK, CauseDetail.STAFF, counts(2, 0, 0, 2, 0)));
        var ranked = rules.bankCausedNegativeCauses(now, before);
        assertThat(ranked).extracting(CxFindingRules.CauseFinding::causeDetail)
                .containsExactly(CauseDetail.OUTAGE, CauseDetail.FEES, CauseDetail.STAFF);
        assertThat(ranked).extracting(CxFindingRules.CauseFinding::trend)
                .containsExactly(Trend.RISING, Trend.FALLING, Trend.STEADY);
        assertThat(ranked.get(0).change()).isEqualTo(4);
    }

    @Test
    void aChannelWhoseCsatFellByAtLeastTheThresholdOnEnoughAnswersIsFlagged() {
        // CHAT 4.5 → 4.1 on 20 answers each: fell 0.4; BRANCH 4.5 → 4.3: fell 0.2; ATM fell 2.0 on 10 answers only
        CxBreakdown before = of(new CxCell(Channel.CHAT, Need.CARDS, null, null, counts(20, 90, 20, 0, 0)),
                new CxCell(Channel.BRANCH, Need.CARDS, null, null, counts(20, 90, 20, 0, 0)),
                new CxCell(Channel.ATM, Need.CARDS, null, null, counts(10, 50, 10, 0, 0)));
        CxBreakdown now = of(new CxCell(Channel.CHAT, Need.CARDS, null, null, counts(20, 82, 20, 0, 0)),
                new CxCell(Channel.BRANCH, Need.CARDS, null, null, counts(20, 86, 20, 0, 0)),
                new CxCell(Channel.ATM, Need.CARDS, null, null, counts(10, 30, 10, 0, 0)));
        var falling = rules.fallingCsat(now, before);
        assertThat(falling).extracting(CxFindingRules.CsatFinding::channel).containsExactly(Channel.CHAT);
        assertThat(falling.get(0).drop()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aNeedWithFifteenPercentRepeatContactsOrMoreOnTwentyTouchpointsIsFlagged() {
        CxBreakdown now = of(new CxCell(Channel.CHAT, Need.CARDS, null, null, counts(20, 0, 0, 0, 3)),
                new CxCell(Channel.CHAT, Need.LENDING, null, null, counts(20, 0, 0, 0, 2)),
                new CxCell(Channel.CHAT, Need.SAVINGS, null, null, counts(10, 0, 0, 0, 5)));
        assertThat(rules.highRepeatContactNeeds(now)).extracting(CxFindingRules.RepeatContactFinding::need)
                .containsExactly(Need.CARDS);
    }
}
