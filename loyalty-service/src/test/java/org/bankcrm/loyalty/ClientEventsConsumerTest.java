package org.bankcrm.loyalty;

import static io.restassured.RestAssured.given;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.ConsumerPlumbingChecks;
import org.bankcrm.platform.testing.CrmTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** client-service's events reach the read model once each, and unreadable ones the DLQ. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class ClientEventsConsumerTest extends ConsumerPlumbingChecks {

    @Override
    protected String topic() {
        return "crm.client.events.v1";
    }

    @Override
    protected String consumer() {
        return "loyalty-service/client-events";
    }

    @Override
    protected String eventType() {
        return "crm.client.registered";
    }

    @Override
    protected String validPayload(String clientId, int variant) {
        return """
                {"clientId": "%s", "type": "%s", "ageBand": "AGE_35_44", "customerSince": "2019-04-01",
                 "consents": {"marketingEmail": true, "marketingSms": false, "marketingPush": false, "marketingPhone": false, "profiling": true},
                 "registeredAt": "2026-11-27T10:15:30Z"}
                """.formatted(clientId, variant % 2 == 0 ? "INDIVIDUAL" : "BUSINESS");
    }

    @Override
    protected int appliedEvents(String clientId) {
        var response = given().when().get("/api/v1/read-model/clients/{id}", clientId);
        return response.statusCode() == 200 ? response.path("eventsApplied") : 0;
    }
}
