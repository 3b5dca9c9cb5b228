package org.bankcrm.loyalty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.bankcrm.platform.testing.CloudEventRecords;

/** Events of client-service and interaction-service as their contracts describe them, for one client. */
final class TestEvents {
    static final String CLIENT_TOPIC = "crm.client.events.v1";
    static final String INTERACTION_TOPIC = "crm.interaction.events.v1";

    private TestEvents() {
    }

    static ProducerRecord<String, String> registered(String clientId, LocalDate customerSince) {
        return registered(clientId, customerSince, true);
    }

    static ProducerRecord<String, String> registered(String clientId, LocalDate customerSince, boolean profiling) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.registered", clientId, """
                {"clientId": "%s", "type": "INDIVIDUAL", "ageBand": "AGE_35_44", "customerSince": "%s",
                 "consents": {"marketingEmail": true, "marketingSms": false, "marketingPush": false, "marketingPhone": false, "profiling": %s},
                 "registeredAt": "%s"}
                """.formatted(clientId, customerSince, profiling, Instant.now()));
    }

    static ProducerRecord<String, String> consentChanged(String clientId, boolean profiling) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.consent-changed", clientId, """
                {"clientId": "%s",
                 "consents": {"marketingEmail": true, "marketingSms": false, "marketingPush": false, "marketingPhone": false, "profiling": %s},
                 "changes": [{"purpose": "PROFILING", "granted": %s}], "source": "MOBILE_APP", "changedAt": "%s"}
                """.formatted(clientId, profiling, profiling, Instant.now()));
    }

    static ProducerRecord<String, String> productOpened(String clientId, String type, List<String> held) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.product-opened", clientId, """
                {"clientId": "%s", "productId": "%s", "productType": "%s", "openedAt": "%s", "balance": 100.0,
                 "heldProductTypes": [%s], "recordedAt": "%s"}
                """.formatted(clientId, UUID.randomUUID(), type, LocalDate.now().minusDays(3), quoted(held), Instant.now()));
    }

    static ProducerRecord<String, String> financials(String clientId, YearMonth month, double balance, int transactions) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.financials-recorded", clientId, """
                {"clientId": "%s", "month": "%s", "revenue": 40.0, "costToServe": 10.0, "averageBalance": %s,
                 "transactionCount": %d, "transactionAmount": 1500.0, "replaced": false, "recordedAt": "%s"}
                """.formatted(clientId, month, balance, transactions, Instant.now()));
    }

    static ProducerRecord<String, String> segmentChanged(String clientId, List<String> segments) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.segment-changed", clientId, """
                {"clientId": "%s", "segments": [%s], "joined": [%s], "left": [], "changedAt": "%s"}
                """.formatted(clientId, quoted(segments), quoted(segments), Instant.now()));
    }

    static ProducerRecord<String, String> valueChanged(String clientId, String quadrant) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.value-changed", clientId, """
                {"clientId": "%s", "profitability": 291.6, "potential": 68.5, "quadrant": "%s", "strategy": "RETAIN",
                 "previousQuadrant": null, "previousStrategy": null, "reasons": [], "computedAt": "%s"}
                """.formatted(clientId, quadrant, Instant.now()));
    }

    static ProducerRecord<String, String> left(String clientId, String reason) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.left", clientId, """
                {"clientId": "%s", "leftAt": "%s", "reason": "%s"}
                """.formatted(clientId, Instant.now(), reason));
    }

    static ProducerRecord<String, String> returned(String clientId) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.returned", clientId, """
                {"clientId": "%s", "returnedAt": "%s"}
                """.formatted(clientId, Instant.now()));
    }

    static ProducerRecord<String, String> erased(String clientId) {
        return CloudEventRecords.event(CLIENT_TOPIC, "crm.client.erased", clientId, """
                {"clientId": "%s", "erasedAt": "%s"}
                """.formatted(clientId, Instant.now()));
    }

    static ProducerRecord<String, String> bankCausedComplaint(String clientId, String eventId) {
        return CloudEventRecords.event(INTERACTION_TOPIC, eventId, "crm.interaction.recorded", clientId, """
                {"interactionId": "%s", "clientId": "%s", "occurredAt": "%s", "channel": "CALL_CENTER", "type": "COMPLAINT",
                 "initiator": "CLIENT", "need": "CARDS", "outcome": "UNRESOLVED", "valence": "NEGATIVE", "cause": "BANK",
                 "causeDetail": "WAITING_TIME", "csat": 1, "nps": 2, "journeyId": "%s", "repeatContact": false,
                 "recordedAt": "%s"}
                """.formatted(UUID.randomUUID(), clientId, Instant.now(), UUID.randomUUID(), Instant.now()));
    }

    static ProducerRecord<String, String> surveyAnswer(String clientId, int nps) {
        return CloudEventRecords.event(INTERACTION_TOPIC, "crm.interaction.recorded", clientId, """
                {"interactionId": "%s", "clientId": "%s", "occurredAt": "%s", "channel": "MOBILE_APP", "type": "SURVEY_RESPONSE",
                 "initiator": "CLIENT", "need": "OTHER", "outcome": "RESOLVED", "valence": "POSITIVE", "cause": null,
                 "causeDetail": null, "csat": null, "nps": %d, "journeyId": null, "repeatContact": false, "recordedAt": "%s"}
                """.formatted(UUID.randomUUID(), clientId, Instant.now(), nps, Instant.now()));
    }

    static ProducerRecord<String, String> journeyClosed(String clientId) {
        return CloudEventRecords.event(INTERACTION_TOPIC, "crm.interaction.journey-closed", clientId, """
                {"journeyId": "%s", "clientId": "%s", "need": "PAYMENTS", "status": "RESOLVED", "startedAt": "%s",
                 "closedAt": "%s", "contacts": 1, "firstContactResolution": true, "firstChannel": "BRANCH",
                 "resolvedByChannel": "BRANCH", "resolvedByType": "INQUIRY", "repeatOf": null}
                """.formatted(UUID.randomUUID(), clientId, Instant.now().minusSeconds(60), Instant.now()));
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
    }
}
