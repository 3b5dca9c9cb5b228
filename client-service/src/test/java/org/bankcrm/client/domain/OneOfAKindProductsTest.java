package org.bankcrm.client.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OneOfAKindProductsTest {
    final OneOfAKindProducts rule = new OneOfAKindProducts(Set.of(ProductType.PREMIUM_PACKAGE));

    static HeldProduct held(ProductType type, LocalDate closedAt) {
        HeldProduct p = new HeldProduct();
        p.type = type;
        p.openedAt = LocalDate.of(2020, 1, 1);
        p.closedAt = closedAt;
        return p;
    }

    @Test
    void aSecondPremiumPackageIsBlockedByTheOpenOne() {
        HeldProduct open = held(ProductType.PREMIUM_PACKAGE, null);
        assertThat(rule.blocking(ProductType.PREMIUM_PACKAGE, List.of(open))).contains(open);
    }

    @Test
    void aPremiumPackageMayBeOpenedAgainOnceTheFormerOneIsClosed() {
        assertThat(rule.blocking(ProductType.PREMIUM_PACKAGE, List.of(held(ProductType.PREMIUM_PACKAGE, LocalDate.of(2025, 1, 1)))))
                .isEmpty();
    }

    @Test
    void currentAccountsMayBeHeldSeveralTimes() {
        assertThat(rule.blocking(ProductType.CURRENT_ACCOUNT, List.of(held(ProductType.CURRENT_ACCOUNT, null)))).isEmpty();
    }

    @Test
    void aProductIsNotClosedBeforeItWasOpenedNorInTheFuture() {
        HeldProduct p = held(ProductType.SAVINGS_ACCOUNT, null);
        LocalDate today = LocalDate.of(2026, 11, 27);
        assertThat(p.closingProblem(LocalDate.of(2019, 12, 31), today)).isPresent();
        assertThat(p.closingProblem(LocalDate.of(2026, 11, 28), today)).contains("must not be in the future");
        assertThat(p.closingProblem(LocalDate.of(2020, 1, 1), today)).isEmpty();
    }
}
