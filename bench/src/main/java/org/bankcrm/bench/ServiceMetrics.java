package org.bankcrm.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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

    private static final Pattern BATCH = Pattern.compile(
            "^crm_inbox_batch_(size_count|size_sum|duration_seconds_sum)\\{consumer=\"([^\"]+)\"}$");

    /**
     * What each consumer's inbox did between two scrapes ({@link #scrape}): the batches it applied, the events they
     * held on average and the average time of one (from its records read to its effects committed). Batches of one or
     * two events while events waited mean the consumer took them one poll at a time; consumers that applied no batch
     * in between are left out.
     */
    static Map<String, Object> batchesBetween(Map<String, Object> before, Map<String, Object> after) {
        Map<String, double[]> byConsumer = new TreeMap<>(); // batches, events, seconds
        after.forEach((service, samples) -> {
            if (!(samples instanceof Map<?, ?> now) || !(before.get(service) instanceof Map<?, ?> then)) {
                return;
            }
            now.forEach((key, value) -> {
                Matcher matcher = BATCH.matcher(String.valueOf(key));
                if (matcher.matches() && value instanceof Number current) {
                    double earlier = then.get(key) instanceof Number n ? n.doubleValue() : 0;
                    double[] figures = byConsumer.computeIfAbsent(matcher.group(2), c -> new double[3]);
                    int index = switch (matcher.group(1)) {
                        case "size_count" -> 0;
                        case "size_sum" -> 1;
                        default -> 2;
                    };
                    figures[index] += current.doubleValue() - earlier;
                }
            });
        });
        Map<String, Object> out = new LinkedHashMap<>();
        byConsumer.forEach((consumer, figures) -> {
            if (figures[0] < 1) {
                return;
            }
            Map<String, Object> batches = new LinkedHashMap<>();
            batches.put("batches", Math.round(figures[0]));
            batches.put("eventsPerBatch", Math.round(figures[1] / figures[0] * 100) / 100.0);
            batches.put("msPerBatch", Math.round(figures[2] / figures[0] * 10_000) / 10.0);
            out.put(consumer, batches);
        });
        return out;
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
