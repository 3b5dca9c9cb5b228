package org.bankcrm.offer;

import static io.restassured.RestAssured.given;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.ConsumerPlumbingChecks;
import org.bankcrm.platform.testing.CrmTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** interaction-service's events reach the read model once each, and unreadable ones the DLQ. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class InteractionEventsConsumerTest extends ConsumerPlumbingChecks {

    @Override
    protected String topic() {
        return "crm.interaction.events.v1";
    }

    @Override
    protected String consumer() {
        return "offer-service/interaction-events";
    }

    @Override
    protected String eventType() {
        return "crm.interaction.recorded";
    }

    @Override
    protected String validPayload(String clientId, int variant) {
        return TestEvents.recorded(clientId, variant % 2 == 0 ? "BRANCH" : "MOBILE_APP", "INQUIRY", "RESOLVED", "POSITIVE", null);
    }

    @Override
    protected int appliedEvents(String clientId) {
        var response = given().when().get("/api/v1/read-model/clients/{id}", clientId);
        return response.statusCode() == 200 ? response.path("eventsApplied") : 0;
    }
}
