package org.bankcrm.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.restassured.http.Header;
import io.smallrye.jwt.build.Jwt;

/**
 * Real RS256-signed bearer tokens for the services under test, made with smallrye-jwt-build and the test key pair in
 * this module's resources ({@code org/bankcrm/platform/testing/jwt/}). {@link CrmTestResource} makes every service
 * under test trust exactly that key and {@link #ISSUER}, with the production verification (signature, issuer,
 * expiry, audience, roles) unchanged. Also tokens that must be refused: expired, signed by another key, from another
 * issuer, issued for another audience.
 */
public final class TestTokens {
    public static final String ISSUER = "https://crm-tests.invalid/issuer";
    /** The audience the services accept ({@code mp.jwt.verify.audiences}, the platform's default). */
    public static final String AUDIENCE = "bank-crm";
    private static final String KEYS = "org/bankcrm/platform/testing/jwt/";
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static PrivateKey testKey;
    private static PrivateKey otherKey;

    private TestTokens() {
    }

    /** A valid token carrying {@code roles} in its groups claim (subject {@code test-<roles>}). */
    public static String token(String... roles) {
        Instant now = Instant.now();
        return sign(ISSUER, AUDIENCE, roles, now, now.plus(LIFETIME), testKey());
    }

    /** {@code "Bearer " + token(roles)}: the Authorization header's value. */
    public static String bearer(String... roles) {
        return "Bearer " + token(roles);
    }

    /** The Authorization header with {@link #bearer(String...)}; e.g. {@code given().header(TestTokens.header("admin"))}. */
    public static Header header(String... roles) {
        return new Header("Authorization", bearer(roles));
    }

    /** Signed by the trusted key but expired an hour ago (well past the verifier's clock skew). */
    public static String expired(String... roles) {
        Instant now = Instant.now();
        return sign(ISSUER, AUDIENCE, roles, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), testKey());
    }

    /** Well formed and unexpired, but signed by a key the service does not trust. */
    public static String signedByAnotherKey(String... roles) {
        Instant now = Instant.now();
        return sign(ISSUER, AUDIENCE, roles, now, now.plus(LIFETIME), otherKey());
    }

    /** Signed by the trusted key, but issued by someone else. */
    public static String fromIssuer(String issuer, String... roles) {
        Instant now = Instant.now();
        return sign(issuer, AUDIENCE, roles, now, now.plus(LIFETIME), testKey());
    }

    /** Signed by the trusted key and issuer, but for another audience (another application of the bank's IdP). */
    public static String forAudience(String audience, String... roles) {
        Instant now = Instant.now();
        return sign(ISSUER, audience, roles, now, now.plus(LIFETIME), testKey());
    }

    /** The configuration that makes a service trust the test key and issuer (and nothing else). */
    public static Map<String, String> serviceConfig() {
        return Map.of(
                "mp.jwt.verify.publickey", pemBody(resource("test-public-key.pem")),
                "mp.jwt.verify.issuer", ISSUER);
    }

    private static String sign(String issuer, String audience, String[] roles, Instant issuedAt, Instant expiresAt,
            PrivateKey key) {
        Set<String> groups = new LinkedHashSet<>(List.of(roles));
        String subject = "test-" + (groups.isEmpty() ? "no-role" : String.join("-", groups));
        return Jwt.issuer(issuer)
                .audience(audience)
                .subject(subject)
                .upn(subject)
                .groups(groups)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .jws().keyId("crm-test")
                .sign(key);
    }

    private static synchronized PrivateKey testKey() {
        if (testKey == null) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(pemBody(resource("test-private-key.pem")));
                testKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the test private key", e);
            }
        }
        return testKey;
    }

    private static synchronized PrivateKey otherKey() {
        if (otherKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                otherKey = generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return otherKey;
    }

    private static String resource(String name) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(KEYS + name)) {
            if (in == null) {
                throw new IllegalStateException(KEYS + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64 between a PEM's BEGIN and END lines. */
    private static String pemBody(String pem) {
        return pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
