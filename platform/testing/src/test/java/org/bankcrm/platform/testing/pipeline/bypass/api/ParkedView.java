package org.bankcrm.platform.testing.pipeline.bypass.api;

/** A REST view that names what it shows: allowed. */
public record ParkedView(String clientId, long parkedEvents) {
}
