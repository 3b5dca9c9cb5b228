package org.bankcrm.interaction;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.RealInfrastructure;

/** Test helpers: records sent to the real broker, clients made known the way production learns them. */
final class TestClients {
    static final String CLIENT_TOPIC = "crm.client.events.v1";
    private static KafkaProducer<String, String> producer;

    private TestClients() {
    }

    static synchronized void send(ProducerRecord<String, String> record) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.get().bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce test record", e);
        }
    }

    static void sendRegistered(String clientId) {
        send(CloudEventRecords.event(CLIENT_TOPIC, "crm.client.registered", clientId, """
                {"clientId": "%s", "type": "INDIVIDUAL", "ageBand": "AGE_35_44", "customerSince": "2019-04-01",
                 "consents": {"marketingEmail": true, "marketingSms": false, "marketingPush": false, "marketingPhone": false, "profiling": true},
                 "registeredAt": "2026-11-27T10:15:30Z"}
                """.formatted(clientId)));
    }

    /** A new client, registered through crm.client.events.v1 and known to the service when this returns. */
    static String known() {
        String clientId = UUID.randomUUID().toString();
        sendRegistered(clientId);
        awaitKnown(clientId);
        return clientId;
    }

    static void awaitKnown(String clientId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().when()
                .get("/api/v1/read-model/clients/{id}", clientId).statusCode() == 200);
    }

    /** A valid touchpoint body; the fields given as "name", value pairs replace the defaults. */
    static String touchpoint(String id, String clientId, Object... overrides) {
        var fields = new java.util.LinkedHashMap<String, Object>();
        fields.put("id", id);
        fields.put("clientId", clientId);
        fields.put("occurredAt", java.time.Instant.now().minusSeconds(60).toString());
        fields.put("channel", "CALL_CENTER");
        fields.put("type", "COMPLAINT");
        fields.put("initiator", "CLIENT");
        fields.put("need", "CARDS");
        fields.put("outcome", "UNRESOLVED");
        fields.put("valence", "NEGATIVE");
        fields.put("cause", "BANK");
        fields.put("causeDetail", "WAITING_TIME");
        fields.put("csat", 2);
        fields.put("nps", 4);
        fields.put("employeeId", "EMP-4711");
        fields.put("notes", "Client waited 25 minutes on the line, card still blocked");
        for (int i = 0; i < overrides.length; i += 2) {
            fields.put((String) overrides[i], overrides[i + 1]);
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(name).append("\": ");
            if (value == null || value instanceof Number || value instanceof Boolean) {
                json.append(value);
            } else {
                json.append('"').append(value.toString().replace("\"", "\\\"")).append('"');
            }
        });
        return json.append('}').toString();
    }
}
