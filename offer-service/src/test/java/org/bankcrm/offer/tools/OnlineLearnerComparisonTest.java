package org.bankcrm.offer.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bankcrm.offer.tools.OnlineLearnerComparison.Answer;
import org.junit.jupiter.api.Test;

/** The comparison's learners work: a negative result on the real file is the data's, not a broken learner's. */
class OnlineLearnerComparisonTest {

    /** Acceptance when exactly one of two traits holds (an interaction no linear model can express). */
    private static List<Answer> exclusiveOr(int count) {
        Random world = new Random(11);
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean a = world.nextBoolean();
            boolean b = world.nextBoolean();
            boolean accepted = world.nextDouble() < (a ^ b ? 0.6 : 0.05);
            answers.add(new Answer(new double[] { 1, a ? 1 : 0, b ? 1 : 0 }, accepted, i % 2 == 0));
        }
        return answers;
    }

    /** The best ranking possible here has an AUC of about 0.81 (acceptance 0.6 against 0.05, half the clients each). */
    @Test
    void theNonLinearLearnersFindAnInteractionTheLinearModelCannot() {
        List<Answer> answers = exclusiveOr(20_000);
        double linear = OnlineLearnerComparison.auc(answers, OnlineLearnerComparison.bayes(3, 4, 1.0));
        assertThat(linear).isLessThan(0.65);
        assertThat(OnlineLearnerComparison.auc(answers, new OnlineLearnerComparison.Network(3, 8, 0.003, 1e-4)))
                .isGreaterThan(0.75);
        assertThat(OnlineLearnerComparison.auc(answers, new OnlineLearnerComparison.FactorisationMachine(3, 2, 0.05, 1e-4)))
                .isGreaterThan(0.75);
    }

    @Test
    void theRecentRateInputFollowsTheScoredAnswersOnly() {
        List<Answer> answers = List.of(new Answer(new double[] { 1 }, true, true), new Answer(new double[] { 1 }, true, false),
                new Answer(new double[] { 1 }, false, true));
        List<Answer> withRate = OnlineLearnerComparison.withRecentRate(answers, 10);
        double nothingYet = withRate.get(0).x()[1];
        assertThat(withRate.get(1).x()[1]).isGreaterThan(nothingYet);
        // the unscored answer (an earlier call's) does not move it
        assertThat(withRate.get(2).x()[1]).isEqualTo(withRate.get(1).x()[1]);
    }

    @Test
    void theReplayShowsEveryLearntAnswerOnce() {
        List<String> lines = new ArrayList<>();
        lines.add("\"age\";\"job\";\"marital\";\"education\";\"default\";\"housing\";\"loan\";\"contact\";\"month\";\"day_of_week\";"
                + "\"duration\";\"campaign\";\"pdays\";\"previous\";\"poutcome\";\"emp.var.rate\";\"cons.price.idx\";"
                + "\"cons.conf.idx\";\"euribor3m\";\"nr.employed\";\"y\"");
        // one row with a previous campaign's answer (learnt, not scored), one without
        lines.add("41;\"admin.\";\"married\";\"high.school\";\"no\";\"yes\";\"no\";\"cellular\";\"may\";\"mon\";100;2;6;1;\"success\";1.1;93.9;-36.4;4.9;5191;\"yes\"");
        lines.add("35;\"technician\";\"single\";\"university.degree\";\"no\";\"no\";\"no\";\"telephone\";\"jun\";\"tue\";100;1;999;0;\"nonexistent\";1.1;93.9;-36.4;4.9;5191;\"no\"");
        List<Boolean> scored = new ArrayList<>();
        BankMarketingReplay.replay(lines, 4, 0.9995, new Random(1), BankMarketingReplay.FeatureMap.SERVICE_LIVE,
                (x, accepted, isScored) -> scored.add(isScored));
        assertThat(scored).containsExactly(false, true, true);
    }
}
