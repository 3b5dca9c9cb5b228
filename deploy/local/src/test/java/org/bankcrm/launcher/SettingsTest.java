package org.bankcrm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {
    private final Layout layout = new Layout(Path.of("/tmp/crm-settings-test"));

    @Test
    void defaultsAreTheDocumentedPorts() {
        Settings settings = Settings.fromEnvironment(layout, Map.of());

        assertEquals(15432, settings.postgresPort());
        assertEquals(19092, settings.kafkaPort());
        assertEquals(19093, settings.controllerPort());
        assertEquals(3, settings.partitions());
        assertEquals(Duration.ofSeconds(120), settings.startTimeout());
        assertEquals(List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1"), settings.serviceJvmOptions());
        assertEquals(Settings.ALL_SERVICES, settings.services());
        assertEquals(List.of(15432, 19092, 19093, 8081, 8082, 8083, 8084, 8085), List.copyOf(settings.neededPorts().keySet()));
        assertEquals("http://localhost:8085", settings.consoleService().orElseThrow().baseUrl());
    }

    @Test
    void theConsoleFollowsTheServicesPortsAndRunsOnlyWithAllOfThemOrWhenNamed() {
        assertEquals(38085, Settings.fromEnvironment(layout, Map.of("CRM_HTTP_PORT", "38081")).consoleService().orElseThrow().port());
        assertTrue(Settings.fromEnvironment(layout, Map.of("CRM_SERVICES", "client-service")).consoleService().isEmpty());
        assertTrue(Settings.fromEnvironment(layout, Map.of("CRM_SERVICES", "none")).consoleService().isEmpty());

        Settings named = Settings.fromEnvironment(layout, Map.of("CRM_SERVICES", "offer-service,console"));
        assertEquals(List.of("offer-service", "console"), named.applications().stream().map(Settings.Service::name).toList());
        assertEquals(List.of("offer-service"), named.services().stream().map(Settings.Service::name).toList());
        assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(layout, Map.of("CRM_HTTP_PORT", "65532")));
    }

    @Test
    void aProgramAddsServiceJvmOptionsAfterTheConfiguredOnesAndKeepsTheRest() {
        Settings settings = Settings.fromEnvironment(layout, Map.of("CRM_SERVICE_JVM_OPTS", "-Xmx256m"));
        Settings more = settings.withServiceJvmOptions(List.of("-Dquarkus.otel.bsp.schedule.delay=100ms"));

        assertEquals(List.of("-Xmx256m", "-Dquarkus.otel.bsp.schedule.delay=100ms"), more.serviceJvmOptions());
        assertEquals(settings.services(), more.services());
        assertEquals(settings.neededPorts(), more.neededPorts());
        assertEquals(settings.kafkaJvmOptions(), more.kafkaJvmOptions());
    }

    @Test
    void environmentOverridesThem() {
        Settings settings = Settings.fromEnvironment(layout, Map.of(
                "CRM_PG_PORT", "25432", "CRM_KAFKA_PORT", "29092", "CRM_PARTITIONS", "6",
                "CRM_START_TIMEOUT", "30", "CRM_SERVICE_JVM_OPTS", "-Xmx256m  -XX:+UseSerialGC",
                "CRM_SERVICES", "offer-service, client-service"));

        assertEquals(25432, settings.postgresPort());
        assertEquals(29093, settings.controllerPort());
        assertEquals(6, settings.partitions());
        assertEquals(Duration.ofSeconds(30), settings.startTimeout());
        assertEquals(List.of("-Xmx256m", "-XX:+UseSerialGC"), settings.serviceJvmOptions());
        assertEquals(List.of("client-service", "offer-service"), settings.services().stream().map(Settings.Service::name).toList());
        assertEquals("jdbc:postgresql://127.0.0.1:25432/offer", settings.jdbcUrl("offer"));
        assertEquals("postgresql://127.0.0.1:25432/offer", settings.reactiveUrl("offer"));
    }

    @Test
    void httpPortMovesAllFourServices() {
        Settings settings = Settings.fromEnvironment(layout, Map.of("CRM_HTTP_PORT", "18081", "CRM_SERVICES", "loyalty-service"));

        assertEquals(List.of(18083), settings.services().stream().map(Settings.Service::port).toList());
        assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(layout, Map.of("CRM_HTTP_PORT", "65534")));
    }

    @Test
    void noneStartsOnlyTheInfrastructure() {
        Settings settings = Settings.fromEnvironment(layout, Map.of("CRM_SERVICES", "none"));

        assertEquals(List.of(), settings.services());
        assertEquals(List.of(15432, 19092, 19093), List.copyOf(settings.neededPorts().keySet()));
    }

    @Test
    void badValuesAreRejectedWithTheVariableName() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(layout, Map.of("CRM_PG_PORT", "postgres")));
        assertTrue(port.getMessage().startsWith("CRM_PG_PORT must be"), port.getMessage());

        IllegalArgumentException service = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(layout, Map.of("CRM_SERVICES", "client-service,billing-service")));
        assertTrue(service.getMessage().contains("'billing-service'"), service.getMessage());
    }

    @Test
    void everyEventTopicHasItsDeadLetterTopic() {
        List<String> topics = Settings.topics();

        assertEquals(10, topics.size());
        assertTrue(topics.containsAll(List.of("crm.touchpoint.ingest.v1", "crm.touchpoint.ingest.v1.dlq",
                "crm.client.events.v1", "crm.offer.events.v1.dlq")));
    }

    @Test
    void servicesGetTheirPortDatabaseAndBrokerThroughTheEnvironment() {
        Settings settings = Settings.fromEnvironment(layout, Map.of());
        Settings.Service loyalty = Settings.ALL_SERVICES.get(2);

        Map<String, String> env = ServiceProcess.environment(settings, loyalty);

        assertEquals("8083", env.get("QUARKUS_HTTP_PORT"));
        assertEquals("postgresql://127.0.0.1:15432/loyalty", env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals("jdbc:postgresql://127.0.0.1:15432/loyalty", env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("postgres", env.get("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals("127.0.0.1:19092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("2", env.get("MALLOC_ARENA_MAX"));
    }
}
