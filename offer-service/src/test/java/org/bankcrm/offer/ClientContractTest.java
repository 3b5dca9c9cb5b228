package org.bankcrm.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bankcrm.offer.events.ClientEventsConsumer.ClientRegistered;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.testing.ContractCopies;
import org.bankcrm.platform.testing.ContractReading;
import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

/** Our reading of client-service's events, checked against its published contract (a copy we keep). */
class ClientContractTest {
    static final String SCHEMA = "contracts/client-service/crm.client.registered.schema.json";
    static final String EXAMPLE = "contracts/client-service/examples/crm.client.registered.json";

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
        assertThat(registered.ageBand()).isEqualTo("AGE_35_44");
        assertThat(registered.consents().marketingEmail()).isTrue();
        assertThat(registered.consents().marketingSms()).isFalse();
        assertThat(registered.registeredAt()).isNotNull();
        assertThat(registered.occupation()).isEqualTo("EMPLOYEE");
        assertThat(registered.maritalStatus()).isEqualTo("MARRIED");
        assertThat(registered.education()).isEqualTo("TERTIARY");
        assertThat(registered.householdSize()).isEqualTo(3);
        assertThat(registered.dependants()).isEqualTo(1);
    }

    @Test
    void anEventWithoutClientIdBreaksTheContractAndWeRejectIt() {
        String invalid = EventContracts.resource(EXAMPLE).replace("\"clientId\": \"6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10\",", "");
        assertThat(EventContracts.violations(SCHEMA, invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read("crm.client.registered", invalid, ClientRegistered.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("clientId");
    }
}
