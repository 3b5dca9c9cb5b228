package org.bankcrm.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderingTest {

    @Test
    void aStateTopicOrdersEveryTypeButTheFactsItNames() {
        Ordering clientEvents = Ordering.stateExcept("crm.client.financials-recorded");
        assertThat(clientEvents.carriesState("crm.client.updated")).isTrue();
        assertThat(clientEvents.carriesState("crm.client.financials-recorded")).isFalse();
        assertThat(Ordering.STATE.carriesState("crm.loyalty.score-changed")).isTrue();
    }

    @Test
    void factsAreAppliedWhateverTheirOrder() {
        assertThat(Ordering.FACTS.carriesState("crm.interaction.recorded")).isFalse();
    }
}
