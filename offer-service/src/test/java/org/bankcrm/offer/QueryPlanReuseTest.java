package org.bankcrm.offer;

import static org.awaitility.Awaitility.await;

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
 * The decision path runs its queries from cached plans: a second round of the same work adds no plan to Hibernate's
 * cache (a query whose cache key never matches itself would add one per execution, and slow every look-up).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class QueryPlanReuseTest {
    static final int ROUND = 20;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Test
    void aSecondRoundOfDecisionsAddsNoQueryPlan() {
        String clientId = NextBestActionChainTest.knownClient();
        QueryPlans.assertReusedOnSecondRound(sessionFactory, () -> round(clientId));
    }

    private void round(String clientId) {
        int before = NextBestActionChainTest.published(clientId, "crm.offer.decided").size();
        for (int i = 0; i < ROUND; i++) {
            TestEvents.send(TestEvents.interaction(UUID.randomUUID().toString(), clientId,
                    TestEvents.recorded(clientId, "BRANCH", "INQUIRY", "RESOLVED", "POSITIVE", null)));
            NextBestActionChainTest.decide(clientId, "MOBILE_APP", 3);
        }
        await().atMost(NextBestActionChainTest.WAIT)
                .until(() -> NextBestActionChainTest.published(clientId, "crm.offer.decided").size() >= before + 2 * ROUND);
    }
}
