package org.bankcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StatementCountersTest {

    static StatementCounters.Key key(String service, String statement) {
        return new StatementCounters.Key(service, statement);
    }

    @Test
    void aServicesStatementsPerTouchpointAreTheCallsOfTheStepMostCalledFirst() {
        var before = Map.of(key("offer-service", "commit"), 100L, key("offer-service", "select 1"), 7L);
        var after = Map.of(key("offer-service", "commit"), 140L, key("offer-service", "select 1"), 7L,
                key("offer-service", "insert into decision values ($1)"), 20L, key("loyalty-service", "commit"), 30L);

        Map<String, Object> figures = StatementCounters.perTouchpoint(before, after, 20);

        @SuppressWarnings("unchecked")
        Map<String, Object> offer = (Map<String, Object>) figures.get("offer-service");
        assertThat(offer.get("statements")).isEqualTo(3.0); // 40 commits + 20 inserts, over 20 touchpoints
        assertThat(offer.get("top")).isEqualTo(List.of(Map.of("statement", "commit", "calls", 2.0),
                Map.of("statement", "insert into decision values ($1)", "calls", 1.0)));
        @SuppressWarnings("unchecked")
        Map<String, Object> loyalty = (Map<String, Object>) figures.get("loyalty-service");
        assertThat(loyalty.get("statements")).isEqualTo(1.5);
        @SuppressWarnings("unchecked")
        Map<String, Object> client = (Map<String, Object>) figures.get("client-service");
        assertThat(client.get("statements")).isEqualTo(0.0);
    }

    @Test
    void nothingIsReportedWithoutTouchpointsOrWithoutTheExtension() {
        assertThat(StatementCounters.perTouchpoint(Map.of(), Map.of(key("offer-service", "commit"), 3L), 0)).isEmpty();
        assertThat(StatementCounters.perTouchpoint(Map.of(), Map.of(), 10)).isEmpty();
    }

    @Test
    void aStatementIsOneLineOfAtMost160Characters() {
        assertThat(StatementCounters.normalise("select a,\n   b\tfrom t ")).isEqualTo("select a, b from t");
        assertThat(StatementCounters.normalise("x".repeat(200))).hasSize(160).endsWith("...");
    }
}
