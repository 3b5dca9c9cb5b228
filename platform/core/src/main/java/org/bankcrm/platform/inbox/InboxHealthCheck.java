package org.bankcrm.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Consumers held up by a transient failure (database or broker unreachable) are degraded, not dead: the check stays
 * UP, so no restart lands the pod on the same outage, and names each paused consumer with since when and why.
 */
@Liveness
@Readiness
@ApplicationScoped
public class InboxHealthCheck implements HealthCheck {
    private final PausedConsumers paused;

    public InboxHealthCheck(PausedConsumers paused) {
        this.paused = paused;
    }

    @Override
    public HealthCheckResponse call() {
        var now = paused.now();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("crm-inbox").up()
                .withData("paused", now.size());
        now.forEach((consumer, pause) -> response.withData(consumer, "paused since " + pause.since() + " after "
                + pause.failedTries() + " failed tries; last: " + pause.lastFailure()));
        return response.build();
    }
}
