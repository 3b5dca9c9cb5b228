package org.bankcrm.platform.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Consumer-side tuning ({@code crm.inbox.*}). */
@ConfigMapping(prefix = "crm.inbox")
public interface InboxConfig {

    /**
     * How often an event whose effect failed for a reason other than its content (database
     * unreachable, lock timeout) is tried again before it goes to the DLQ. The partition waits
     * meanwhile, so the client's order holds. Malformed events go to the DLQ at once.
     */
    @WithDefault("5")
    int retries();

    /** First pause between those tries; doubles up to {@link #maxRetryBackoff()}. */
    @WithDefault("200ms")
    Duration retryBackoff();

    @WithDefault("5s")
    Duration maxRetryBackoff();
}
