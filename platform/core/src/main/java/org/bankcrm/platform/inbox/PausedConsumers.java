package org.bankcrm.platform.inbox;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;

/**
 * The consumers (per partition) that wait for a transient failure to pass: degraded, not dead. Shown by
 * {@link InboxHealthCheck} and as the gauge {@code crm.inbox.paused}.
 */
// created at start, so the gauge reads 0 before the first pause
@Startup
@ApplicationScoped
public class PausedConsumers {

    /** Since when a consumer waits, how many tries failed, and the last failure. */
    public record Pause(Instant since, int failedTries, String lastFailure) {
    }

    private final ConcurrentMap<String, Pause> paused = new ConcurrentHashMap<>();

    public PausedConsumers(MeterRegistry metrics) {
        metrics.gaugeMapSize("crm.inbox.paused", Tags.empty(), paused);
    }

    void pause(String consumer, String failure) {
        paused.merge(consumer, new Pause(Instant.now(), 1, failure),
                (before, now) -> new Pause(before.since(), before.failedTries() + 1, failure));
    }

    void resume(String consumer) {
        paused.remove(consumer);
    }

    /** The paused consumers now, by name. */
    public Map<String, Pause> now() {
        return new TreeMap<>(paused);
    }
}
