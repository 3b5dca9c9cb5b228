package org.bankcrm.loyalty;

import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.QueryPlans;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rescoring runs its queries from cached plans: a second round of the same events adds no plan to Hibernate's cache
 * (a query whose cache key never matches itself would add one per execution, and slow every look-up).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class QueryPlanReuseTest {
    static final int ROUND = 20;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Test
    void aSecondRoundOfInteractionEventsAddsNoQueryPlan() {
        String clientId = UUID.randomUUID().toString();
        LoyaltyChainTest.send(TestEvents.registered(clientId, LocalDate.now().minusYears(3)));
        await().atMost(LoyaltyChainTest.WAIT).until(() -> LoyaltyChainTest.eventsApplied(clientId) == 1);
        QueryPlans.assertReusedOnSecondRound(sessionFactory, () -> round(clientId));
    }

    private void round(String clientId) {
        int before = LoyaltyChainTest.eventsApplied(clientId);
        for (int i = 0; i < ROUND; i++) {
            LoyaltyChainTest.send(i % 2 == 0 ? TestEvents.bankCausedComplaint(clientId, UUID.randomUUID().toString())
                    : TestEvents.surveyAnswer(clientId, 9));
        }
        await().atMost(LoyaltyChainTest.WAIT).until(() -> LoyaltyChainTest.eventsApplied(clientId) == before + ROUND);
    }
}
