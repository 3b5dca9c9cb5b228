package org.bankcrm.interaction.app;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a bank tunes in interaction-service ({@code crm.interaction.*}); documented in the service README. */
@ConfigMapping(prefix = "crm.interaction")
public interface InteractionConfig {

    /** How far in the future a touchpoint's occurredAt may lie: the clock difference tolerated between systems. */
    @WithDefault("2m")
    Duration clockSkew();

    Parking parking();

    Journey journey();

    interface Journey {
        /** Contacts about one need form one journey while each comes within this time of the one before. */
        @WithDefault("14d")
        Duration window();

        /** The same need again within this time of a resolving contact is a repeat contact (failure demand). */
        @WithDefault("7d")
        Duration repeatContactWindow();
    }

    interface Parking {
        /** How long a Kafka touchpoint of a client not known yet waits for crm.client.registered before the DLQ. */
        @WithDefault("24h")
        Duration maxWait();

        /** How often parked touchpoints that waited too long are moved to the DLQ. */
        @WithDefault("30s")
        Duration sweepInterval();

        /** Parked touchpoints moved to the DLQ per sweep round. */
        @WithDefault("200")
        int batchSize();
    }
}
