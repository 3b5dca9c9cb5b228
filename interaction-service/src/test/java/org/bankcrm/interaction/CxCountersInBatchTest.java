package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The touchpoints of an ingest batch add to the CX counters once per cell at the batch's end, their segments and
 * journeys read for the whole batch at its start: the figures (journeys closed, first-contact resolution, repeat
 * contacts included) are those of the same touchpoints recorded one at a time over REST.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs({ Roles.CHANNEL, Roles.ANALYST })
class CxCountersInBatchTest {
    private static final int CLIENTS = 9;

    /** What client {@code i} goes through on {@code day}: two contacts on one need, one on another, the first again. */
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
                        "cause", null, "causeDetail", null, "csat", null, "nps", null),
                // back on the need resolved two hours before: a repeat contact, a new journey
                TestClients.touchpoint(UUID.randomUUID().toString(), clientId, "occurredAt", day + "T12:00:00Z",
                        "channel", channel, "need", "SAVINGS", "outcome", "UNRESOLVED", "valence", "NEGATIVE",
                        "cause", "BANK", "causeDetail", "FEES", "csat", 2, "nps", 3));
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
        double fallbacksBefore = fallbacks();
        double batchesBefore = ingestMetric("crm_inbox_batch_duration_seconds_count");
        CloudEventRecords.sendTogether(records);
        await().atMost(Duration.ofSeconds(30)).until(() -> together.stream().allMatch(client -> given().when()
                .get("/api/v1/clients/{id}/interactions", client).then().extract().jsonPath().getInt("total") == 4));

        // applied as batches, none of them failed over to one event at a time (which would count the same)
        assertThat(fallbacks()).isEqualTo(fallbacksBefore);
        // each batch timed, from its records read to its commit
        assertThat(ingestMetric("crm_inbox_batch_duration_seconds_count")).isGreaterThan(batchesBefore);
        assertThat(ingestMetric("crm_inbox_batch_duration_seconds_sum")).isPositive();

        JsonPath single = CxMetricsTest.metrics("from=2020-05-04&to=2020-05-04");
        JsonPath batch = CxMetricsTest.metrics("from=2020-05-11&to=2020-05-11");
        assertThat(single.getInt("total.touchpoints")).isEqualTo(4 * CLIENTS);
        assertThat(single.getInt("total.repeatContacts.count")).isEqualTo(CLIENTS);
        assertThat(batch.getMap("total")).isEqualTo(single.getMap("total"));
        assertThat(batch.getMap("byChannel")).isEqualTo(single.getMap("byChannel"));
        assertThat(batch.getMap("byNeed")).isEqualTo(single.getMap("byNeed"));
        assertThat(batch.getMap("byCauseDetail")).isEqualTo(single.getMap("byCauseDetail"));

        JsonPath singleSegment = CxMetricsTest.metrics("from=2020-05-04&to=2020-05-04&segment=YOUNG_FAMILIES");
        JsonPath batchSegment = CxMetricsTest.metrics("from=2020-05-11&to=2020-05-11&segment=PENSIONERS");
        assertThat(singleSegment.getInt("total.touchpoints")).isEqualTo(4 * 3);
        assertThat(batchSegment.getMap("total")).isEqualTo(singleSegment.getMap("total"));
        assertThat(batchSegment.getMap("byChannel")).isEqualTo(singleSegment.getMap("byChannel"));
        assertThat(CxMetricsTest.metrics("from=2020-05-11&to=2020-05-11&segment=DIGITAL_FIRST").getInt("total.touchpoints"))
                .isEqualTo(4);
    }

    /** How many batches of the ingest consumer failed and were applied one event at a time since the start. */
    private static double fallbacks() {
        return ingestMetric("crm_inbox_batch_fallbacks_total");
    }

    /** The ingest consumer's value of a metric (summed over its series), 0 when it has none yet. */
    static double ingestMetric(String name) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{")
                        && line.contains("consumer=\"interaction-service/touchpoint-ingest\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Nine new clients on one partition, the first three in {@code segment}, the first of them in DIGITAL_FIRST too. */
    private static List<String> clients(String segment) {
        List<String> clients = new ArrayList<>();
        while (clients.size() < CLIENTS) {
            // all on one partition of the ingest topic (3 in the tests, murmur2 of the key as the producer hashes it),
            // so that one consumer gets them all: batches of several clients (each prefetched, as the tests set
            // crm.inbox.prefetch-min-clients to 1)
            String clientId = UUID.randomUUID().toString();
            if (Utils.toPositive(Utils.murmur2(clientId.getBytes(StandardCharsets.UTF_8))) % 3 == 0) {
                TestClients.sendRegistered(clientId);
                TestClients.awaitKnown(clientId);
                clients.add(clientId);
            }
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
