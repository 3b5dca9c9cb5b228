package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bankcrm.platform.security.Roles;
import org.bankcrm.platform.testing.CallsAs;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.CrmTestResource;
import org.bankcrm.platform.testing.RealInfrastructure;
import org.bankcrm.platform.testing.TopicContents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A malformed record that the broker took but whose dead-letter copy (the record plus the dead-letter headers) is
 * larger than a request may be: it goes to the DLQ as a reference, and the consumer carries on.
 */
@QuarkusTest
@QuarkusTestResource(CrmTestResource.class)
@CallsAs(Roles.CHANNEL)
class OversizedRecordTest {
    // just under the broker's message.max.bytes (1 MiB + 12) with the record's headers, over it with the dead-letter headers
    static final int VALUE_SIZE = 1024 * 1024 - 1_000;

    static void sendLarge(ProducerRecord<String, String> record) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.get().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce test record", e);
        }
    }

    @Test
    void aMalformedRecordOfAMebibyteIsDeadLetteredAsAReferenceAndTheNextTouchpointIsApplied() {
        String clientId = TestClients.known();
        String garbage = "x".repeat(VALUE_SIZE);
        sendLarge(TouchpointIngestTest.submitted(clientId, garbage));
        String id = UUID.randomUUID().toString();
        TestClients.send(TouchpointIngestTest.submitted(clientId, TestClients.touchpoint(id, clientId)));

        await().atMost(Duration.ofSeconds(60)).until(() -> TouchpointIngestTest.timelineTotal(clientId) == 1);
        given().when().get("/api/v1/interactions/{id}", id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !TopicContents.forKey(TouchpointIngestTest.DLQ, clientId).isEmpty());
        var dead = TopicContents.forKey(TouchpointIngestTest.DLQ, clientId);
        assertThat(dead).hasSize(1);
        ConsumerRecord<String, String> reference = dead.get(0);
        assertThat(CloudEventRecords.header(reference.headers(), "dead-letter-reason"))
                .startsWith("interaction-service/touchpoint-ingest: ")
                .contains("not valid JSON", "too large");
        assertThat(CloudEventRecords.header(reference.headers(), "dead-letter-topic")).isEqualTo(TouchpointIngestTest.TOPIC);
        assertThat(CloudEventRecords.header(reference.headers(), "dead-letter-partition")).isNotBlank();
        assertThat(CloudEventRecords.header(reference.headers(), "dead-letter-offset")).isNotBlank();
        assertThat(CloudEventRecords.header(reference.headers(), "ce_type")).isEqualTo(TouchpointIngestTest.SUBMITTED);
        JsonPath body = JsonPath.from(reference.value());
        assertThat(body.getBoolean("deadLetterReference")).isTrue();
        assertThat(body.getInt("size")).isGreaterThan(VALUE_SIZE);
        assertThat(body.getString("topic")).isEqualTo(TouchpointIngestTest.TOPIC);
        assertThat(body.getString("offset")).isEqualTo(CloudEventRecords.header(reference.headers(), "dead-letter-offset"));
        assertThat(body.getString("key")).isEqualTo(clientId);
        assertThat(body.getString("head")).isEqualTo("x".repeat(1024));
        assertThat(reference.serializedValueSize()).isLessThan(4096);

        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
