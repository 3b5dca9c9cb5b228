package org.bankcrm.client.domain;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What segment conditions look at: client type, age and life stage, income bracket, the products held
 * (open ones), the balance (average balance of the latest month recorded; null when none), the
 * preferred channel and the profile (occupation, marital status, education, household size, dependants).
 */
public record SegmentFacts(ClientType type, Integer age, IncomeBracket incomeBracket, Set<ProductType> heldProducts,
        BigDecimal balance, Channel preferredChannel, ClientProfile profile) {

    public SegmentFacts {
        profile = profile == null ? ClientProfile.NONE : profile;
    }

    public LifeStage lifeStage() {
        return LifeStage.of(type, age);
    }
}
