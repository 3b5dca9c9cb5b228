package org.bankcrm.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.bankcrm.offer.events.ClientEventsConsumer;
import org.bankcrm.offer.events.InteractionEventsConsumer;
import org.bankcrm.offer.events.LoyaltyEventsConsumer;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.testing.ContractCopies;
import org.bankcrm.platform.testing.ContractReading;
import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our reading of every producer event we consume, checked against the producer's contract (copies we keep). */
class ProducerContractsTest {
    static final String EXAMPLE_CLIENT = "6f1c2a3e-8a55-4c1e-9d2b-1f0e7f3b9a10";

    record Reading<T>(String producer, String type, Class<T> payload, Function<T, UUID> clientId) {
        @Override
        public String toString() {
            return type;
        }
    }

    static Stream<Arguments> consumed() {
        return Stream.of(
                new Reading<>("client-service", "crm.client.registered", ClientEventsConsumer.ClientRegistered.class,
                        ClientEventsConsumer.ClientRegistered::clientId),
                new Reading<>("client-service", "crm.client.updated", ClientEventsConsumer.ClientUpdated.class,
                        ClientEventsConsumer.ClientUpdated::clientId),
                new Reading<>("client-service", "crm.client.consent-changed", ClientEventsConsumer.ConsentChanged.class,
                        ClientEventsConsumer.ConsentChanged::clientId),
                new Reading<>("client-service", "crm.client.product-opened", ClientEventsConsumer.ProductsChanged.class,
                        ClientEventsConsumer.ProductsChanged::clientId),
                new Reading<>("client-service", "crm.client.product-closed", ClientEventsConsumer.ProductsChanged.class,
                        ClientEventsConsumer.ProductsChanged::clientId),
                new Reading<>("client-service", "crm.client.segment-changed", ClientEventsConsumer.SegmentChanged.class,
                        ClientEventsConsumer.SegmentChanged::clientId),
                new Reading<>("client-service", "crm.client.value-changed", ClientEventsConsumer.ValueChanged.class,
                        ClientEventsConsumer.ValueChanged::clientId),
                new Reading<>("client-service", "crm.client.erased", ClientEventsConsumer.ClientErased.class,
                        ClientEventsConsumer.ClientErased::clientId),
                new Reading<>("interaction-service", "crm.interaction.recorded", InteractionEventsConsumer.InteractionRecorded.class,
                        InteractionEventsConsumer.InteractionRecorded::clientId),
                new Reading<>("interaction-service", "crm.interaction.journey-closed", InteractionEventsConsumer.JourneyClosed.class,
                        InteractionEventsConsumer.JourneyClosed::clientId),
                new Reading<>("loyalty-service", "crm.loyalty.score-changed", LoyaltyEventsConsumer.ScoreChanged.class,
                        LoyaltyEventsConsumer.ScoreChanged::clientId),
                new Reading<>("loyalty-service", "crm.loyalty.type-changed", LoyaltyEventsConsumer.TypeChanged.class,
                        LoyaltyEventsConsumer.TypeChanged::clientId),
                new Reading<>("loyalty-service", "crm.loyalty.churn-risk-raised", LoyaltyEventsConsumer.ChurnRiskRaised.class,
                        LoyaltyEventsConsumer.ChurnRiskRaised::clientId))
                .map(Arguments::of);
    }

    static String schema(Reading<?> r) {
        return "contracts/" + r.producer() + "/" + r.type() + ".schema.json";
    }

    static String example(Reading<?> r) {
        return "contracts/" + r.producer() + "/examples/" + r.type() + ".json";
    }

    @ParameterizedTest
    @MethodSource("consumed")
    void ourCopyOfTheContractIsTheProducersCurrentOne(Reading<?> r) {
        ContractCopies.producerFile(r.producer(), r.type() + ".schema.json")
                .ifPresent(current -> assertThat(EventContracts.resource(schema(r))).isEqualTo(current));
        ContractCopies.producerFile(r.producer(), "examples/" + r.type() + ".json")
                .ifPresent(current -> assertThat(EventContracts.resource(example(r))).isEqualTo(current));
    }

    @ParameterizedTest
    @MethodSource("consumed")
    <T> void theProducersExampleIsValidAndWeReadIt(Reading<T> r) {
        String example = EventContracts.resource(example(r));
        assertThat(EventContracts.violations(schema(r), example)).isEmpty();
        T read = ContractReading.read(r.type(), example, r.payload());
        assertThat(r.clientId().apply(read)).hasToString(EXAMPLE_CLIENT);
    }

    @ParameterizedTest
    @MethodSource("consumed")
    void anEventWithoutClientIdBreaksTheContractAndWeRejectIt(Reading<?> r) {
        String invalid = EventContracts.resource(example(r)).replaceFirst("\"clientId\":\\s*\"[^\"]+\",", "");
        assertThat(EventContracts.violations(schema(r), invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read(r.type(), invalid, r.payload()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("clientId");
    }
}
