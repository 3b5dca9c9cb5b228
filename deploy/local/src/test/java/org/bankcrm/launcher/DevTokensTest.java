package org.bankcrm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {
    @TempDir
    Path home;

    @Test
    void theKeyPairIsMadeOnceWithThePrivateKeyReadableByTheUserOnly() throws Exception {
        DevTokens tokens = new DevTokens(new Layout(home, home));
        assertTrue(tokens.ensureKeys());
        String before = Files.readString(tokens.privateKey());
        assertFalse(tokens.ensureKeys());
        assertEquals(before, Files.readString(tokens.privateKey()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens.privateKey())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens.privateKey().getParent())));
        assertTrue(Files.readString(tokens.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void aTokenIsAnRs256JwtSignedByThePublicKeysPairWithTheRolesForADay() throws Exception {
        DevTokens tokens = new DevTokens(new Layout(home, home));
        String token = tokens.token(DevTokens.DAY, "channel", "analyst");
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey(tokens.publicKey()));
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "signature verifies with the public key");

        assertTrue(decode(parts[0]).contains("\"alg\":\"RS256\""));
        String claims = decode(parts[1]);
        assertTrue(claims.contains("\"iss\":\"" + DevTokens.ISSUER + "\""), claims);
        assertTrue(claims.contains("\"aud\":\"bank-crm\""), "issued for the audience the services accept: " + claims);
        assertTrue(claims.contains("\"sub\":\"dev-channel-analyst\""), claims);
        assertTrue(claims.contains("\"groups\":[\"channel\",\"analyst\"]"), claims);
        long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        long inADay = Instant.now().plus(DevTokens.DAY).getEpochSecond();
        assertTrue(Math.abs(exp - inADay) < 60, "expires in a day: " + claims);
    }

    @Test
    void anUnknownRoleOrNoRoleIsRefused() {
        DevTokens tokens = new DevTokens(new Layout(home, home));
        assertThrows(IllegalArgumentException.class, () -> tokens.token(DevTokens.DAY, "root"));
        assertThrows(IllegalArgumentException.class, () -> tokens.token(DevTokens.DAY));
    }

    @Test
    void crmTokenPrintsOnlyTheToken() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = new Crm(new Layout(home, home), Map.of(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(new String[] { "token", "channel" });
        assertEquals(0, code);
        String out = printed.toString(StandardCharsets.UTF_8).strip();
        assertTrue(out.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), out);
        assertTrue(decode(out.split("\\.")[1]).contains("\"sub\":\"dev-channel\""));

        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertEquals(2, new Crm(new Layout(home, home), Map.of(), new PrintStream(refused, true, StandardCharsets.UTF_8))
                .run(new String[] { "token", "superuser" }));
        assertTrue(refused.toString(StandardCharsets.UTF_8).contains("unknown role 'superuser'"));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
