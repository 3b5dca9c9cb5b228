package org.bankcrm.offer.domain.policy;

/** What one policy says of one action: allowed or rejected, with the reason in words a clerk understands. */
public record PolicyResult(String policy, boolean allowed, String reason) {
    public static PolicyResult allowance(String policy, String reason) {
        return new PolicyResult(policy, true, reason);
    }

    public static PolicyResult rejection(String policy, String reason) {
        return new PolicyResult(policy, false, reason);
    }
}
