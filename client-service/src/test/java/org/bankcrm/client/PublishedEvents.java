package org.bankcrm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.EventContracts;
import org.bankcrm.platform.testing.TopicContents;

/** What client-service published for one client, read from the real topic. */
final class PublishedEvents {
    static final String TOPIC = "crm.client.events.v1";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private PublishedEvents() {
    }

    /** The event data as a tree (the outbox stores it as jsonb, so key order and spacing are PostgreSQL's). */
    static com.fasterxml.jackson.databind.JsonNode json(String data) {
        try {
            return JSON.readTree(data);
        } catch (Exception e) {
            throw new AssertionError("event data is not JSON: " + data, e);
        }
    }

    static List<ConsumerRecord<String, String>> of(String clientId, String type) {
        return TopicContents.forKey(TOPIC, clientId).stream()
                .filter(r -> type.equals(CloudEventRecords.header(r.headers(), "ce_type")))
                .toList();
    }

    /** Waits for the client's events of {@code type} to reach {@code count}, checks each against its schema. */
    static List<ConsumerRecord<String, String>> expect(String clientId, String type, int count) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> of(clientId, type).size() >= count);
        List<ConsumerRecord<String, String>> events = of(clientId, type);
        assertThat(events).as("%s events of client %s", type, clientId).hasSize(count);
        for (ConsumerRecord<String, String> event : events) {
            assertThat(CloudEventRecords.header(event.headers(), "ce_subject")).isEqualTo(clientId);
            assertThat(EventContracts.violations("contracts/" + type + ".schema.json", event.value()))
                    .as("%s against its schema", event.value()).isEmpty();
        }
        return events;
    }

    /** Waits for exactly one event of {@code type} for the client; returns its data. */
    static String expectOne(String clientId, String type) {
        return expect(clientId, type, 1).get(0).value();
    }
}
