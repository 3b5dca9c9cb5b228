package org.bankcrm.bench;

import java.util.List;
import java.util.Map;

/**
 * The CRM under measurement: each component's pid, each service's base URL, the broker, the database server and a
 * bearer token with every role, signed with the stack's development key (the services refuse calls without one).
 */
record StackState(Map<String, List<Long>> pids, Map<String, String> baseUrls, String kafkaBootstrap, String postgresServerUrl,
        String bearerToken) {
    static final List<String> SERVICES = List.of("client-service", "interaction-service", "loyalty-service", "offer-service");
    static final List<String> COMPONENTS = List.of("client-service", "interaction-service", "loyalty-service", "offer-service",
            "kafka", "postgres");

    String baseUrl(String service) {
        String url = baseUrls.get(service);
        if (url == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return url;
    }

    /** JDBC URL of {@code database} on the stack's server (user and password postgres, as the launcher sets them). */
    String postgresUrl(String database) {
        return postgresServerUrl + "/" + database;
    }
}
