package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.ConsumerPlumbingChecks;
import org.bankcrm.platform.testing.CrmTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Touchpoints from other bank systems are applied once per ce_id, and unreadable records reach the DLQ. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class TouchpointIngestConsumerTest extends ConsumerPlumbingChecks {
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    @Override
    protected String topic() {
        return "crm.touchpoint.ingest.v1";
    }

    @Override
    protected String consumer() {
        return "interaction-service/touchpoint-ingest";
    }

    @Override
    protected String eventType() {
        return "crm.touchpoint.submitted";
    }

    /** A touchpoint of a known client (else it would be parked); each variant is another touchpoint. */
    @Override
    protected String validPayload(String clientId, int variant) {
        if (KNOWN.add(clientId)) {
            TestClients.sendRegistered(clientId);
            TestClients.awaitKnown(clientId);
        }
        String id = UUID.nameUUIDFromBytes((clientId + "/" + variant).getBytes(StandardCharsets.UTF_8)).toString();
        return TestClients.touchpoint(id, clientId, "csat", variant % 5 + 1);
    }

    @Override
    protected int appliedEvents(String clientId) {
        var response = given().when().get("/api/v1/clients/{id}/interactions", clientId);
        return response.statusCode() == 200 ? response.path("total") : 0;
    }
}
