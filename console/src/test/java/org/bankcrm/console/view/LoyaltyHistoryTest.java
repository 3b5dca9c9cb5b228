package org.bankcrm.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class LoyaltyHistoryTest {

    @Test
    void theNewestFirstHistoryBecomesOldestFirstSeries() throws Exception {
        var history = new ObjectMapper().readTree("""
                {"changes": [
                  {"behavioural": 40.04, "perceived": 19.0, "churnRisk": 0.3149, "changedAt": "2026-12-06T10:00:10Z"},
                  {"behavioural": 40.0, "perceived": 50.0, "churnRisk": null, "changedAt": "2026-12-06T10:00:00Z"},
                  {"behavioural": 1, "perceived": 1, "changedAt": "not a time"}
                ]}""");

        LoyaltyHistory series = LoyaltyHistory.of(history);

        assertThat(series.times()).containsExactly(1796551200L, 1796551210L);
        assertThat(series.perceived()).containsExactly(50.0, 19.0);
        assertThat(series.json()).isEqualTo("[[1796551200,1796551210],[40.0,40.0],[50.0,19.0],[null,31.5]]");
    }

    @Test
    void noChangesNoChart() throws Exception {
        assertThat(LoyaltyHistory.of(new ObjectMapper().readTree("{\"changes\": []}")).isEmpty()).isTrue();
    }
}
