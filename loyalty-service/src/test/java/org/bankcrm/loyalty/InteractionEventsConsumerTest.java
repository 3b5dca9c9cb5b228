package org.bankcrm.loyalty;

import static io.restassured.RestAssured.given;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.ConsumerPlumbingChecks;
import org.bankcrm.platform.testing.CrmTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * interaction-service's events are applied once each, and unreadable ones go to the DLQ. The clients here
 * are not registered, so an applied event is a parked one (it waits for the client, see LoyaltyChainTest).
 */
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
        return "loyalty-service/interaction-events";
    }

    @Override
    protected String eventType() {
        return "crm.interaction.recorded";
    }

    @Override
    protected String validPayload(String clientId, int variant) {
        return """
                {"interactionId": "0b8e7c52-3d7f-4d8e-9b61-2a4f5c6d7e8%d", "clientId": "%s", "occurredAt": "2026-11-27T09:41:12.250Z",
                 "channel": "CALL_CENTER", "type": "INQUIRY", "initiator": "CLIENT", "need": "CARDS", "outcome": "RESOLVED",
                 "valence": "%s", "cause": null, "causeDetail": null, "csat": 4, "nps": null, "journeyId": null,
                 "repeatContact": false, "recordedAt": "2026-11-27T09:41:13.004Z"}
                """.formatted(variant, clientId, variant % 2 == 0 ? "POSITIVE" : "NEUTRAL");
    }

    @Override
    protected int appliedEvents(String clientId) {
        var read = given().when().get("/api/v1/read-model/clients/{id}", clientId);
        int applied = read.statusCode() == 200 ? read.path("eventsApplied") : 0;
        int parked = given().when().get("/api/v1/read-model/clients/{id}/parked", clientId).path("parkedEvents");
        return applied + parked;
    }
}
