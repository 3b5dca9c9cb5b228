package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.ConsumerPlumbingChecks;
import org.bankcrm.platform.testing.CrmTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** offer-service's decisions reach the timeline once each, and unreadable ones the DLQ. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class OfferEventsConsumerTest extends ConsumerPlumbingChecks {
    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    @Override
    protected String topic() {
        return "crm.offer.events.v1";
    }

    @Override
    protected String consumer() {
        return "interaction-service/offer-events";
    }

    @Override
    protected String eventType() {
        return "crm.offer.decided";
    }

    /** A decision a channel asked for, with a new decisionId each time, for a client made known first. */
    @Override
    protected String validPayload(String clientId, int variant) {
        if (REGISTERED.add(clientId)) {
            TestClients.sendRegistered(clientId);
            TestClients.awaitKnown(clientId);
        }
        return OfferTimelineTest.decided(UUID.randomUUID().toString(), clientId, "REQUEST",
                variant % 2 == 0 ? "BRANCH" : "MOBILE_APP");
    }

    @Override
    protected int appliedEvents(String clientId) {
        var response = given().queryParam("type", "OFFER_PRESENTED")
                .when().get("/api/v1/clients/{id}/interactions", clientId);
        return response.statusCode() == 200 ? response.path("total") : 0;
    }
}
