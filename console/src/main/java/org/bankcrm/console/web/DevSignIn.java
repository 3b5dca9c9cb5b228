package org.bankcrm.console.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bankcrm.console.access.DevTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The development sign-in: on only when {@code console.dev-sign-in.private-key} names the launcher's development key
 * (the launcher passes it; nothing else should). The console then signs tokens for the chosen roles with that key.
 */
@ApplicationScoped
public class DevSignIn {
    private final Optional<DevTokens> tokens;

    public DevSignIn(@ConfigProperty(name = "console.dev-sign-in.private-key") Optional<Path> privateKey) {
        this.tokens = privateKey.map(DevSignIn::load);
    }

    private static DevTokens load(Path key) {
        try {
            return DevTokens.fromPrivateKey(key);
        } catch (IOException e) {
            throw new IllegalStateException("console.dev-sign-in.private-key: cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    public boolean enabled() {
        return tokens.isPresent();
    }

    public Optional<DevTokens> tokens() {
        return tokens;
    }
}
