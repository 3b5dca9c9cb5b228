package org.bankcrm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crm env <service>}: what a service in dev mode needs to run against the launcher's infrastructure. */
class ServiceEnvironmentTest {
    @TempDir
    Path root;

    @Test
    void printsTheEnvironmentCrmUpGivesTheServiceAsExportLines() throws IOException {
        Files.createDirectories(root.resolve("deploy/local"));
        CommandOutput env = CommandOutput.run(root, Map.of("CRM_PG_PORT", "25432", "CRM_SERVICES", "none"), "env",
                "loyalty-service");

        assertEquals(0, env.exitCode, env.toString());
        assertTrue(env.text.contains("export QUARKUS_HTTP_PORT='8083'"), env.toString());
        assertTrue(env.text.contains("export QUARKUS_DATASOURCE_REACTIVE_URL='postgresql://127.0.0.1:25432/loyalty'"), env.toString());
        assertTrue(env.text.contains("export KAFKA_BOOTSTRAP_SERVERS='127.0.0.1:19092'"), env.toString());
        assertTrue(env.text.contains("export MP_JWT_VERIFY_ISSUER="), env.toString());
        assertTrue(env.text.lines().filter(l -> l.startsWith("export MP_JWT_VERIFY_PUBLICKEY_LOCATION='file:")).count() == 1,
                env.toString());
        assertTrue(env.text.lines().allMatch(l -> l.startsWith("export ")), env.toString());
    }

    @Test
    void theConsoleGetsTheServicesAddressesAndTheDevelopmentKey() throws IOException {
        Files.createDirectories(root.resolve("deploy/local"));
        CommandOutput env = CommandOutput.run(root, Map.of("CRM_HTTP_PORT", "38081"), "env", "console");

        assertEquals(0, env.exitCode, env.toString());
        assertTrue(env.text.contains("export QUARKUS_HTTP_PORT='38085'"), env.toString());
        assertTrue(env.text.contains("export QUARKUS_REST_CLIENT_OFFER_SERVICE_URL='http://127.0.0.1:38084'"), env.toString());
        assertTrue(env.text.contains("export CONSOLE_DEV_SIGN_IN_PRIVATE_KEY='" + root.resolve(".crm/keys/jwt-private.pem")),
                env.toString());
        assertTrue(env.text.lines().noneMatch(l -> l.contains("DATASOURCE")), env.toString());
    }

    @Test
    void anUnknownServiceGetsTheUsage() {
        CommandOutput env = CommandOutput.run(root, Map.of(), "env", "billing-service");

        assertEquals(2, env.exitCode);
        assertTrue(env.text.contains("usage: crm env <service>"), env.toString());
    }
}
