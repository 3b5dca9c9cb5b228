package org.bankcrm.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

class HistogramBucketsTest {

    @Test
    void theDashboardsTimersGetBucketsThatAggregateAcrossReplicas() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(HistogramBuckets.filter());
        Timer.builder("crm.inbox.event.age").tag("consumer", "offer").register(registry).record(Duration.ofMillis(12));
        Timer.builder("crm.other").register(registry).record(Duration.ofMillis(12));

        String scrape = registry.scrape();

        assertThat(scrape.lines().filter(l -> l.startsWith("crm_inbox_event_age_seconds_bucket{consumer=\"offer\",le=\"0.001\"")))
                .singleElement().asString().endsWith(" 0.0");
        assertThat(scrape.lines().filter(l -> l.startsWith("crm_inbox_event_age_seconds_bucket{consumer=\"offer\",le=\"+Inf\"")))
                .singleElement().asString().endsWith(" 1.0");
        assertThat(scrape).doesNotContain("crm_other_seconds_bucket");
        // no bucket beyond the range a dashboard reads: the series stay few
        assertThat(scrape.lines().filter(l -> l.startsWith("crm_inbox_event_age_seconds_bucket")).count()).isLessThan(80);
    }
}
