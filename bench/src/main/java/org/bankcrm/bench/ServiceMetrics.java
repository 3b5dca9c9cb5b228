package org.bankcrm.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' own timers, scraped from their Prometheus endpoints after the load: the outbox relay's delay from
 * commit to the broker's acknowledgement ({@code crm_outbox_delay_seconds}, with its percentiles) and what each
 * service's inbox applied, so the per-hop figures from the event stamps can be checked against the services' view;
 * and the server's time of every POST (Quarkus' {@code http_server_requests_seconds}), against the bench's own.
 */
final class ServiceMetrics {
    private static final Pattern SAMPLE = Pattern.compile(
            "^(crm_[a-z_]+|http_server_requests_seconds_(?:count|sum|max))(\\{[^}]*\\})?\\s+([0-9.eE+-]+|NaN)$");

    private ServiceMetrics() {
    }

    static Map<String, Object> scrape(Http http, StackState stack) {
        Map<String, Object> services = new LinkedHashMap<>();
        for (String service : StackState.SERVICES) {
            Map<String, Object> samples = new LinkedHashMap<>();
            try {
                String text = http.get(stack.baseUrl(service) + "/q/metrics");
                samples.putAll(parse(text));
            } catch (Exception e) {
                samples.put("error", ConstantRate.describe(e));
            }
            services.put(service, samples);
        }
        return services;
    }

    /** The crm_* samples of a Prometheus text exposition, keyed by name and labels. */
    static Map<String, Object> parse(String text) {
        Map<String, Object> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher matcher = SAMPLE.matcher(line.trim());
            if (matcher.matches() && (matcher.group(1).startsWith("crm_")
                    || matcher.group(2) != null && matcher.group(2).contains("method=\"POST\""))) {
                String key = matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2));
                double value = Double.parseDouble(matcher.group(3));
                samples.put(key, Double.isFinite(value) ? value : null);
            }
        }
        return samples;
    }
}
