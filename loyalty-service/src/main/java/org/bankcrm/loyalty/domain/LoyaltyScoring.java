package org.bankcrm.loyalty.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The whole assessment of a client at one moment, from the configured rules. */
public final class LoyaltyScoring {

    /** Every number a bank tunes, as plain values (the app layer fills it from configuration). */
    public record Rules(BehaviouralLoyalty.Weights behavioural, PerceivedLoyalty.Weights perceived,
            LoyaltyType.TypeThresholds types, ChurnRiskModel churn, HalfLives halfLives) {
    }

    private final Rules rules;
    private final BehaviouralLoyalty behavioural;
    private final PerceivedLoyalty perceived;

    public LoyaltyScoring(Rules rules) {
        this.rules = rules;
        this.behavioural = new BehaviouralLoyalty(rules.behavioural(), rules.halfLives().recency());
        this.perceived = new PerceivedLoyalty(rules.perceived());
    }

    public Rules rules() {
        return rules;
    }

    public LoyaltyAssessment assess(ClientProfile profile, Instant now) {
        return assess(profile, now, rules.churn());
    }

    /** The assessment with another churn model (the one learnt online, when there is one). */
    public LoyaltyAssessment assess(ClientProfile profile, Instant now, ChurnRiskModel churnModel) {
        LoyaltyFeatures f = LoyaltyFeatures.of(profile, now, rules.halfLives());
        ChurnFeatures c = ChurnFeatures.of(profile, f, YearMonth.from(now.atOffset(ZoneOffset.UTC)));
        ScoreCard b = behavioural.score(f);
        ScoreCard p = perceived.score(f);
        double churn = churnModel.probability(c);
        List<ScoreFactor> factors = new ArrayList<>(b.factors());
        factors.addAll(p.factors());
        return new LoyaltyAssessment(b.score(), p.score(), LoyaltyType.classify(b.score(), p.score(), rules.types()),
                Math.round(churn * 10_000) / 10_000.0, List.copyOf(factors), churnModel.factors(c),
                new ScoreBasis(f.interactions(), f.productsHeld(), f.monthsOfFinancials()), churnModel.inputs(c));
    }

    static double clampScore(double score) {
        return Math.round(Math.max(0, Math.min(100, score)) * 10) / 10.0;
    }
}
