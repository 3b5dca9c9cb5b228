package org.bankcrm.client.domain;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What segment conditions look at: client type, age and life stage, income bracket, the products held
 * (open ones), the balance (average balance of the latest month recorded; null when none), the
 * preferred channel, the profile (occupation, marital status, education, household size, dependants) and the
 * needs and motives the client stated last.
 */
public record SegmentFacts(ClientType type, Integer age, IncomeBracket incomeBracket, Set<ProductType> heldProducts,
        BigDecimal balance, Channel preferredChannel, ClientProfile profile, Set<StatedNeed> statedNeeds) {

    public SegmentFacts {
        profile = profile == null ? ClientProfile.NONE : profile;
        statedNeeds = statedNeeds == null ? Set.of() : statedNeeds;
    }

    /** Facts of a client who stated no needs. */
    public SegmentFacts(ClientType type, Integer age, IncomeBracket incomeBracket, Set<ProductType> heldProducts,
            BigDecimal balance, Channel preferredChannel, ClientProfile profile) {
        this(type, age, incomeBracket, heldProducts, balance, preferredChannel, profile, Set.of());
    }

    public LifeStage lifeStage() {
        return LifeStage.of(type, age);
    }
}
