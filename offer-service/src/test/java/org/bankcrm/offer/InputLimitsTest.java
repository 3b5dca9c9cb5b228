package org.bankcrm.offer;

import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.InputLimitChecks;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's input limits, as this service answers them over real HTTP (it has no paged endpoint). */
@QuarkusTest
@CallsAs({ Roles.CHANNEL, Roles.MARKETING })
@QuarkusTestResource(CrmTestResource.class)
class InputLimitsTest {

    @Test
    void anUnknownFieldInADecisionRequestIsA400NamingIt() {
        InputLimitChecks.assertUnknownFieldIsRejected("/api/v1/decisions",
                "{\"clientId\": \"" + UUID.randomUUID() + "\", \"channel\": \"BRANCH\", \"limit\": 3}", "urgent");
    }

    @Test
    void anUnknownFieldInAnOfferIsA400NamingIt() {
        InputLimitChecks.assertUnknownFieldIsRejected("/api/v1/offers", """
                {"code": "LIMITS_TEST", "name": "Limits", "category": "SALES", "condition": {"all": []},
                 "channels": ["BRANCH"], "value": 10}""", "discount");
    }

    @Test
    void aBodyLargerThanTheLimitIsA413Problem() {
        InputLimitChecks.assertOversizedBodyIsRejected("/api/v1/decisions");
    }
}
