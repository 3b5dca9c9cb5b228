package org.bankcrm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsTest {

    @TempDir
    Path root;

    @Test
    void aTakenPortIsNamedWithTheComponentThatNeedsIt() throws IOException {
        int free = Ports.freePort();
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<Integer, String> needed = new LinkedHashMap<>();
            needed.put(free, "client-service");
            needed.put(taken.getLocalPort(), "interaction-service");

            Map<Integer, String> result = Ports.taken(needed);

            assertEquals(Map.of(taken.getLocalPort(), "interaction-service"), result);
            assertEquals(List.of("port " + taken.getLocalPort() + " (interaction-service) is already in use"),
                    Ports.describe(result));
            assertFalse(Ports.isFree(taken.getLocalPort()));
            assertTrue(Ports.isFree(free));
        }
    }

    @Test
    void upRefusesToStartWhenAPortIsTakenAndSaysWhichOne() throws IOException {
        fakeServiceJar("client-service");
        try (ServerSocket taken = new ServerSocket(0)) {
            CommandOutput up = CommandOutput.run(root, Map.of(
                    "CRM_SERVICES", "client-service",
                    "CRM_PG_PORT", Integer.toString(taken.getLocalPort()),
                    "CRM_KAFKA_PORT", Integer.toString(Ports.freePort()),
                    "CRM_KAFKA_CONTROLLER_PORT", Integer.toString(Ports.freePort())), "up");

            assertEquals(2, up.exitCode, up.toString());
            assertTrue(up.text.contains("port " + taken.getLocalPort() + " (postgres) is already in use"), up.toString());
            assertFalse(Files.exists(root.resolve(".crm/data")), "nothing may start");
        }
    }

    @Test
    void upNamesAMissingServiceJarAndHowToBuildIt() throws IOException {
        fakeServiceJar("client-service");
        Files.createDirectories(root.resolve("interaction-service"));

        CommandOutput up = CommandOutput.run(root, Map.of("CRM_SERVICES", "client-service,interaction-service"), "up");

        assertEquals(2, up.exitCode, up.toString());
        assertTrue(up.text.contains("the jar of interaction-service is missing: interaction-service/target/quarkus-app/quarkus-run.jar"),
                up.toString());
        assertTrue(up.text.contains("./mvnw -B -DskipTests install"), up.toString());
        assertTrue(up.text.contains("CRM_SERVICES=client-service deploy/local/crm up"), up.toString());
    }

    private void fakeServiceJar(String service) throws IOException {
        Path jar = new Layout(root).serviceJar(service);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not a real jar: the checks before the start only look for it");
    }
}
