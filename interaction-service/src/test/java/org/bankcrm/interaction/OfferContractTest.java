package org.bankcrm.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bankcrm.interaction.domain.OfferTouchpoints;
import org.bankcrm.interaction.events.OfferEventsConsumer.OfferDecided;
import org.bankcrm.interaction.events.OfferEventsConsumer.OfferResponded;
import org.bankcrm.platform.events.MalformedEventException;
import org.bankcrm.platform.testing.ContractCopies;
import org.bankcrm.platform.testing.ContractReading;
import org.bankcrm.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

/** Our reading of offer-service's events, checked against its published contract (a copy we keep). */
class OfferContractTest {
    static final String DECIDED_SCHEMA = "contracts/offer-service/crm.offer.decided.schema.json";
    static final String DECIDED_EXAMPLE = "contracts/offer-service/examples/crm.offer.decided.json";
    static final String RESPONDED_SCHEMA = "contracts/offer-service/crm.offer.responded.schema.json";
    static final String RESPONDED_EXAMPLE = "contracts/offer-service/examples/crm.offer.responded.json";

    @Test
    void ourCopiesOfTheContractsAreTheProducersCurrentOnes() {
        for (String file : new String[] { "crm.offer.decided.schema.json", "examples/crm.offer.decided.json",
                "crm.offer.responded.schema.json", "examples/crm.offer.responded.json" }) {
            ContractCopies.producerFile("offer-service", file).ifPresent(current -> assertThat(
                    EventContracts.resource("contracts/offer-service/" + file)).as(file).isEqualTo(current));
        }
    }

    @Test
    void theProducersDecidedExampleIsValidAndWeReadIt() {
        String example = EventContracts.resource(DECIDED_EXAMPLE);
        assertThat(EventContracts.violations(DECIDED_SCHEMA, example)).isEmpty();
        OfferDecided decided = ContractReading.read("crm.offer.decided", example, OfferDecided.class);
        assertThat(decided.decisionId()).hasToString("5b1e9a70-2c4d-4e8f-9a1b-3c5d7e9f0a12");
        assertThat(decided.trigger().type()).isEqualTo("INTERACTION");
        assertThat(decided.actions()).extracting(a -> a.offerCode()).containsExactly("APOLOGY_CALL", "RETENTION_CALL");
        assertThat(decided.actions().get(0).productType()).isNull();
        assertThat(decided.decidedAt()).isNotNull();
    }

    @Test
    void aRequestedDecisionWithAProductIsValidAndWeReadIt() {
        String requested = EventContracts.resource(DECIDED_EXAMPLE)
                .replace("\"type\": \"INTERACTION\"", "\"type\": \"REQUEST\"")
                .replace("\"eventId\": \"c0a8012e-6b1d-4f7e-9a3c-5d2e1f0a9b77\"", "\"eventId\": null")
                .replace("\"eventType\": \"crm.interaction.recorded\"", "\"eventType\": null")
                .replaceFirst("\"productType\": null", "\"productType\": \"CREDIT_CARD\"");
        assertThat(EventContracts.violations(DECIDED_SCHEMA, requested)).isEmpty();
        OfferDecided decided = ContractReading.read("crm.offer.decided", requested, OfferDecided.class);
        assertThat(decided.trigger().type()).isEqualTo("REQUEST");
        assertThat(decided.actions().get(0).productType()).isEqualTo("CREDIT_CARD");
    }

    @Test
    void aDecisionWithoutChannelBreaksTheContractAndWeRejectIt() {
        String invalid = EventContracts.resource(DECIDED_EXAMPLE).replace("\"channel\": \"CALL_CENTER\",", "");
        assertThat(EventContracts.violations(DECIDED_SCHEMA, invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read("crm.offer.decided", invalid, OfferDecided.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("channel");
    }

    @Test
    void theProducersRespondedExampleIsValidAndWeReadIt() {
        String example = EventContracts.resource(RESPONDED_EXAMPLE);
        assertThat(EventContracts.violations(RESPONDED_SCHEMA, example)).isEmpty();
        OfferResponded responded = ContractReading.read("crm.offer.responded", example, OfferResponded.class);
        assertThat(responded.responseId()).hasToString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a");
        assertThat(responded.offerCode()).isEqualTo("RETENTION_CALL");
        assertThat(responded.outcome()).isEqualTo(OfferTouchpoints.Answer.DECLINED);
        assertThat(responded.respondedAt()).isNotNull();
    }

    @Test
    void aResponseWithAnUnknownOutcomeBreaksTheContractAndWeRejectIt() {
        String invalid = EventContracts.resource(RESPONDED_EXAMPLE).replace("\"DECLINED\"", "\"MAYBE\"");
        assertThat(EventContracts.violations(RESPONDED_SCHEMA, invalid)).isNotEmpty();
        assertThatThrownBy(() -> ContractReading.read("crm.offer.responded", invalid, OfferResponded.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("MAYBE");
    }
}
