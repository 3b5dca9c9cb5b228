package org.bankcrm.client.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every event type client-service publishes has a schema, a valid example and an AsyncAPI entry. */
class ContractFilesTest {
    static final List<String> TYPES = List.of(ClientEvents.REGISTERED, ClientEvents.UPDATED, ClientEvents.PRODUCT_OPENED,
            ClientEvents.PRODUCT_CLOSED, ClientEvents.FINANCIALS_RECORDED, ClientEvents.VALUE_CHANGED,
            ClientEvents.SEGMENT_CHANGED, ClientEvents.CONSENT_CHANGED, ClientEvents.ERASED, ClientEvents.LEFT,
            ClientEvents.RETURNED);

    static List<String> types() {
        return TYPES;
    }

    @ParameterizedTest
    @MethodSource("types")
    void theExampleOfEachTypeMatchesItsSchema(String type) {
        assertThat(EventContracts.violations(schema(type), EventContracts.resource("contracts/examples/" + type + ".json")))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("types")
    void eachTypeIsInTheAsyncApiDocument(String type) {
        String asyncApi = EventContracts.resource("contracts/asyncapi.yaml");
        assertThat(asyncApi).contains("ce_type: { const: " + type + " }", "$ref: './" + type + ".schema.json'",
                "$ref: './examples/" + type + ".json'");
    }

    @ParameterizedTest
    @MethodSource("types")
    void noSchemaOrExampleNamesPersonalData(String type) {
        String files = EventContracts.resource(schema(type)) + EventContracts.resource("contracts/examples/" + type + ".json");
        // as a property, that is; crm.client.updated may name a changed field, never carry its value
        assertThat(files).doesNotContain("\"fullName\":", "\"email\":", "\"phone\":", "\"birthDate\":", "\"externalRef\":");
    }

    @Test
    void theErasedEventCarriesExactlyTheClientIdAndTheTimeOfErasure() {
        String schema = schema(ClientEvents.ERASED);
        assertThat(EventContracts.violations(schema,
                "{\"clientId\": \"6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10\", \"erasedAt\": \"2026-11-27T11:08:00Z\"}")).isEmpty();
        assertThat(EventContracts.violations(schema,
                "{\"clientId\": \"6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10\", \"erasedAt\": \"2026-11-27T11:08:00Z\", \"fullName\": \"x\"}"))
                .isNotEmpty();
        assertThat(EventContracts.violations(schema, "{\"clientId\": \"6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10\"}")).isNotEmpty();
    }

    @Test
    void aValueChangeWithAnUnknownStrategyIsInvalid() {
        String example = EventContracts.resource("contracts/examples/" + ClientEvents.VALUE_CHANGED + ".json");
        assertThat(EventContracts.violations(schema(ClientEvents.VALUE_CHANGED), example.replace("\"DEVELOP\"", "\"UPSELL\"")))
                .isNotEmpty();
    }

    @Test
    void aDepartureCarriesExactlyTheClientIdWhenAndOneOfTheTwoReasons() {
        String schema = schema(ClientEvents.LEFT);
        String reported = "{\"clientId\": \"6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10\", \"leftAt\": \"2026-11-27T11:08:00Z\", \"reason\": \"%s\"%s}";
        assertThat(EventContracts.violations(schema, reported.formatted("REPORTED", ""))).isEmpty();
        assertThat(EventContracts.violations(schema, reported.formatted("MOVED_ABROAD", ""))).isNotEmpty();
        assertThat(EventContracts.violations(schema, reported.formatted("REPORTED", ", \"reportedReason\": \"DECEASED\""))).isNotEmpty();
        assertThat(EventContracts.violations(schema(ClientEvents.RETURNED),
                "{\"clientId\": \"6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10\"}")).isNotEmpty();
    }

    static String schema(String type) {
        return "contracts/" + type + ".schema.json";
    }
}
