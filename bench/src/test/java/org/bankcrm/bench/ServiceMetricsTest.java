package org.bankcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceMetricsTest {

    @Test
    void keepsTheCrmSamplesWithTheirLabels() {
        String text = """
                # HELP crm_outbox_delay_seconds From the event's commit-time stamp to the broker's acknowledgement
                # TYPE crm_outbox_delay_seconds summary
                crm_outbox_delay_seconds{quantile="0.99"} 0.012
                crm_outbox_delay_seconds_count 1520.0
                crm_inbox_applied_total{consumer="loyalty/interactions",type="crm.interaction.recorded"} 1500.0
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
                http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="201",uri="/api/v1/decisions"} 400.0
                http_server_requests_seconds_sum{method="POST",outcome="SUCCESS",status="201",uri="/api/v1/decisions"} 2.0
                http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/q/health/ready"} 30.0
                """;

        assertThat(ServiceMetrics.parse(text))
                .containsEntry("crm_outbox_delay_seconds{quantile=\"0.99\"}", 0.012)
                .containsEntry("crm_outbox_delay_seconds_count", 1520.0)
                .containsEntry("crm_inbox_applied_total{consumer=\"loyalty/interactions\",type=\"crm.interaction.recorded\"}", 1500.0)
                .containsEntry("http_server_requests_seconds_sum{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/v1/decisions\"}", 2.0)
                .hasSize(5);
    }

    @Test
    void batchesBetweenTwoScrapesAreEachConsumersBatchesEventsPerBatchAndTimePerBatch() {
        String ingest = "{consumer=\"interaction-service/touchpoint-ingest\"}";
        String scores = "{consumer=\"offer-service/loyalty-events\"}";
        java.util.Map<String, Object> before = java.util.Map.of(
                "interaction-service", java.util.Map.of("crm_inbox_batch_size_count" + ingest, 100.0,
                        "crm_inbox_batch_size_sum" + ingest, 150.0, "crm_inbox_batch_duration_seconds_sum" + ingest, 3.0),
                "offer-service", java.util.Map.of("crm_inbox_batch_size_count" + scores, 7.0,
                        "crm_inbox_batch_size_sum" + scores, 9.0, "crm_inbox_batch_duration_seconds_sum" + scores, 0.5));
        java.util.Map<String, Object> after = java.util.Map.of(
                // 400 batches of 1.25 events in 14.8 s: 37 ms each
                "interaction-service", java.util.Map.of("crm_inbox_batch_size_count" + ingest, 500.0,
                        "crm_inbox_batch_size_sum" + ingest, 650.0, "crm_inbox_batch_duration_seconds_sum" + ingest, 17.8),
                // no batch in between: left out
                "offer-service", java.util.Map.of("crm_inbox_batch_size_count" + scores, 7.0,
                        "crm_inbox_batch_size_sum" + scores, 9.0, "crm_inbox_batch_duration_seconds_sum" + scores, 0.5));

        assertThat(ServiceMetrics.batchesBetween(before, after)).containsOnlyKeys("interaction-service/touchpoint-ingest")
                .containsEntry("interaction-service/touchpoint-ingest",
                        java.util.Map.of("batches", 400L, "eventsPerBatch", 1.25, "msPerBatch", 37.0));
    }
}
