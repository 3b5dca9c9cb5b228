package org.bankcrm.platform.metrics;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Histogram buckets ({@code _bucket} series) for the timers the dashboards and alerts read, so that a percentile is
 * computed across every replica ({@code histogram_quantile(0.99, sum by (le) (rate(..._bucket[5m])))}); the
 * percentiles a pod computes itself ({@code quantile="0.99"}) cannot be aggregated. The buckets span 1 ms to 60 s, the
 * range of a decision, an event's way through the outbox and the broker, and its age when a consumer applies it.
 * Quarkus applies every {@link MeterFilter} bean to its registries.
 */
public class HistogramBuckets {

    /** The timers with buckets: HTTP requests (the decision API), outbox delay, event age at apply. */
    public static final Set<String> TIMERS = Set.of("http.server.requests", "crm.outbox.delay", "crm.inbox.event.age");

    static final Duration MIN = Duration.ofMillis(1);
    static final Duration MAX = Duration.ofSeconds(60);

    @Produces
    @Singleton
    public MeterFilter histogramBuckets() {
        return filter();
    }

    /** The filter itself, for a registry that is not Quarkus's (a unit test). */
    public static MeterFilter filter() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!TIMERS.contains(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) MIN.toNanos())
                        .maximumExpectedValue((double) MAX.toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
