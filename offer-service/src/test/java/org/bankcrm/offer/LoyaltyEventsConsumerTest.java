package org.bankcrm.offer;

import static io.restassured.RestAssured.given;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.ConsumerPlumbingChecks;
import org.bankcrm.platform.testing.CrmTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** loyalty-service's events reach the read model once each, and unreadable ones the DLQ. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class LoyaltyEventsConsumerTest extends ConsumerPlumbingChecks {

    @Override
    protected String topic() {
        return "crm.loyalty.events.v1";
    }

    @Override
    protected String consumer() {
        return "offer-service/loyalty-events";
    }

    @Override
    protected String eventType() {
        return "crm.loyalty.score-changed";
    }

    @Override
    protected String validPayload(String clientId, int variant) {
        return TestEvents.scoreChanged(clientId, variant % 2 == 0 ? "SPURIOUS" : "TRUE", 0.1 * (variant + 1));
    }

    @Override
    protected int appliedEvents(String clientId) {
        var response = given().when().get("/api/v1/read-model/clients/{id}", clientId);
        return response.statusCode() == 200 ? response.path("eventsApplied") : 0;
    }
}
