package org.bankcrm.offer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bankcrm.platform.testing.CloudEventRecords;
import org.bankcrm.platform.testing.RealInfrastructure;

/** Producers' events as they arrive on the real broker, per their contracts. */
final class TestEvents {
    static final String CLIENT_TOPIC = "crm.client.events.v1";
    static final String INTERACTION_TOPIC = "crm.interaction.events.v1";
    static final String LOYALTY_TOPIC = "crm.loyalty.events.v1";
    private static KafkaProducer<String, String> producer;

    private TestEvents() {
    }

    static synchronized void send(ProducerRecord<String, String> record) {
        if (producer == null) {
            var props = new java.util.Properties();
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

    static String consents(boolean email, boolean sms, boolean push, boolean phone, boolean profiling) {
        return """
                {"marketingEmail": %s, "marketingSms": %s, "marketingPush": %s, "marketingPhone": %s, "profiling": %s}"""
                .formatted(email, sms, push, phone, profiling);
    }

    static ProducerRecord<String, String> registered(String clientId, String ageBand, String consents) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.registered", clientId, """
                {"clientId": "%s", "type": "INDIVIDUAL", "ageBand": "%s", "incomeBracket": "MIDDLE", "customerSince": "2019-04-01",
                 "consents": %s, "registeredAt": "%s"}""".formatted(clientId, ageBand, consents, Instant.now()));
    }

    /** A registration with the optional profile (occupation, marital status, education, household). */
    static ProducerRecord<String, String> registeredWithProfile(String clientId, String consents, String occupation,
            String maritalStatus, String education, int householdSize, int dependants) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.registered", clientId, """
                {"clientId": "%s", "type": "INDIVIDUAL", "ageBand": "AGE_35_44", "incomeBracket": "MIDDLE", "customerSince": "2019-04-01",
                 "consents": %s, "registeredAt": "%s", "occupation": "%s", "maritalStatus": "%s", "education": "%s",
                 "householdSize": %d, "dependants": %d}""".formatted(clientId, consents, Instant.now(), occupation, maritalStatus,
                education, householdSize, dependants));
    }

    /** An update that carries the whole profile after the change; the profile's fields absent = not known any more. */
    static ProducerRecord<String, String> updated(String clientId, String consents, String occupation) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.updated", clientId, """
                {"clientId": "%s", "type": "INDIVIDUAL", "ageBand": "AGE_35_44", "incomeBracket": "MIDDLE", "customerSince": "2019-04-01",
                 "consents": %s, "changedFields": ["occupation"], "updatedAt": "%s", "occupation": "%s"}"""
                .formatted(clientId, consents, Instant.now(), occupation));
    }

    static ProducerRecord<String, String> consentChanged(String clientId, String consents) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.consent-changed", clientId, """
                {"clientId": "%s", "consents": %s, "changes": [{"purpose": "MARKETING_PHONE", "granted": false}],
                 "source": "CALL_CENTER", "changedAt": "%s"}""".formatted(clientId, consents, Instant.now()));
    }

    static ProducerRecord<String, String> productOpened(String clientId, String type, List<String> held) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.product-opened", clientId, """
                {"clientId": "%s", "productId": "%s", "productType": "%s", "openedAt": "2026-11-20", "balance": 100.0,
                 "heldProductTypes": [%s], "recordedAt": "%s"}""".formatted(clientId, UUID.randomUUID(), type,
                held.stream().map(h -> "\"" + h + "\"").collect(Collectors.joining(",")), Instant.now()));
    }

    static ProducerRecord<String, String> valueChanged(String clientId, String quadrant, String strategy) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.value-changed", clientId, """
                {"clientId": "%s", "profitability": 100.0, "potential": 60.0, "quadrant": "%s", "strategy": "%s",
                 "reasons": [], "computedAt": "%s"}""".formatted(clientId, quadrant, strategy, Instant.now()));
    }

    static ProducerRecord<String, String> segmentChanged(String clientId, List<String> segments) {
        String list = segments.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.segment-changed", clientId, """
                {"clientId": "%s", "segments": [%s], "joined": [%s], "left": [], "changedAt": "%s"}"""
                .formatted(clientId, list, list, Instant.now()));
    }

    static ProducerRecord<String, String> erased(String clientId) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.erased", clientId, """
                {"clientId": "%s", "erasedAt": "%s"}""".formatted(clientId, Instant.now()));
    }

    static String recorded(String clientId, String channel, String type, String outcome, String valence, String cause) {
        return """
                {"interactionId": "%s", "clientId": "%s", "occurredAt": "%s", "channel": "%s", "type": "%s",
                 "initiator": "CLIENT", "need": "CARDS", "outcome": "%s", "valence": "%s", "cause": %s,
                 "causeDetail": %s, "csat": null, "nps": null, "journeyId": "%s", "repeatContact": false, "recordedAt": "%s"}"""
                .formatted(UUID.randomUUID(), clientId, Instant.now(), channel, type, outcome, valence,
                        cause == null ? "null" : "\"" + cause + "\"", "BANK".equals(cause) ? "\"WAITING_TIME\"" : "null",
                        UUID.randomUUID(), Instant.now());
    }

    static ProducerRecord<String, String> interaction(String eventId, String clientId, String payload) {
        return CloudEventRecords.event(INTERACTION_TOPIC, eventId, "crm.interaction.recorded", clientId, payload);
    }

    static String scoreChanged(String clientId, String type, double churnRisk) {
        return scoreChanged(clientId, type, churnRisk, 80.0, 20.0);
    }

    static String scoreChanged(String clientId, String type, double churnRisk, double behavioural, double perceived) {
        return """
                {"clientId": "%s", "behavioural": %s, "perceived": %s, "type": "%s", "churnRisk": %s,
                 "factors": [], "basis": {"interactions": 1, "products": 2, "monthsOfFinancials": 0},
                 "previous": null, "triggerEventType": "crm.interaction.recorded", "triggerEventId": null, "scoredAt": "%s"}"""
                .formatted(clientId, behavioural, perceived, type, churnRisk, Instant.now());
    }
}
