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
}
