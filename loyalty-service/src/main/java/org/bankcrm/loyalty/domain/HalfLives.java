package org.bankcrm.loyalty.domain;

import java.time.Duration;

/**
 * How fast past events lose weight: {@code experience} for what the client felt (NPS, CSAT, complaints,
 * negative and positive experiences, repeat contacts), {@code behaviour} for contacts the client started
 * and product closures, {@code recency} for the time since the last activity.
 */
public record HalfLives(Duration experience, Duration behaviour, Duration recency) {
}
