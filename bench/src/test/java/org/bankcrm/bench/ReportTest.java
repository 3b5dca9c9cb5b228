package org.bankcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path root;

    @Test
    void writesJsonMarkdownAndChartWithEveryTargetMetOrMissedByHowMuch() throws Exception {
        Options options = Options.parse(new String[] {"--quick", "--out", root.resolve("results").toString()}, root);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", "2026-11-27T14:00:00Z");
        report.put("mode", "quick");
        report.put("durationSeconds", 170);
        report.put("machine", Machine.describe());
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("maxRecordsPerSecond", 40_000);
        kafka.put("maxMegabytesPerSecond", 41.0);
        kafka.put("fixedRateProduceToConsume", latency(2, 9));
        Map<String, Object> postgres = new LinkedHashMap<>();
        postgres.put("connections", 8);
        postgres.put("insertTransactionsPerSecond", 3_000);
        postgres.put("latency", latency(2, 6));
        report.put("machineLimit", Map.of("kafka", kafka, "postgres", postgres));
        report.put("eventToNextBestAction", Map.of(
                "rest", List.of(step("rest", 500, 30, 80, true)),
                "kafka", List.of(step("kafka", 500, 20, 45, true))));
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("targetRate", 1_000.0);
        decision.put("achievedRate", 999.0);
        decision.put("requests", 10_000);
        decision.put("errors", 0);
        decision.put("latency", latency(4, 12));
        report.put("decisionApi", List.of(decision));
        report.put("maxSustained", Map.of("touchpointsPerSecond", 700.0, "fractionOfRawKafkaLimit", 0.0175));
        report.put("resources", Map.of("peakRssMiB", Map.of("offer-service", 300.0, "client-service", 200.0), "byPhase", Map.of()));
        Map<String, Object> offerMetrics = new LinkedHashMap<>();
        offerMetrics.put("crm_outbox_published_total", 1520.0);
        offerMetrics.put("crm_outbox_delay_seconds{quantile=\"0.5\"}", 0.004);
        offerMetrics.put("crm_outbox_delay_seconds{quantile=\"0.99\"}", 0.012);
        offerMetrics.put("crm_outbox_delay_seconds_count", 1520.0);
        offerMetrics.put("crm_outbox_delay_seconds_max", 0.0); // decayed: no sample in the window, shown as —
        offerMetrics.put("crm_outbox_delay_seconds_sum", 7.6);
        offerMetrics.put("crm_inbox_applied_total{consumer=\"offer/interactions\",type=\"crm.interaction.recorded\"}", 1000.0);
        offerMetrics.put("crm_inbox_applied_total{consumer=\"offer/loyalty\",type=\"crm.loyalty.score-changed\"}", 500.0);
        offerMetrics.put("http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/v1/decisions\"}", 390.0);
        offerMetrics.put("http_server_requests_seconds_count{method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/api/v1/decisions\"}", 10.0);
        offerMetrics.put("http_server_requests_seconds_sum{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/v1/decisions\"}", 2.0);
        offerMetrics.put("http_server_requests_seconds_max{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/v1/decisions\"}", 0.031);
        report.put("serviceTimers", Map.of("offer-service", offerMetrics));

        Path dir = Report.directory(options, report);
        Report.write(options, report, dir);

        assertThat(dir.resolve("bench.json")).content().contains("\"maxRecordsPerSecond\" : 40000");
        String md = Files.readString(dir.resolve("RESULTS.md"));
        assertThat(md)
                .contains("| event → next best action p99 ≤ 50 ms at a sustained 500/s (rest) | 80.0 ms | missed by 30.0 ms (1.6×) |")
                .contains("| event → next best action p99 ≤ 50 ms at a sustained 500/s (kafka) | 45.0 ms | met |")
                .contains("| decision API p99 ≤ 20 ms at 1,000/s | 12.0 ms | met |")
                .contains("| chain throughput ≥ 20 % of the raw limit | 1.8 % | missed by 18.3 % points |")
                .contains("| offer-service ≤ 256 MiB RSS | 300.0 MiB | missed by 44.0 MiB (1.2×) |")
                .contains("| client-service ≤ 256 MiB RSS | 200.0 MiB | met |")
                .contains("| offer-service | 1,520 | 4.0 ms | — | 12.0 ms | — | 5.0 ms | 1,500 | — |")
                .contains("| offer-service | POST /api/v1/decisions | 400 | 5.0 ms | 31.0 ms |");
        byte[] png = Files.readAllBytes(dir.resolve("latency.png"));
        assertThat(png.length).isGreaterThan(1_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(root.resolve("bench/RESULTS.md")).as("a quick run does not replace the published results").doesNotExist();
    }

    private static Map<String, Object> step(String via, double rate, double p50, double p99, boolean sustained) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("via", via);
        step.put("targetRate", rate);
        step.put("achievedRate", rate);
        step.put("sent", 1_000);
        step.put("missingFastDecision", 0);
        step.put("sustained", sustained);
        step.put("eventToFastDecision", latency(p50, p99));
        step.put("eventToRefinedDecision", latency(p50 * 2, p99 * 2));
        step.put("hops", Map.of("2 interaction outbox published", latency(1, 3)));
        return step;
    }

    private static Map<String, Object> latency(double p50, double p99) {
        return new Latencies.Summary(100, p50, p50 * 1.5, p99, p99 * 1.2, p99 * 2, p50).toMap();
    }
}
