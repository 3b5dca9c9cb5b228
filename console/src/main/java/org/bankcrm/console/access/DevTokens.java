package org.bankcrm.console.access;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The development sign-in's tokens: RS256 JWTs signed with the launcher's development key
 * ({@code .crm/keys/jwt-private.pem}), with the claims the launcher's own {@code crm token} puts in (issuer
 * {@link #ISSUER}, audience {@link #AUDIENCE}, the roles in {@code groups}), so the services accept them as they accept
 * {@code crm token}'s. The console keeps the token in its session cookie and checks it on every request with the public
 * half of the same key. Never for production: there the bank's identity provider signs the tokens.
 */
public final class DevTokens {
    public static final String ISSUER = "https://bank-crm.local/dev";
    public static final String AUDIENCE = "bank-crm";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private final RSAPrivateCrtKey privateKey;
    private final PublicKey publicKey;

    private DevTokens(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
        this.privateKey = privateKey;
        this.publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
    }

    /** Reads the launcher's PKCS#8 PEM private key. */
    public static DevTokens fromPrivateKey(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
        try {
            return new DevTokens((RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException(pem + " is not an RSA private key: " + e.getMessage(), e);
        }
    }

    /** A token for the roles, valid for {@code lifetime} from {@code now}; subject {@code dev-<role>[-<role>...]}. */
    public String mint(Set<Role> roles, Instant now, Duration lifetime) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("choose at least one role");
        }
        List<String> groups = roles.stream().map(Role::claim).toList();
        Map<String, Object> claims = new LinkedHashMap<>();
        String subject = "dev-" + String.join("-", groups);
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", groups);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        try {
            String input = base64Url(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "crm-dev"))) + "."
                    + base64Url(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign a development token: " + e.getMessage(), e);
        }
    }

    /** The signed-in user of a token this key signed and that has not expired at {@code now}; empty otherwise. */
    public Optional<SignedIn> verify(String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(URL_DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(URL_DECODER.decode(parts[1]));
            if (!ISSUER.equals(claims.path("iss").asText()) || claims.path("exp").asLong(0) <= now.getEpochSecond()) {
                return Optional.empty();
            }
            List<String> groups = new ArrayList<>();
            claims.path("groups").forEach(g -> groups.add(g.asText()));
            return Optional.of(new SignedIn(claims.path("sub").asText(), Role.fromClaims(groups), token,
                    Instant.ofEpochSecond(claims.path("exp").asLong())));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return Optional.empty(); // tampered, truncated or not base64: not signed in
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
