package org.bankcrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The live stream's touchpoints: the same draw within a run gives the same touchpoint, another run another id - a
 * second `crm demo --rate` on the same CRM used to send ids the first had sent, with another time (409 each).
 */
class LiveStreamTest {
    @Test
    void aSecondRunNeverRepeatsATouchpointIdOfTheFirst() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        Profile profile = new PopulationGenerator(42, now).client(0).profile();
        TouchpointGenerator generator = new TouchpointGenerator(BadWeeks.endingAt(now.minus(Duration.ofDays(365))), now);
        UUID client = UUID.randomUUID();
        for (long count = 0; count < 50; count++) {
            Payloads.Touchpoint first = generator.liveContact(LiveStream.draw(42, "live-1", client, count), profile, now);
            Payloads.Touchpoint again = generator.liveContact(LiveStream.draw(42, "live-1", client, count), profile, now);
            Payloads.Touchpoint second = generator.liveContact(LiveStream.draw(42, "live-2", client, count), profile, now);
            assertThat(again.id()).as("a draw is reproducible").isEqualTo(first.id());
            assertThat(second.id()).as("another run, another touchpoint").isNotEqualTo(first.id());
        }
    }
}
