package org.bankcrm.offer.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.bankcrm.offer.domain.policy.DecisionPolicy;
import org.bankcrm.offer.domain.policy.PolicyResult;
import org.bankcrm.offer.domain.policy.WeeklySalesCap;

/**
 * The decision pipeline: every candidate action through every policy; what passes is scored as
 * propensity × value × context × lever and arbitrated into the top {@code limit}. Service recovery, when the bank
 * owes it, ranks first whatever the scores say. A control-group decision ranks the eligible actions at random, so
 * the model's uplift over random can be measured. Without the client's profiling consent no model is applied to them:
 * the loyalty-service scores (loyalty type, indices, churn risk) are left out of every rule, and the propensity is the
 * offer's prior acceptance rate (no sample, no features), which the components and reasons say.
 */
public final class NextBestAction {
    private final List<DecisionPolicy> policies;
    private final ActionScoring scoring;
    private final ScoringWeights weights;
    private final Features features;

    /** What the propensity model of a candidate offer sees of a decision: the client, their history with the offer, the context. */
    @FunctionalInterface
    public interface Features {
        double[] of(DecisionContext context, OfferTerms offer, boolean recoveryNeeded);
    }

    /**
     * The service's features; {@code daysSinceContactCap} caps the days since the last contact about an offer,
     * {@code channelFeatures} are the context features a channel may tell.
     */
    public NextBestAction(List<DecisionPolicy> policies, ScoringWeights weights, int daysSinceContactCap,
            ChannelFeatures channelFeatures) {
        this(policies, weights, (context, offer, recoveryNeeded) -> ClientFeatures.of(context, recoveryNeeded,
                OfferContacts.of(context.history().contacts(), offer, context.now()), daysSinceContactCap, channelFeatures));
    }

    public NextBestAction(List<DecisionPolicy> policies, ScoringWeights weights, Features features) {
        this.policies = List.copyOf(policies);
        this.scoring = new ActionScoring(weights);
        this.weights = weights;
        this.features = features;
    }

    public record Candidate(OfferTerms offer, PropensityModel model) {
    }

    /**
     * The outcome: ranked actions, every policy result per candidate for the audit, and the feature vector each eligible
     * candidate's model scored (the response path learns from it).
     */
    public record Outcome(List<RankedAction> actions, Map<UUID, List<PolicyResult>> policyResults,
            Map<UUID, double[]> features) {
    }

