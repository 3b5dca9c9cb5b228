package org.bankcrm.interaction;

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
 * Recording a touchpoint runs its queries from cached plans: a second round of the same work adds no plan to
 * Hibernate's cache (a query whose cache key never matches itself would add one per execution, and slow every look-up).
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class QueryPlanReuseTest {
    static final int ROUND = 20;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Test
    void aSecondRoundOfTouchpointsAddsNoQueryPlan() {
        String clientId = TestClients.known();
        QueryPlans.assertReusedOnSecondRound(sessionFactory, () -> round(clientId));
    }

    private static void round(String clientId) {
        for (int i = 0; i < ROUND; i++) {
            String touchpoint = TestClients.touchpoint(UUID.randomUUID().toString(), clientId,
                    "need", i % 2 == 0 ? "CARDS" : "PAYMENTS", "outcome", i % 3 == 0 ? "RESOLVED" : "UNRESOLVED");
            InteractionRecordingTest.post(touchpoint, 201);
            InteractionRecordingTest.post(touchpoint, 200);
        }
    }
}
