package org.bankcrm.offer.domain;

import java.util.List;
import java.util.Set;

/**
 * The declarative eligibility language of catalogue actions: a tree of conditions on a {@link ClientSnapshot},
 * combined with all / any / not. Stored as JSON with the offer, so a bank changes eligibility without a release.
 */
public sealed interface OfferCondition {

    boolean matches(ClientSnapshot client);

    OfferCondition ANYONE = new All(List.of());

    record All(List<OfferCondition> conditions) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return conditions.stream().allMatch(c -> c.matches(client));
        }
    }

    record Any(List<OfferCondition> conditions) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return conditions.stream().anyMatch(c -> c.matches(client));
        }
    }

    record Not(OfferCondition condition) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return !condition.matches(client);
        }
    }

    record AgeBandIn(Set<String> bands) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return client.ageBand() != null && bands.contains(client.ageBand());
        }
    }

    record IncomeBracketIn(Set<String> brackets) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return client.incomeBracket() != null && brackets.contains(client.incomeBracket());
        }
    }

    record ClientTypeIs(String type) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return type.equals(client.clientType());
        }
    }

    /** Holds every one of the product types. */
    record Holds(Set<String> products) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return client.heldProducts().containsAll(products);
        }
    }

    record HoldsAny(Set<String> products) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return products.stream().anyMatch(client.heldProducts()::contains);
        }
    }

    /** Member of at least one of the segments. */
    record SegmentIn(Set<String> segments) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return segments.stream().anyMatch(client.segments()::contains);
        }
    }

    record QuadrantIn(Set<String> quadrants) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return client.quadrant() != null && quadrants.contains(client.quadrant());
        }
    }

    record StrategyIn(Set<String> strategies) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return client.strategy() != null && strategies.contains(client.strategy());
        }
    }

    record LoyaltyTypeIn(Set<String> types) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return client.loyaltyType() != null && types.contains(client.loyaltyType());
        }
    }

    /** Stated at least one of the needs (codes of interaction-service's statedNeeds) in the client's latest statement. */
    record StatedNeedIn(Set<String> needs) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            return needs.stream().anyMatch(client.statedNeeds()::contains);
        }
    }

    /** Churn risk within [min, max]; a client without a score never matches. */
    record ChurnRiskBetween(Double min, Double max) implements OfferCondition {
        public boolean matches(ClientSnapshot client) {
            Double risk = client.churnRisk();
            return risk != null && (min == null || risk >= min) && (max == null || risk <= max);
        }
    }
}
