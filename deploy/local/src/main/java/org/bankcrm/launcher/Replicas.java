package org.bankcrm.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many processes of each service run, as Kubernetes would run replicas of a Deployment: {@code CRM_REPLICAS} (or
 * {@code crm up --replicas}) is a number for every service, per-service counts ({@code loyalty-service=2}), or both
 * ({@code 2,offer-service=3}: three of offer-service, two of the others). Replica {@code i} (from 1) of a service listens
 * on the service's port plus {@link #PORT_STEP} × (i − 1): with CRM_HTTP_PORT=8081, loyalty-service#2 on 8093.
 */
record Replicas(int everyService, Map<String, Integer> perService) {
    static final Replicas ONE = new Replicas(1, Map.of());
    static final int MAX = 9;
    /** The ports of replica i+1 are those of replica i plus this: a block of four services and the console fits. */
    static final int PORT_STEP = 10;

    Replicas {
        perService = Map.copyOf(perService);
    }

    static Replicas parse(String value) {
        if (value == null || value.isBlank()) {
            return ONE;
        }
        List<String> names = Settings.ALL_SERVICES.stream().map(Settings.Service::name).toList();
        int every = 1;
        Map<String, Integer> per = new LinkedHashMap<>();
        for (String part : value.trim().split("[,\\s]+")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                every = count("CRM_REPLICAS", part);
                continue;
            }
            String name = part.substring(0, equals).trim();
            if (!names.contains(name)) {
                throw new IllegalArgumentException("CRM_REPLICAS names an unknown service '" + name + "'; known: "
                        + String.join(", ", names));
            }
            per.put(name, count("CRM_REPLICAS " + name, part.substring(equals + 1)));
        }
        return new Replicas(every, per);
    }

    int of(String service) {
        return perService.getOrDefault(service, everyService);
    }

    /** The highest count of any service: the ports of the replicas above 1 lie that many blocks up. */
    int highest() {
        return perService.values().stream().reduce(everyService, Math::max);
    }

    @Override
    public String toString() {
        String per = perService.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return per.isEmpty() ? Integer.toString(everyService) : everyService + "," + per;
    }

    private static int count(String name, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to " + MAX + ", not '" + text.trim() + "'");
    }

    /**
     * The components a {@code crm kill} or {@code crm start} target names among those of the state: a component
     * ({@code loyalty-service#2}, or {@code loyalty-service} when it runs alone) or a service (all its replicas).
     */
    static List<String> targets(List<String> components, String target) {
        if (components.contains(target)) {
            return List.of(target);
        }
        return components.stream().filter(c -> c.startsWith(target + "#")).toList();
    }

    /** {@code loyalty-service#2} → {@code loyalty-service}. */
    static String serviceOf(String component) {
        int hash = component.indexOf('#');
        return hash < 0 ? component : component.substring(0, hash);
    }
}
