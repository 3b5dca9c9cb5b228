package org.bankcrm.interaction;

import java.util.UUID;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.InputLimitChecks;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's input limits, as this service answers them over real HTTP. */
@QuarkusTest
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
@QuarkusTestResource(CrmTestResource.class)
class InputLimitsTest {

    @Test
    void anUnknownFieldInATouchpointIsA400NamingIt() {
        InputLimitChecks.assertUnknownFieldIsRejected("/api/v1/interactions", """
                {"id": "%s", "clientId": "%s", "occurredAt": "2026-11-30T10:15:30Z", "channel": "BRANCH",
                 "type": "INQUIRY", "initiator": "CLIENT", "need": "PAYMENTS", "outcome": "RESOLVED", "valence": "POSITIVE"}
                """.formatted(UUID.randomUUID(), UUID.randomUUID()), "mood");
    }

    @Test
    void pageSizesAboveTheMaximumAre400sNamingSize() {
        InputLimitChecks.assertPageSizeIsLimited("/api/v1/clients/" + UUID.randomUUID() + "/interactions", 200);
        InputLimitChecks.assertPageSizeIsLimited("/api/v1/clients/" + UUID.randomUUID() + "/journeys", 200);
    }

    @Test
    void aBodyLargerThanTheLimitIsA413Problem() {
        InputLimitChecks.assertOversizedBodyIsRejected("/api/v1/interactions");
    }
}
