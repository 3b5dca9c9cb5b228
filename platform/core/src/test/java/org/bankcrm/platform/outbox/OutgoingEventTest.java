package org.bankcrm.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.bankcrm.platform.events.IncomingEvent;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

class OutgoingEventTest {

    static IncomingEvent incoming(String id, Map<String, String> extensions) {
        return new IncomingEvent(id, "crm.interaction.recorded", "/bank-crm/interaction-service", "c-1", Instant.now(),
                extensions, JsonNodeFactory.instance.objectNode(), "crm.interaction.events.v1", 0, 0);
    }

    @Test
    void anEventCausedByTheRootOfAChainCarriesTheRootAsCausationAndCorrelation() {
        var event = OutgoingEvent.of("crm.loyalty.events.v1", "crm.loyalty.score-changed", "c-1", Map.of())
                .causedBy(incoming("touchpoint-1", Map.of()));
        assertThat(event.extensions()).containsEntry("causationid", "touchpoint-1").containsEntry("correlationid", "touchpoint-1");
    }

    @Test
    void anEventFurtherDownTheChainKeepsTheRootAsCorrelation() {
        var event = OutgoingEvent.of("crm.offer.events.v1", "crm.offer.decided", "c-1", Map.of())
                .causedBy(incoming("score-7", Map.of("correlationid", "touchpoint-1", "causationid", "touchpoint-1")));
        assertThat(event.extensions()).containsEntry("causationid", "score-7").containsEntry("correlationid", "touchpoint-1");
    }

    @Test
    void extensionNamesFollowTheCloudEventsRules() {
        assertThatThrownBy(() -> OutgoingEvent.of("t", "x", "c-1", Map.of()).withExtension("Root_Id", "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
