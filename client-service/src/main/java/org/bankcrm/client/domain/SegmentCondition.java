package org.bankcrm.client.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The declarative condition language of need-based segments: a tree of conditions on a client's
 * {@link SegmentFacts}, combined with all / any / not. Definitions are data (stored as JSON), not code.
 */
public sealed interface SegmentCondition {

    boolean matches(SegmentFacts client);

    /** Every one of the conditions; an empty list matches everyone. */
    record All(List<SegmentCondition> conditions) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return conditions.stream().allMatch(c -> c.matches(client));
        }
    }

    /** At least one of the conditions. */
    record Any(List<SegmentCondition> conditions) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return conditions.stream().anyMatch(c -> c.matches(client));
        }
    }

    record Not(SegmentCondition condition) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return !condition.matches(client);
        }
    }

    /** Age in whole years within [min, max] (either bound may be open); no age (businesses) never matches. */
    record AgeBetween(Integer min, Integer max) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return client.age() != null && (min == null || client.age() >= min) && (max == null || client.age() <= max);
        }
    }

    record LifeStageIn(Set<LifeStage> stages) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return stages.contains(client.lifeStage());
        }
    }

    record IncomeBracketIn(Set<IncomeBracket> brackets) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return client.incomeBracket() != null && brackets.contains(client.incomeBracket());
        }
    }

    /** Holds every one of the product types (an open product of each). */
    record Holds(Set<ProductType> products) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return client.heldProducts().containsAll(products);
        }
    }

    /** Holds at least one of the product types. */
    record HoldsAny(Set<ProductType> products) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return products.stream().anyMatch(client.heldProducts()::contains);
        }
    }

    /** Balance within [min, max]; a client without figures has no balance and never matches. */
    record BalanceBetween(BigDecimal min, BigDecimal max) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return client.balance() != null && (min == null || client.balance().compareTo(min) >= 0)
                    && (max == null || client.balance().compareTo(max) <= 0);
        }
    }

    record PreferredChannelIn(Set<Channel> channels) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return client.preferredChannel() != null && channels.contains(client.preferredChannel());
        }
    }

    record OccupationIn(Set<Occupation> occupations) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return client.profile().occupation() != null && occupations.contains(client.profile().occupation());
        }
    }

    record MaritalStatusIn(Set<MaritalStatus> statuses) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return client.profile().maritalStatus() != null && statuses.contains(client.profile().maritalStatus());
        }
    }

    record EducationIn(Set<Education> levels) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return client.profile().education() != null && levels.contains(client.profile().education());
        }
    }

    /** Household size within [min, max]; a client whose household is not known never matches. */
    record HouseholdSizeBetween(Integer min, Integer max) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return within(client.profile().householdSize(), min, max);
        }
    }

    /** Dependants within [min, max]; a client whose dependants are not known never matches. */
    record DependantsBetween(Integer min, Integer max) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return within(client.profile().dependants(), min, max);
        }
    }

    private static boolean within(Integer value, Integer min, Integer max) {
        return value != null && (min == null || value >= min) && (max == null || value <= max);
    }

    /** Stated at least one of the needs in the client's latest statement; a client who stated none never matches. */
    record StatedNeedIn(Set<StatedNeed> needs) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return needs.stream().anyMatch(client.statedNeeds()::contains);
        }
    }

    record ClientTypeIs(ClientType type) implements SegmentCondition {
        public boolean matches(SegmentFacts client) {
            return client.type() == type;
        }
    }
}
