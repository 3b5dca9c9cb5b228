package org.bankcrm.console.access;

import java.time.Instant;
import java.util.Set;

/** Who is signed in: the token's subject (never a client's data), the roles, the bearer token to call the services with. */
public record SignedIn(String subject, Set<Role> roles, String bearerToken, Instant expiresAt) {

    public boolean may(Page page) {
        return page.allows(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
