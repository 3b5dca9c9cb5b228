package org.bankcrm.platform.parking;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Parking of events for clients not known yet ({@code crm.parking.*}). */
@ConfigMapping(prefix = "crm.parking")
public interface ParkingConfig {

    /** How long an event of a client not known yet waits for crm.client.registered before the DLQ. */
    @WithDefault("24h")
    Duration maxWait();

    /** How often parked events that waited too long (or were given up) are moved to the DLQ. */
    @WithDefault("30s")
    Duration sweepInterval();

    /** Parked events moved to the DLQ per sweep round. */
    @WithDefault("200")
    int batchSize();
}
