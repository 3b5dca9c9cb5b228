package org.bankcrm.offer.domain;

import java.util.List;

/**
 * The value, context and lever of an action for a client (the propensity comes from its {@link PropensityModel}),
 * each with the reason it was not 1.
 */
public final class ActionScoring {
    private final ScoringWeights weights;

    public ActionScoring(ScoringWeights weights) {
        this.weights = weights;
    }

    /** Margin on a common scale; a cost action (goodwill credit) keeps a floor so it can still rank by need. */
    public double value(OfferTerms offer) {
        return Math.max(weights.minValue(), offer.value() / weights.valueScale());
    }

    public double context(OfferTerms offer, DecisionContext context, List<String> reasons) {
        double factor = 1;
        if (context.channel().assisted()) {
            factor *= weights.assistedChannelWeight();
            reasons.add("context: a person presents it on " + context.channel());
        }
        boolean recovery = context.recoveryNeeded(weights.recoveryWindow());
        if (recovery && offer.category() == OfferCategory.SERVICE_RECOVERY) {
            factor *= weights.recoveryWeight();
            reasons.add("context: the bank caused a negative experience, recovery first");
        }
        Experience latest = context.client().latestExperience();
        if (!recovery && latest != null && "POSITIVE".equals(latest.valence()) && offer.category() == OfferCategory.SALES) {
            factor *= weights.positiveExperienceWeight();
            reasons.add("context: latest experience was positive");
        }
        ContactReason reason = context.reason();
        if (reason != null && reason.answeredBy() == offer.category()) {
            factor *= weights.contactReasonWeight();
            reasons.add("context: the client came with a " + reason + ", which " + offer.category() + " answers");
        }
        Double churn = context.client().churnRisk();
        if (churn != null && churn >= weights.churnRiskThreshold() && offer.category() == OfferCategory.RETENTION) {
            factor *= weights.churnRetentionWeight();
            reasons.add("context: churn risk " + Math.round(churn * 100) + " % at or above the threshold");
        }
        return factor;
    }

    /**
     * The bank's lever: what the value strategy and the loyalty type ask of this client. DELIGHT (profitable, loyal
     * clients) asks for service-level and recognition actions, RETAIN for retention actions, the more so the higher the
     * churn risk (× (1 + churn risk); not known, or no profiling consent: no more than the strategy's weight).
     */
    public double lever(OfferTerms offer, ClientSnapshot client, List<String> reasons) {
        double factor = 1;
        OfferCategory favouredByStrategy = client.strategy() == null ? null : switch (client.strategy()) {
            case "DEVELOP" -> OfferCategory.SALES;
            case "REPRICE" -> OfferCategory.TARIFF;
            case "CHANGE_SERVICE_LEVEL", "DELIGHT" -> OfferCategory.SERVICE_LEVEL;
            case "FIND_MOTIVES" -> OfferCategory.RESEARCH;
            case "RETAIN" -> OfferCategory.RETENTION;
            default -> null;
        };
        if (favouredByStrategy == offer.category()) {
            factor *= weights.strategyWeight();
            reasons.add("lever: value strategy " + client.strategy() + " favours " + offer.category());
            Double churn = client.churnRisk();
            if ("RETAIN".equals(client.strategy()) && churn != null && churn > 0) {
                factor *= 1 + Math.min(1, churn);
                reasons.add("lever: RETAIN weighs retention more as churn risk rises (× %.2f at %d %%)"
                        .formatted(1 + Math.min(1, churn), Math.round(churn * 100)));
            }
        }
        OfferCategory favouredByLoyalty = client.loyaltyType() == null ? null : switch (client.loyaltyType()) {
            case "SPURIOUS" -> OfferCategory.RETENTION;
            case "LATENT" -> OfferCategory.SALES;
            case "NONE" -> OfferCategory.RESEARCH;
            default -> null;
        };
        if (favouredByLoyalty == offer.category()) {
            factor *= weights.loyaltyWeight();
            reasons.add("lever: " + client.loyaltyType() + " loyalty favours " + offer.category());
        }
        return factor;
    }
}
