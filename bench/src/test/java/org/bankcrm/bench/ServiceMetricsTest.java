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
                """;

        assertThat(ServiceMetrics.parse(text))
                .containsEntry("crm_outbox_delay_seconds{quantile=\"0.99\"}", 0.012)
                .containsEntry("crm_outbox_delay_seconds_count", 1520.0)
                .containsEntry("crm_inbox_applied_total{consumer=\"loyalty/interactions\",type=\"crm.interaction.recorded\"}", 1500.0)
                .hasSize(3);
    }
}
