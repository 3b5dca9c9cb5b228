package org.bankcrm.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class DevTokensTest {
    static DevTokens tokens;
    static DevTokens otherKey;
    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @BeforeAll
    static void keys(@TempDir Path dir) throws Exception {
        tokens = DevTokens.fromPrivateKey(writeKey(dir.resolve("a.pem")));
        otherKey = DevTokens.fromPrivateKey(writeKey(dir.resolve("b.pem")));
    }

    /** As the launcher writes it: PKCS#8, PEM. */
    public static Path writeKey(Path file) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem);
        return file;
    }

    @Test
    void aMintedTokenCarriesTheLaunchersClaimsAndVerifies() {
        String token = tokens.mint(EnumSet.of(Role.CHANNEL, Role.ANALYST), NOW, Duration.ofHours(8));

        SignedIn user = tokens.verify(token, NOW.plusSeconds(60)).orElseThrow();
        assertThat(user.subject()).isEqualTo("dev-channel-analyst");
        assertThat(user.roles()).containsExactlyInAnyOrder(Role.CHANNEL, Role.ANALYST);
        assertThat(user.bearerToken()).isEqualTo(token);
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"iss\":\"https://bank-crm.local/dev\"", "\"aud\":\"bank-crm\"",
                "\"groups\":[\"channel\",\"analyst\"]");
    }

    @Test
    void anExpiredTokenIsNoSession() {
        String token = tokens.mint(EnumSet.of(Role.CHANNEL), NOW, Duration.ofHours(8));

        assertThat(tokens.verify(token, NOW.plus(Duration.ofHours(8)))).isEmpty();
    }

    @Test
    void aTokenOfAnotherKeyOrTamperedWithIsNoSession() {
        String token = otherKey.mint(EnumSet.of(Role.ADMIN), NOW, Duration.ofHours(8));
        assertThat(tokens.verify(token, NOW)).isEmpty();

        String mine = tokens.mint(EnumSet.of(Role.CHANNEL), NOW, Duration.ofHours(8));
        String[] parts = mine.split("\\.");
        String moreRoles = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("[\"channel\"]", "[\"channel\",\"admin\"]").getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(parts[0] + "." + moreRoles + "." + parts[2], NOW)).isEmpty();
        assertThat(tokens.verify("not-a-token", NOW)).isEmpty();
        assertThat(tokens.verify("a.b!.c", NOW)).isEmpty();
    }
}
