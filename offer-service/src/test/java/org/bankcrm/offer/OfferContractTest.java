package org.bankcrm.offer;

import static org.assertj.core.api.Assertions.assertThat;

import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our own contracts: each example matches its schema, and the schemas refuse what they must. */
class OfferContractTest {

    @ParameterizedTest
    @ValueSource(strings = { "crm.offer.decided", "crm.offer.responded" })
    void theExampleMatchesItsSchema(String type) {
        assertThat(EventContracts.violations(schema(type), example(type))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "crm.offer.decided", "crm.offer.responded" })
    void personalDataOrAnUnknownCategoryBreaksTheContract(String type) {
        String withName = example(type).replaceFirst("\\{", "{\"fullName\": \"Jana Nováková\",");
        assertThat(EventContracts.violations(schema(type), withName)).isNotEmpty();
        String unknownCategory = example(type).replace("\"RETENTION\"", "\"GIFT\"");
        assertThat(EventContracts.violations(schema(type), unknownCategory)).isNotEmpty();
    }

    private static String schema(String type) {
        return "contracts/" + type + ".schema.json";
    }

    private static String example(String type) {
        return EventContracts.resource("contracts/examples/" + type + ".json");
    }
}
