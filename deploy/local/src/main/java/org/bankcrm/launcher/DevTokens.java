package org.bankcrm.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The development key pair of a local CRM and the bearer tokens it signs. On the first start the launcher generates an
 * RSA key pair in {@code <home>/keys/} (the private key readable by the user only) and starts every service trusting
 * its public key and {@link #ISSUER}; {@code crm token <role>} and {@link Stack#bearerToken} sign RS256 JWTs with the
 * private key, the role(s) in the {@code groups} claim, as a bank's identity provider would. Never for production:
 * there the services trust the bank's identity provider instead.
 */
public final class DevTokens {
    public static final String ISSUER = "https://bank-crm.local/dev";
    /** The audience the services accept (the platform's {@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "bank-crm";
    /** The roles the services know (org.bankcrm.platform.security.Roles). */
    public static final List<String> ROLES = List.of("channel", "analyst", "marketing", "admin", "integration");
    public static final Duration DAY = Duration.ofDays(1);

    private final Path keys;

    DevTokens(Layout layout) {
        this(layout.home());
    }

    private DevTokens(Path home) {
        this.keys = home.resolve("keys");
    }

    /** The tokens of the CRM whose launcher home is {@code home} ({@code <project>/.crm} for crm up), for programs (the benchmark). */
    public static DevTokens inHome(Path home) {
        return new DevTokens(home.toAbsolutePath().normalize());
    }

    Path privateKey() {
        return keys.resolve("jwt-private.pem");
    }

    Path publicKey() {
        return keys.resolve("jwt-public.pem");
    }

    /** Generates the key pair unless it is there; the directory and the private key are the user's only. True when generated. */
    synchronized boolean ensureKeys() throws IOException {
        if (Files.isRegularFile(privateKey()) && Files.isRegularFile(publicKey())) {
            return false;
        }
        Files.createDirectories(keys);
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate the development key pair: " + e.getMessage(), e);
        }
        write(publicKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-r--r--");
        write(privateKey(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "rw-------");
        return true;
    }

    /** A signed JWT for the given roles, valid for {@code lifetime}; subject {@code dev-<role>[-<role>...]}. */
    public String token(Duration lifetime, String... roles) throws IOException {
        Set<String> groups = new LinkedHashSet<>(List.of(roles));
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("name at least one role: " + String.join(", ", ROLES));
        }
        for (String role : groups) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; the roles are " + String.join(", ", ROLES));
            }
        }
        ensureKeys();
        Instant now = Instant.now();
        String subject = "dev-" + String.join("-", groups);
        List<String> quoted = new ArrayList<>();
        groups.forEach(g -> quoted.add('"' + g + '"'));
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"crm-dev\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\","
                + "\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\","
                + "\"groups\":[" + String.join(",", quoted) + "],\"iat\":" + now.getEpochSecond() + ","
                + "\"exp\":" + now.plus(lifetime).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(readPrivateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign with " + privateKey() + ": " + e.getMessage(), e);
        }
    }

    private PrivateKey readPrivateKey() throws IOException, GeneralSecurityException {
        String pem = Files.readString(privateKey(), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Written beside the target with its permissions first, then moved in place: never readable by others, never half written. */
    private static void write(Path target, String content, String permissions) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(permissions));
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
