package org.bankcrm.loyalty;

import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.InputLimitChecks;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's input limits, as this service answers them over real HTTP (it has no JSON write endpoint). */
@QuarkusTest
@CallsAs({ Roles.CHANNEL, Roles.ANALYST, Roles.ADMIN })
@QuarkusTestResource(CrmTestResource.class)
class InputLimitsTest {

    @Test
    void aHistoryPageSizeAboveTheMaximumIsA400NamingSize() {
        InputLimitChecks.assertPageSizeIsLimited("/api/v1/clients/" + UUID.randomUUID() + "/loyalty/history", 500);
    }

    @Test
    void aBodyLargerThanTheLimitIsA413Problem() {
        InputLimitChecks.assertOversizedBodyIsRejected("/api/v1/loyalty/recomputations");
    }
}
