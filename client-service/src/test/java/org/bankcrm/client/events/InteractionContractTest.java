package org.bankcrm.client.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bankcrm.client.domain.StatedNeed;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.testing.ContractCopies;
import org.bankcrm.platform.testing.ContractReading;
import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

/** Our reading of interaction-service's crm.interaction.recorded, checked against its contract (a copy we keep). */
class InteractionContractTest {
    static final String TYPE = "crm.interaction.recorded";
    static final String SCHEMA = "contracts/interaction-service/" + TYPE + ".schema.json";
    static final String EXAMPLE = "contracts/interaction-service/examples/" + TYPE + ".json";

    @Test
    void ourCopyOfTheContractIsTheProducersCurrentOne() {
        ContractCopies.producerFile("interaction-service", TYPE + ".schema.json")
                .ifPresent(current -> assertThat(EventContracts.resource(SCHEMA)).isEqualTo(current));
        ContractCopies.producerFile("interaction-service", "examples/" + TYPE + ".json")
                .ifPresent(current -> assertThat(EventContracts.resource(EXAMPLE)).isEqualTo(current));
        ContractCopies.producerFile("interaction-service", "asyncapi.yaml")
                .ifPresent(current -> assertThat(EventContracts.resource("contracts/interaction-service/asyncapi.yaml"))
                        .isEqualTo(current));
    }

    @Test
    void theProducersExampleIsValidAndWeReadItsStatedNeeds() {
        String example = EventContracts.resource(EXAMPLE);
        assertThat(EventContracts.violations(SCHEMA, example)).isEmpty();
        var read = ContractReading.read(TYPE, example, InteractionEventsConsumer.InteractionRecorded.class);
        assertThat(read.clientId()).hasToString("6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10");
        assertThat(read.statement().codes()).containsExactlyInAnyOrder(StatedNeed.SAVING_FOR_HOUSING,
                StatedNeed.CHILDREN_EDUCATION);
        assertThat(read.statement().statedAt()).isEqualTo(read.occurredAt());
    }

    @Test
    void anUnknownNeedBreaksTheContractAndWeRejectIt() {
        String invalid = EventContracts.resource(EXAMPLE).replace("\"CHILDREN_EDUCATION\"", "\"YACHT\"");
        assertThat(EventContracts.violations(SCHEMA, invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read(TYPE, invalid, InteractionEventsConsumer.InteractionRecorded.class))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void anEventWithoutClientIdBreaksTheContractAndWeRejectIt() {
        String invalid = EventContracts.resource(EXAMPLE).replaceFirst("\"clientId\":\\s*\"[^\"]+\",", "");
        assertThat(EventContracts.violations(SCHEMA, invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read(TYPE, invalid, InteractionEventsConsumer.InteractionRecorded.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("clientId");
    }
}
