package org.bankcrm.client.domain;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What segment conditions look at: client type, age and life stage, income bracket, the products held
 * (open ones), the balance (average balance of the latest month recorded; null when none) and the
 * preferred channel.
 */
public record SegmentFacts(ClientType type, Integer age, IncomeBracket incomeBracket, Set<ProductType> heldProducts,
        BigDecimal balance, Channel preferredChannel) {

    public LifeStage lifeStage() {
        return LifeStage.of(type, age);
    }
}
