package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The touchpoints of an ingest batch add to the CX counters once per cell at the batch's end (their segments read for
 * the whole batch at its start): the figures are those of the same touchpoints recorded one at a time over REST.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class CxCountersInBatchTest {
    private static final int CLIENTS = 9; // above crm.inbox.prefetch-min-clients (8): the batch prefetches

    /** What client {@code i} goes through on {@code day}: two contacts on one need, then one on another. */
    private static List<String> touchpoints(String clientId, int i, String day) {
        String channel = List.of("CHAT", "BRANCH", "CALL_CENTER").get(i % 3);
        return List.of(
                TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "occurredAt", day + "T09:00:00Z",
                        "channel", channel, "need", "SAVINGS", "outcome", "UNRESOLVED", "valence", "NEGATIVE",
                        "cause", "BANK", "causeDetail", "WAITING_TIME", "csat", 1 + i % 5, "nps", i % 11),
                TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "occurredAt", day + "T10:00:00Z",
                        "channel", channel, "need", "SAVINGS", "outcome", "RESOLVED", "valence", "POSITIVE",
                        "cause", null, "causeDetail", null, "csat", 5 - i % 3, "nps", 10 - i % 4),
                TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "occurredAt", day + "T11:00:00Z",
                        "channel", "MOBILE_APP", "need", "PAYMENTS", "outcome", "RESOLVED", "valence", "NEUTRAL",
                        "cause", null, "causeDetail", null, "csat", null, "nps", null));
    }

    @Test
    void aBatchCountsWhatTheSameTouchpointsCountOneAtATime() {
        List<String> oneByOne = clients("YOUNG_FAMILIES");
        List<String> together = clients("PENSIONERS");

        for (int i = 0; i < CLIENTS; i++) {
            for (String body : touchpoints(oneByOne.get(i), i, "2020-05-04")) {
                InteractionRecordingTest.post(body, 201);
            }
        }
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            for (String body : touchpoints(together.get(i), i, "2020-05-11")) {
                records.add(CloudEventRecords.event("crm.touchpoint.ingest.v1", "crm.touchpoint.submitted", together.get(i), body));
            }
        }
        CloudEventRecords.sendTogether(records);
        await().atMost(Duration.ofSeconds(30)).until(() -> together.stream().allMatch(client -> given().when()
                .get("/api/v1/clients/{id}/interactions", client).then().extract().jsonPath().getInt("total") == 3));

        JsonPath single = CxMetricsTest.metrics("from=2020-05-04&to=2020-05-04");
        JsonPath batch = CxMetricsTest.metrics("from=2020-05-11&to=2020-05-11");
        assertThat(single.getInt("total.touchpoints")).isEqualTo(3 * CLIENTS);
        assertThat(batch.getMap("total")).isEqualTo(single.getMap("total"));
        assertThat(batch.getMap("byChannel")).isEqualTo(single.getMap("byChannel"));
        assertThat(batch.getMap("byNeed")).isEqualTo(single.getMap("byNeed"));
        assertThat(batch.getMap("byCauseDetail")).isEqualTo(single.getMap("byCauseDetail"));

        JsonPath singleSegment = CxMetricsTest.metrics("from=2020-05-04&to=2020-05-04&segment=YOUNG_FAMILIES");
        JsonPath batchSegment = CxMetricsTest.metrics("from=2020-05-11&to=2020-05-11&segment=PENSIONERS");
        assertThat(singleSegment.getInt("total.touchpoints")).isEqualTo(3 * 3);
        assertThat(batchSegment.getMap("total")).isEqualTo(singleSegment.getMap("total"));
        assertThat(batchSegment.getMap("byChannel")).isEqualTo(singleSegment.getMap("byChannel"));
        assertThat(CxMetricsTest.metrics("from=2020-05-11&to=2020-05-11&segment=DIGITAL_FIRST").getInt("total.touchpoints"))
                .isEqualTo(3);
    }

    /** Nine new clients, the first three in {@code segment}, the first of them in DIGITAL_FIRST too. */
    private static List<String> clients(String segment) {
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(TestClients.known());
        }
        for (int i = 0; i < 3; i++) {
            String client = clients.get(i);
            String segments = i == 0 ? "\"" + segment + "\", \"DIGITAL_FIRST\"" : "\"" + segment + "\"";
            TestClients.send(CloudEventRecords.event(TestClients.CLIENT_TOPIC, "crm.client.segment-changed", client, """
                    {"clientId": "%s", "segments": [%s], "joined": [%s], "left": [], "changedAt": "2026-11-27T11:00:00Z"}
                    """.formatted(client, segments, segments)));
            int expected = i == 0 ? 2 : 1;
            await().atMost(Duration.ofSeconds(20)).until(() -> given().when().get("/api/v1/read-model/clients/{id}", client)
                    .then().extract().jsonPath().getList("segments").size() == expected);
        }
        return clients;
    }
}
