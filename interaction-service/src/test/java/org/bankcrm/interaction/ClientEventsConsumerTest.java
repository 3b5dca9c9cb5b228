package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.ConsumerPlumbingChecks;
import org.bankcrm.platform.testing.CrmTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** client-service's events reach the read model once each, and unreadable ones the DLQ. */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class ClientEventsConsumerTest extends ConsumerPlumbingChecks {
    @Inject
    Pool pool;

    @org.junit.jupiter.api.Test
    void aClientEventThisServiceDoesNotReadIsTurnedDownWithoutAnInboxRow() {
        String clientId = UUID.randomUUID().toString();
        send(CloudEventRecords.event(topic(), eventType(), clientId, validPayload(clientId, 0)));
        String financialsId = UUID.randomUUID().toString();
        send(CloudEventRecords.event(topic(), financialsId, "crm.client.financials-recorded", clientId, """
                {"clientId": "%s", "month": "2026-10", "revenue": 40, "costToServe": 10, "averageBalance": 2500,
                 "transactionCount": 3, "transactionAmount": 900, "replaced": false, "recordedAt": "2026-11-27T10:15:30Z"}
                """.formatted(clientId)));
        send(CloudEventRecords.event(topic(), "crm.client.segment-changed", clientId, """
                {"clientId": "%s", "segments": ["STUDENTS"], "joined": ["STUDENTS"], "left": [], "changedAt": "2026-11-27T10:16:30Z"}
                """.formatted(clientId)));
        // the segment change came after the financials on the client's partition: once it is applied, they were read
        await().atMost(Duration.ofSeconds(60)).until(() -> appliedEvents(clientId) == 2);
        long rows = pool.preparedQuery("select count(*) from inbox_event where event_id = $1").execute(Tuple.of(financialsId))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertThat(rows).as("inbox rows of the financials event").isZero();
    }

    @Override
    protected String topic() {
        return "crm.client.events.v1";
    }

    @Override
    protected String consumer() {
        return "interaction-service/client-events";
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
