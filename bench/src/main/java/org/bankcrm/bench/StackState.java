package org.bankcrm.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The running CRM as the local launcher describes it in {@code .crm/run/crm.state}: each component's pid and port.
 * The bench measures the stack the launcher started, so it reads the same file as {@code crm status}.
 */
record StackState(Map<String, Long> pids, Map<String, Integer> ports) {
    static final List<String> SERVICES = List.of("client-service", "interaction-service", "loyalty-service", "offer-service");
    static final List<String> COMPONENTS = List.of("client-service", "interaction-service", "loyalty-service", "offer-service",
            "kafka", "postgres");

    static StackState read(Path stateFile) throws IOException {
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(stateFile)) {
            values.load(reader);
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            String pid = values.getProperty(component + ".pid");
            String port = values.getProperty(component + ".port");
            if (pid != null) {
                pids.put(component, Long.parseLong(pid.trim()));
            }
            if (port != null) {
                ports.put(component, Integer.parseInt(port.trim()));
            }
        }
        for (String component : COMPONENTS) {
            if (!pids.containsKey(component) || !ports.containsKey(component)) {
                throw new IOException(stateFile + " names no running " + component + ": is the whole CRM up (crm status)?");
            }
        }
        return new StackState(Map.copyOf(pids), Map.copyOf(ports));
    }

    String baseUrl(String service) {
        return "http://localhost:" + ports.get(service);
    }

    String kafkaBootstrap() {
        return "localhost:" + ports.get("kafka");
    }

    String postgresUrl(String database) {
        return "jdbc:postgresql://localhost:" + ports.get("postgres") + "/" + database;
    }
}
