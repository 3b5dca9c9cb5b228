package org.bankcrm.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

import org.bankcrm.loyalty.domain.LoyaltyMonth.Movement;
import org.bankcrm.loyalty.domain.LoyaltyMonth.StateCell;
import org.junit.jupiter.api.Test;

class LoyaltyMonthTest {
    static final YearMonth JUNE = YearMonth.of(2026, 6);
    static final Duration HORIZON = Duration.ofDays(180);

    @Test
    void theMixCountsClientsPerQuadrantAndTypeAndTheBandsThoseWithARisk() {
        var month = LoyaltyMonth.of(JUNE, List.of(
                new StateCell("PROFITABLE_HIGH_POTENTIAL", LoyaltyType.TRUE, 0, 2),
                new StateCell("PROFITABLE_HIGH_POTENTIAL", LoyaltyType.TRUE, 3, 1),
                new StateCell(null, LoyaltyType.NONE, null, 4)), List.of(), churn(0, 0, 0));
        assertThat(month.clients()).isEqualTo(7);
        assertThat(month.types()).containsEntry(LoyaltyType.TRUE, 3L).containsEntry(LoyaltyType.NONE, 4L)
                .containsEntry(LoyaltyType.LATENT, 0L);
        assertThat(month.mix()).extracting(LoyaltyMonth.MixCell::clients).containsExactly(3L, 4L);
        assertThat(month.riskBands()).containsExactly(2, 0, 0, 1, 0, 0, 0, 0, 0, 0);
        assertThat(month.noRisk()).isEqualTo(4);
    }

    @Test
    void aMovementCountsOnlyClientsWhoseTypeChanged() {
        var month = LoyaltyMonth.of(JUNE, List.of(), List.of(new Movement(LoyaltyType.TRUE, LoyaltyType.SPURIOUS, 1),
                new Movement(LoyaltyType.LATENT, LoyaltyType.LATENT, 2)), churn(0, 0, 0));
        assertThat(month.moved()).isEqualTo(1);
        assertThat(month.movedShare()).isEqualTo(0.3333);
        assertThat(LoyaltyMonth.of(JUNE, List.of(), List.of(), churn(0, 0, 0)).movedShare()).isNull();
    }

    @Test
    void aRiskFallsInItsTenthAndACertainOneInTheLast() {
        assertThat(LoyaltyMonth.band(0.0)).isZero();
        assertThat(LoyaltyMonth.band(0.1)).isEqualTo(1);
        assertThat(LoyaltyMonth.band(0.999)).isEqualTo(9);
        assertThat(LoyaltyMonth.band(1.0)).isEqualTo(9);
        assertThat(LoyaltyMonth.band(null)).isNull();
    }

    @Test
    void theObservedRateIsTheShareOfClientsAtRiskWhoLeftAndThePredictedOneTheMeanRiskBroughtToTheMonth() {
        ChurnMonth june = churn(4, 0.8, 1); // mean risk 0.2 over 180 days; June has 30 days
        assertThat(june.meanPredictedRisk()).isEqualTo(0.2);
        assertThat(june.observedRate()).isEqualTo(0.25);
        assertThat(june.predictedMonthlyRate(HORIZON)).isEqualTo(ChurnMonth.round(1 - Math.pow(0.8, 30 / 180.0)));
        assertThat(june.observedHorizonRate(HORIZON)).isEqualTo(ChurnMonth.round(1 - Math.pow(0.75, 6)));
    }

    @Test
    void aMonthWithNobodyAtRiskHasNoRatesRatherThanZeros() {
        ChurnMonth empty = new ChurnMonth(JUNE, 0, 0, 0, 2, 0, 0);
        assertThat(empty.meanPredictedRisk()).isNull();
        assertThat(empty.observedRate()).isNull();
        assertThat(empty.predictedMonthlyRate(HORIZON)).isNull();
        assertThat(empty.observedHorizonRate(HORIZON)).isNull();
        assertThat(empty.departuresMeanPredictedRisk()).isNull();
        assertThat(new ChurnMonth(JUNE, 0, 0, 0, 2, 2, 0.9).departuresMeanPredictedRisk()).isEqualTo(0.45);
    }

    static ChurnMonth churn(long atRisk, double riskSum, long leavers) {
        return new ChurnMonth(JUNE, atRisk, riskSum, leavers, leavers, 0, 0);
    }
}
