package org.bankcrm.console.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The services' roles (docs/security.md); a token's {@code groups} carry them in lower case. */
public enum Role {
    CHANNEL, ANALYST, MARKETING, ADMIN, INTEGRATION;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String claim) {
        for (Role role : values()) {
            if (role.claim().equals(claim)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The known roles among the claims; anything else (another application's roles) is left out. */
    public static Set<Role> fromClaims(Collection<String> claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        claims.forEach(c -> fromClaim(c).ifPresent(roles::add));
        return roles;
    }
}