    public Outcome decide(List<Candidate> candidates, DecisionContext asked, int limit, boolean controlGroup, Random random) {
        boolean profiling = allowsModels(asked.client());
        DecisionContext context = profiling ? asked
                : new DecisionContext(asked.client().withoutModelScores(), asked.channel(), asked.trigger(), asked.now(),
                        asked.history(), asked.reason(), asked.told(), asked.contactDate());
        Map<UUID, List<PolicyResult>> results = new LinkedHashMap<>();
        record Scored(Candidate candidate, ScoreComponents components, List<String> reasons) {
        }
        List<Scored> eligible = new ArrayList<>();
        boolean recentNegative = context.recoveryNeeded(weights.recoveryWindow());
        Map<UUID, double[]> scored = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            List<PolicyResult> checks = new ArrayList<>();
            boolean allowed = true;
            for (DecisionPolicy policy : policies) {
                PolicyResult result = policy.check(candidate.offer(), context);
                checks.add(result);
                if (!result.allowed()) {
                    allowed = false;
                    break;
                }
            }
            results.put(candidate.offer().id(), checks);
            if (!allowed) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            checks.forEach(r -> reasons.add(r.policy() + ": " + r.reason()));
            OfferTerms offer = candidate.offer();
            if (!profiling) {
                // rule-based: the same propensity for every client, so nothing about this one is modelled
                double propensity = offer.priorRate();
                ScoreComponents components = new ScoreComponents(propensity, scoring.value(offer),
                        scoring.context(offer, context, reasons), scoring.lever(offer, context.client(), reasons),
                        ScoreComponents.PropensityBasis.OFFER_PRIOR);
                reasons.add(0, NO_PROFILING.formatted(propensity));
                eligible.add(new Scored(candidate, components, reasons));
                continue;
            }
            double[] x = features.of(context, candidate.offer(), recentNegative);
            scored.put(candidate.offer().id(), x);
            double propensity = candidate.model().sample(x, random);
            double expected = candidate.model().expected(x);
            ScoreComponents components = new ScoreComponents(propensity, scoring.value(offer),
                    scoring.context(offer, context, reasons), scoring.lever(offer, context.client(), reasons), expected);
            reasons.add(0, OfferContacts.of(context.history().contacts(), offer, context.now()).describe());
            reasons.add(0, "propensity %.3f (expected %.3f after %d responses)".formatted(propensity, expected,
                    candidate.model().observations()));
            eligible.add(new Scored(candidate, components, reasons));
        }
        if (controlGroup) {
            Collections.shuffle(eligible, random);
        } else {
            Comparator<Scored> byScore = Comparator.comparingDouble((Scored s) -> s.components().score()).reversed();
            Comparator<Scored> recoveryFirst = Comparator.comparing(
                    (Scored s) -> recentNegative && s.candidate().offer().category() == OfferCategory.SERVICE_RECOVERY ? 0 : 1);
            eligible.sort(recoveryFirst.thenComparing(byScore));
        }
        List<RankedAction> ranked = new ArrayList<>();
        // the week's sales cap holds for the actions of this decision too: each sales action ranked is a presentation
        WeeklySalesCap salesCap = policies.stream().filter(WeeklySalesCap.class::isInstance).map(WeeklySalesCap.class::cast)
                .findFirst().orElse(null);
        int salesBudget = salesCap == null ? Integer.MAX_VALUE : salesCap.remaining(context);
        int salesRanked = 0;
        for (Scored s : eligible) {
            if (ranked.size() >= limit) {
                break;
            }
            OfferTerms offer = s.candidate().offer();
            if (offer.category() == OfferCategory.SALES) {
                if (salesRanked >= salesBudget) {
                    List<PolicyResult> checks = new ArrayList<>(results.get(offer.id()));
                    checks.add(salesCap.budgetUsed(context, salesRanked));
                    results.put(offer.id(), checks);
                    continue;
                }
                salesRanked++;
            }
            List<String> reasons = new ArrayList<>(s.reasons());
            if (controlGroup) {
                reasons.add(0, "control group: ranked at random among the eligible actions");
            }
            ranked.add(new RankedAction(ranked.size() + 1, offer.id(), offer.code(), offer.category(), offer.productType(),
                    s.components().score(), s.components(), List.copyOf(reasons)));
        }
        return new Outcome(List.copyOf(ranked), results, scored);
    }

    /** The reason a decision without profiling consent gives for each action's propensity. */
    public static final String NO_PROFILING = "propensity %.3f: the offer's prior acceptance rate (rule-based) — no profiling "
            + "consent, so no propensity or churn model is applied to this client";

    /**
     * Whether models may be applied to the client: only with their profiling consent (GDPR art. 21/22: profiling needs a
     * basis the client can withdraw). A client not known yet has no consent.
     */
    public static boolean allowsModels(ClientSnapshot client) {
        return client.consents().profiling();
    }

    /** Stable per client and month: the same client stays in (or out of) the control group for the whole month. */
    public static boolean inControlGroup(UUID clientId, java.time.YearMonth month, double share) {
        long h = clientId.getMostSignificantBits() * 31 + clientId.getLeastSignificantBits() + month.hashCode() * 0x9E3779B97F4A7C15L;
        h ^= (h >>> 33);
        h *= 0xff51afd7ed558ccdL;
        h ^= (h >>> 33);
        double u = (h >>> 11) * 0x1.0p-53;
        return u < share;
    }
}
