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

    /** The churn factor of a client without profiling consent: why there is no churn risk. */
    public static final ScoreFactor NO_PROFILING_CONSENT = new ScoreFactor("profiling-consent", ChurnRiskModel.CHURN_SCALE, 0,
            "no profiling consent: no churn model is applied to this client");

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
        List<ScoreFactor> factors = new ArrayList<>(b.factors());
        factors.addAll(p.factors());
        ScoreBasis basis = new ScoreBasis(f.interactions(), f.productsHeld(), f.monthsOfFinancials());
        LoyaltyType type = LoyaltyType.classify(b.score(), p.score(), rules.types());
        if (!profile.profilingConsented()) {
            // no profiling consent: no churn model is applied, and no churn inputs are kept to learn from
            return new LoyaltyAssessment(b.score(), p.score(), type, null, List.copyOf(factors), List.of(NO_PROFILING_CONSENT),
                    basis, null);
        }
        double churn = churnModel.probability(c);
        return new LoyaltyAssessment(b.score(), p.score(), type, Math.round(churn * 10_000) / 10_000.0, List.copyOf(factors),
                churnModel.factors(c), basis, churnModel.inputs(c));
    }

    static double clampScore(double score) {
        return Math.round(Math.max(0, Math.min(100, score)) * 10) / 10.0;
    }
}
