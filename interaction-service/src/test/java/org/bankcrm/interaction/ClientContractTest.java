package org.bankcrm.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bankcrm.interaction.events.ClientEventsConsumer.ClientErased;
import org.bankcrm.interaction.events.ClientEventsConsumer.ClientRegistered;
import org.bankcrm.interaction.events.ClientEventsConsumer.ClientSegmentChanged;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.testing.ContractCopies;
import org.bankcrm.platform.testing.ContractReading;
import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

/** Our reading of client-service's events, checked against its published contract (a copy we keep). */
class ClientContractTest {
    static final String SCHEMA = "contracts/client-service/crm.client.registered.schema.json";
    static final String EXAMPLE = "contracts/client-service/examples/crm.client.registered.json";
    static final String ERASED_SCHEMA = "contracts/client-service/crm.client.erased.schema.json";
    static final String ERASED_EXAMPLE = "contracts/client-service/examples/crm.client.erased.json";
    static final String SEGMENT_SCHEMA = "contracts/client-service/crm.client.segment-changed.schema.json";
    static final String SEGMENT_EXAMPLE = "contracts/client-service/examples/crm.client.segment-changed.json";

    @Test
    void ourCopyOfTheContractIsTheProducersCurrentOne() {
        ContractCopies.producerFile("client-service", "crm.client.registered.schema.json")
                .ifPresent(current -> assertThat(EventContracts.resource(SCHEMA)).isEqualTo(current));
        ContractCopies.producerFile("client-service", "examples/crm.client.registered.json")
                .ifPresent(current -> assertThat(EventContracts.resource(EXAMPLE)).isEqualTo(current));
    }

    @Test
    void theProducersExampleIsValidAndWeReadIt() {
        String example = EventContracts.resource(EXAMPLE);
        assertThat(EventContracts.violations(SCHEMA, example)).isEmpty();
        ClientRegistered registered = ContractReading.read("crm.client.registered", example, ClientRegistered.class);
        assertThat(registered.clientId()).hasToString("6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10");
        assertThat(registered.type()).isEqualTo("INDIVIDUAL");
        assertThat(registered.registeredAt()).isNotNull();
    }

    @Test
    void anEventWithoutClientIdBreaksTheContractAndWeRejectIt() {
        String invalid = EventContracts.resource(EXAMPLE).replace("\"clientId\": \"6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10\",", "");
        assertThat(EventContracts.violations(SCHEMA, invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read("crm.client.registered", invalid, ClientRegistered.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("clientId");
    }

    @Test
    void ourCopyOfTheErasedContractIsTheProducersCurrentOne() {
        ContractCopies.producerFile("client-service", "crm.client.erased.schema.json")
                .ifPresent(current -> assertThat(EventContracts.resource(ERASED_SCHEMA)).isEqualTo(current));
        ContractCopies.producerFile("client-service", "examples/crm.client.erased.json")
                .ifPresent(current -> assertThat(EventContracts.resource(ERASED_EXAMPLE)).isEqualTo(current));
    }

    @Test
    void theProducersErasedExampleIsValidAndWeReadIt() {
        String example = EventContracts.resource(ERASED_EXAMPLE);
        assertThat(EventContracts.violations(ERASED_SCHEMA, example)).isEmpty();
        ClientErased erased = ContractReading.read("crm.client.erased", example, ClientErased.class);
        assertThat(erased.clientId()).hasToString("6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10");
        assertThat(erased.erasedAt()).isNotNull();
    }

    @Test
    void anErasedEventWithoutErasedAtBreaksTheContractAndWeRejectIt() {
        String invalid = "{\"clientId\": \"6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10\"}";
        assertThat(EventContracts.violations(ERASED_SCHEMA, invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read("crm.client.erased", invalid, ClientErased.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("erasedAt");
    }

    @Test
    void ourCopyOfTheSegmentChangedContractIsTheProducersCurrentOne() {
        ContractCopies.producerFile("client-service", "crm.client.segment-changed.schema.json")
                .ifPresent(current -> assertThat(EventContracts.resource(SEGMENT_SCHEMA)).isEqualTo(current));
        ContractCopies.producerFile("client-service", "examples/crm.client.segment-changed.json")
                .ifPresent(current -> assertThat(EventContracts.resource(SEGMENT_EXAMPLE)).isEqualTo(current));
    }

    @Test
    void theProducersSegmentChangedExampleIsValidAndWeReadIt() {
        String example = EventContracts.resource(SEGMENT_EXAMPLE);
        assertThat(EventContracts.violations(SEGMENT_SCHEMA, example)).isEmpty();
        ClientSegmentChanged changed = ContractReading.read("crm.client.segment-changed", example, ClientSegmentChanged.class);
        assertThat(changed.segments()).containsExactly("YOUNG_FAMILIES", "DIGITAL_FIRST");
    }

    @Test
    void aSegmentCodeInLowerCaseBreaksTheContractAndWeRejectIt() {
        String invalid = EventContracts.resource(SEGMENT_EXAMPLE).replace("\"DIGITAL_FIRST\"", "\"digital first\"");
        assertThat(EventContracts.violations(SEGMENT_SCHEMA, invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read("crm.client.segment-changed", invalid, ClientSegmentChanged.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("segments");
    }
}
