package org.bankcrm.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.bankcrm.loyalty.events.FactReader;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.testing.ContractCopies;
import org.bankcrm.platform.testing.ContractReading;
import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our reading of client-service's and interaction-service's events, checked against their published
 * contracts (copies we keep under src/test/resources/contracts/&lt;producer&gt;/).
 */
class ClientContractTest {
    static final String EXAMPLE_CLIENT = "6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10";

    static Stream<Arguments> consumedEvents() {
        return Stream.of(
                Arguments.of("client-service", FactReader.REGISTERED, FactReader.ClientRegistered.class),
                Arguments.of("client-service", FactReader.UPDATED, FactReader.ClientUpdated.class),
                Arguments.of("client-service", FactReader.PRODUCT_OPENED, FactReader.ProductChanged.class),
                Arguments.of("client-service", FactReader.PRODUCT_CLOSED, FactReader.ProductChanged.class),
                Arguments.of("client-service", FactReader.FINANCIALS_RECORDED, FactReader.FinancialsRecorded.class),
                Arguments.of("client-service", FactReader.SEGMENT_CHANGED, FactReader.SegmentChanged.class),
                Arguments.of("client-service", FactReader.VALUE_CHANGED, FactReader.ValueChanged.class),
                Arguments.of("client-service", FactReader.ERASED, FactReader.ClientErased.class),
                Arguments.of("client-service", FactReader.LEFT, FactReader.ClientLeft.class),
                Arguments.of("client-service", FactReader.RETURNED, FactReader.ClientReturned.class),
                Arguments.of("client-service", FactReader.CONSENT_CHANGED, FactReader.ConsentChanged.class),
                Arguments.of("interaction-service", FactReader.INTERACTION_RECORDED, FactReader.InteractionRecorded.class),
                Arguments.of("interaction-service", FactReader.JOURNEY_CLOSED, FactReader.JourneyClosed.class));
    }

    static String schema(String producer, String type) {
        return "contracts/" + producer + "/" + type + ".schema.json";
    }

    static String example(String producer, String type) {
        return "contracts/" + producer + "/examples/" + type + ".json";
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("consumedEvents")
    void ourCopyOfTheContractIsTheProducersCurrentOne(String producer, String type, Class<?> reading) {
        ContractCopies.producerFile(producer, type + ".schema.json")
                .ifPresent(current -> assertThat(EventContracts.resource(schema(producer, type))).isEqualTo(current));
        ContractCopies.producerFile(producer, "examples/" + type + ".json")
                .ifPresent(current -> assertThat(EventContracts.resource(example(producer, type))).isEqualTo(current));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("consumedEvents")
    void theProducersExampleIsValidAndWeReadIt(String producer, String type, Class<?> reading) {
        String example = EventContracts.resource(example(producer, type));
        assertThat(EventContracts.violations(schema(producer, type), example)).isEmpty();
        Object read = ContractReading.read(type, example, reading);
        assertThat(read).hasFieldOrPropertyWithValue("clientId", java.util.UUID.fromString(EXAMPLE_CLIENT));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("consumedEvents")
    void anEventWithoutClientIdBreaksTheContractAndWeRejectIt(String producer, String type, Class<?> reading) {
        String invalid = EventContracts.resource(example(producer, type))
                .replaceFirst("\"clientId\":\\s*\"[^\"]+\",", "");
        assertThat(EventContracts.violations(schema(producer, type), invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read(type, invalid, reading))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("clientId");
    }

    @Test
    void theRegisteredExampleReadsAsTheProfileWeKeep() {
        var registered = ContractReading.read(FactReader.REGISTERED,
                EventContracts.resource(example("client-service", FactReader.REGISTERED)), FactReader.ClientRegistered.class);
        assertThat(registered.type()).isEqualTo("INDIVIDUAL");
        assertThat(registered.ageBand()).isEqualTo("AGE_35_44");
        assertThat(registered.customerSince()).hasToString("2019-04-01");
        assertThat(registered.consents().profiling()).as("the profiling consent is read").isNotNull();
        assertThat(registered.birthYear()).as("the year of birth, for the churn model's age").isEqualTo(1985);
    }

    @Test
    void theUpdatedExampleCarriesTheYearOfBirthAndAnImpossibleYearIsRejected() {
        String example = EventContracts.resource(example("client-service", FactReader.UPDATED));
        assertThat(ContractReading.read(FactReader.UPDATED, example, FactReader.ClientUpdated.class).birthYear())
                .isEqualTo(1985);
        String invalid = example.replace("\"birthYear\": 1985", "\"birthYear\": 1785");
        assertThat(EventContracts.violations(schema("client-service", FactReader.UPDATED), invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read(FactReader.UPDATED, invalid, FactReader.ClientUpdated.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("birthYear");
    }

    @Test
    void theConsentChangedExampleReadsAsTheProfilingConsent() {
        String example = EventContracts.resource(example("client-service", FactReader.CONSENT_CHANGED));
        var changed = ContractReading.read(FactReader.CONSENT_CHANGED, example, FactReader.ConsentChanged.class);
        assertThat(changed.consents().profiling()).isTrue();
    }

    @Test
    void theRecordedExampleReadsAsABankCausedUnresolvedComplaint() {
        var recorded = ContractReading.read(FactReader.INTERACTION_RECORDED,
                EventContracts.resource(example("interaction-service", FactReader.INTERACTION_RECORDED)),
                FactReader.InteractionRecorded.class);
        assertThat(recorded.type()).isEqualTo("COMPLAINT");
        assertThat(recorded.cause()).isEqualTo("BANK");
        assertThat(recorded.outcome()).isEqualTo("UNRESOLVED");
        assertThat(recorded.nps()).isEqualTo(4);
        assertThat(recorded.journeyId()).isNotNull();
    }
}
