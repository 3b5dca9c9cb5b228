package org.bankcrm.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fitting of the churn model and the checks it prints. */
class ChurnModelFitTest {

    @Test
    void fittingRecoversTheCoefficientsThatLabelledTheHistory() {
        double[] truth = { 0.3, -3.0, -2.0, 0.4, 0.7 };
        Random random = new Random(7);
        List<LogisticFit.Example> examples = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            double[] x = { random.nextDouble(), random.nextDouble(), random.nextInt(3), random.nextDouble() * 2 };
            double z = truth[0];
            for (int j = 0; j < x.length; j++) {
                z += truth[j + 1] * x[j];
            }
            examples.add(new LogisticFit.Example(x, random.nextDouble() < ChurnRiskModel.sigmoid(z)));
        }
        double[] fitted = LogisticFit.fit(examples, 1e-6, 50).coefficients();
        for (int j = 0; j < truth.length; j++) {
            assertThat(fitted[j]).as("coefficient %d", j).isCloseTo(truth[j], within(0.25));
        }
    }

    @Test
    void theInputsKeptWithEachScoreChangeAreTheChurnModelsInputsInFeatureOrder() {
        LoyaltyScore score = new LoyaltyScore();
        score.clientId = java.util.UUID.randomUUID();
        score.type = "SPURIOUS";
        score.updatedAt = java.time.Instant.now();
        double[] inputs = new double[ChurnFeature.values().length];
        inputs[ChurnFeature.INACTIVE_MONTHS.ordinal()] = 3;
        inputs[ChurnFeature.BALANCE_TREND.ordinal()] = -0.25;
        ScoreChange change = ScoreChange.of(score, inputs, null);
        String[] kept = change.churnInputs.split(",");
        assertThat(kept).hasSize(ChurnFeature.values().length);
        assertThat(Double.parseDouble(kept[ChurnFeature.INACTIVE_MONTHS.ordinal()])).isEqualTo(3.0);
        assertThat(Double.parseDouble(kept[ChurnFeature.BALANCE_TREND.ordinal()])).isEqualTo(-0.25);
    }

    @Test
    void aucIsOneForAPerfectRankingAndAHalfForNoInformation() {
        List<ModelCheck.Scored> perfect = List.of(new ModelCheck.Scored(0.1, false), new ModelCheck.Scored(0.2, false),
                new ModelCheck.Scored(0.8, true), new ModelCheck.Scored(0.9, true));
        assertThat(ModelCheck.auc(perfect)).isEqualTo(1.0);
        List<ModelCheck.Scored> ties = List.of(new ModelCheck.Scored(0.5, false), new ModelCheck.Scored(0.5, true));
        assertThat(ModelCheck.auc(ties)).isEqualTo(0.5);
    }

    @Test
    void calibrationComparesPredictedAndObservedPerBin() {
        List<ModelCheck.Scored> scored = List.of(new ModelCheck.Scored(0.1, false), new ModelCheck.Scored(0.1, false),
                new ModelCheck.Scored(0.9, true), new ModelCheck.Scored(0.9, false));
        List<ModelCheck.Bin> bins = ModelCheck.calibration(scored, 2);
        assertThat(bins).hasSize(2);
        assertThat(bins.get(0).observed()).isZero();
        assertThat(bins.get(1).predicted()).isCloseTo(0.9, within(1e-9));
        assertThat(bins.get(1).observed()).isEqualTo(0.5);
    }
}
