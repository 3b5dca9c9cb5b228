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
        ChurnRiskModel truth = new ChurnRiskModel(0.3, -3.0, -2.0, 0.4, 0.7, -1.0, 0.25);
        Random random = new Random(7);
        List<LogisticFit.Example> examples = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            double[] x = { random.nextDouble(), random.nextDouble(), random.nextInt(3), random.nextDouble() * 2,
                    0.3 * random.nextGaussian(), random.nextDouble() * 2 };
            examples.add(new LogisticFit.Example(x, random.nextDouble() < ChurnRiskModel.sigmoid(truth.linear(x))));
        }
        double[] fitted = LogisticFit.fit(examples, 1e-6, 50).coefficients();
        double[] expected = { 0.3, -3.0, -2.0, 0.4, 0.7, -1.0, 0.25 };
        for (int j = 0; j < expected.length; j++) {
            assertThat(fitted[j]).as("coefficient %d", j).isCloseTo(expected[j], within(0.25));
        }
    }

    @Test
    void theInputsKeptWithEachScoreChangeAreARowTheFittingCommandReads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        LoyaltyScore score = new LoyaltyScore();
        score.clientId = java.util.UUID.randomUUID();
        score.behavioural = 88.4;
        score.perceived = 12.3;
        score.type = "SPURIOUS";
        score.churnRisk = 0.35;
        score.updatedAt = java.time.Instant.now();
        LoyaltyFeatures f = new LoyaltyFeatures(10, 6, 6, 4, 0, 0.5, 2, 40, -0.2, 1.0, 3, 3, 2, null, 1, 1.0, 3, 3, 3, 3,
                2.9, 2.9, 0, 0);
        ScoreChange change = ScoreChange.of(score, f);
        assertThat(change.churnInputs).isEqualTo("88.4,12.3,3,0.5000,-0.2000,2.9000");
        java.nio.file.Path csv = dir.resolve("history.csv");
        java.nio.file.Files.writeString(csv, "behavioural,perceived,openComplaints,recentClosures,balanceTrend,"
                + "recentBankCausedNegatives,left\n" + change.churnInputs + ",1\n");
        var read = org.bankcrm.loyalty.tools.ChurnModelFitting.read(csv);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).x()).containsExactly(new double[] { 0.884, 0.123, 3, 0.5, -0.2, 2.9 }, within(1e-9));
        assertThat(read.get(0).left()).isTrue();
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
