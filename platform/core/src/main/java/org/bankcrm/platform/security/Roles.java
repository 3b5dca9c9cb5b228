package org.bankcrm.platform.security;

/**
 * The roles a caller's bearer token carries in its {@code groups} claim, one per kind of caller; each
 * resource method names the roles that may call it with {@code @RolesAllowed}.
 */
public final class Roles {
    /** Front office (branch, call centre, internet and mobile bank): serves one client at a time. */
    public static final String CHANNEL = "channel";
    /** Reads figures across clients: metrics, distributions, performance, segments. */
    public static final String ANALYST = "analyst";
    /** Writes the offer catalogue and the segment definitions. */
    public static final String MARKETING = "marketing";
    /** Erasure, recomputations, configuration. */
    public static final String ADMIN = "admin";
    /** Other bank systems: bulk loads, monthly financials, touchpoints. */
    public static final String INTEGRATION = "integration";

    public static final java.util.List<String> ALL = java.util.List.of(CHANNEL, ANALYST, MARKETING, ADMIN, INTEGRATION);

    private Roles() {
    }
}
