package org.bankcrm.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EventSequenceTest {

    static IncomingEvent withSequence(String sequence) {
        var record = IncomingEventTest.valid("{}");
        if (sequence != null) {
            record.headers().add("ce_sequence", sequence.getBytes(StandardCharsets.UTF_8));
        }
        return IncomingEvent.parse(record, IncomingEventTest.JSON);
    }

    @Test
    void theProducersSequenceIsReadFromTheSequenceExtension() {
        assertThat(EventSequence.of(withSequence("42"))).contains(new EventSequence(42));
    }

    @Test
    void anEventFromAProducerBeforeTheUpgradeHasNoSequenceAndIsNotMalformed() {
        assertThat(EventSequence.of(withSequence(null))).isEmpty();
    }

    @Test
    void aSequenceThatIsNotAPositiveIntegerIsMalformed() {
        for (String bad : new String[] { "0", "-3", "4.5", "seven", "" }) {
            assertThatThrownBy(() -> EventSequence.of(withSequence(bad)))
                    .as(bad).isInstanceOf(MalformedEventException.class).hasMessageContaining("ce_sequence");
        }
    }
}
