package org.bankcrm.platform.testing.pipeline.bypass;

/** A service's own per-client serialisation, next to the platform's ClientLocks. */
public class OwnClientLocks {
}
