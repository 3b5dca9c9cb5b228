package org.bankcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeriesCollection;
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
        Map<String, Object> bulk = new LinkedHashMap<>();
        bulk.put("clients", 1_000);
        bulk.put("registrationSeconds", 20.0);
        bulk.put("registrationsPerSecond", 50.0);
        bulk.put("financialRows", 12_000L);
        bulk.put("financialRequests", 13);
        bulk.put("senders", 2);
        bulk.put("financialsSeconds", 24.0);
        bulk.put("financialRowsPerSecond", 500.0);
        Map<String, Object> meanwhile = new LinkedHashMap<>();
        meanwhile.put("targetRate", 10.0);
        meanwhile.put("achievedRate", 10.0);
        meanwhile.put("requests", 240L);
        meanwhile.put("errors", 0L);
        meanwhile.put("latency", latency(30, 250));
        bulk.put("decisionsMeanwhile", meanwhile);
        bulk.put("settleAfter", Map.of("seconds", 42.5, "settled", true, "lagLeft", 0));
        bulk.put("cpuMsPerRow", Map.of("client-service", 4.0, "interaction-service", 0.5, "loyalty-service", 3.0,
                "offer-service", 2.5, "services", 10.0, "all", 14.0));
        bulk.put("databasePerRow", Map.of("all", Map.of("transactions", 0.4, "rowsWritten", 6.5)));
        report.put("bulkLoad", bulk);

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
                .contains("| offer-service | POST /api/v1/decisions | 400 | 5.0 ms | 31.0 ms |")
                .contains("| bulk financials ≥ 2,000 rows/s | 500 rows/s | missed by 1,500 rows/s (4.0× too slow) |")
                .contains("| decision API p99 ≤ 100 ms during the bulk load | 250.0 ms | missed by 150.0 ms (2.5×) |")
                .contains("12,000 months of financials (12 each) through `POST /financials/batch` (13 requests of whole clients, "
                        + "2 senders) in 24.0 s: **500.0 rows/s**")
                .contains("10.0 ms of the services' CPU over the idle baseline (client 4.0, interaction 0.5, loyalty 3.0, offer 2.5), "
                        + "14.0 ms with Kafka and PostgreSQL; 0.4 database transactions and 6.5 rows written.")
                .contains("The services then took 42.5 s more to consume what the load published");
        byte[] png = Files.readAllBytes(dir.resolve("latency.png"));
        assertThat(png.length).isGreaterThan(1_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(root.resolve("bench/RESULTS.md")).as("a quick run does not replace the published results").doesNotExist();
    }

    @Test
    void eachChainStepSaysWhatATouchpointCostTheDatabasesFromPostgresCounters() {
        // 100 touchpoints: interaction committed 300 transactions and wrote 900 rows, offer 500 and 2,000 (5 rolled back)
        Map<String, DatabaseCounters.Counts> before = Map.of(
                "interaction-service", new DatabaseCounters.Counts(1_000, 0, 5_000),
                "offer-service", new DatabaseCounters.Counts(2_000, 10, 8_000));
        Map<String, DatabaseCounters.Counts> after = Map.of(
                "interaction-service", new DatabaseCounters.Counts(1_300, 0, 5_900),
                "offer-service", new DatabaseCounters.Counts(2_495, 15, 10_000));
        Map<String, Object> perTouchpoint = DatabaseCounters.perTouchpoint(before, after, 100);
        Map<String, Object> step = new LinkedHashMap<>(step("kafka", 20, 30, 80, true));
        step.put("databasePerTouchpoint", perTouchpoint);
        StringBuilder md = new StringBuilder();
        Report.databaseRows(md, Map.of("kafka", List.of(step)));
        assertThat(md.toString()).contains("| kafka | 20 |  | 3.0 / 9.0 |  | 5.0 / 20.0 | 8.0 / 29.0 |");
    }

    @Test
    void eachChainStepShowsItsConsumersEventsPerBatchInTheChainsOrder() {
        Map<String, Object> step = new LinkedHashMap<>(step("kafka", 50, 30, 80, false));
        step.put("inboxBatches", Map.of(
                "interaction-service/touchpoint-ingest", Map.of("batches", 286L, "eventsPerBatch", 1.05, "msPerBatch", 21.7),
                "offer-service/loyalty-events", Map.of("batches", 128L, "eventsPerBatch", 2.04, "msPerBatch", 48.6)));
        StringBuilder md = new StringBuilder();
        Report.batchRows(md, Map.of("kafka", List.of(step)));
        assertThat(md.toString()).contains("| kafka | 50 | 1.05 (21.7 ms) |  |  | 2.04 (48.6 ms) |");
    }

    @Test
    void theStatementsOfTheHighestRateThatKeptUpAreListedPerService() {
        var before = Map.of(new StatementCounters.Key("offer-service", "commit"), 10L);
        var after = Map.of(new StatementCounters.Key("offer-service", "commit"), 50L,
                new StatementCounters.Key("offer-service", "select a | b from t"), 20L);
        Map<String, Object> kept = new LinkedHashMap<>(step("kafka", 10, 30, 80, true));
        kept.put("statementsPerTouchpoint", StatementCounters.perTouchpoint(before, after, 20));
        Map<String, Object> notKept = new LinkedHashMap<>(step("kafka", 20, 30, 80, false));
        notKept.put("statementsPerTouchpoint", StatementCounters.perTouchpoint(Map.of(), after, 1));
        StringBuilder md = new StringBuilder();
        Report.statementRows(md, Map.of("kafka", List.of(kept, notKept)));
        assertThat(md.toString()).contains("kafka at 10/s")
                .contains("| offer-service | 3.0 | 2.0 × `commit`<br>1.0 × `select a \\| b from t` |")
                .doesNotContain("kafka at 20/s");
    }

    @Test
    void theLatencyAxisIsLabelledAtEachPowerOfTenAndTheSeriesPrint() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mode", "full");
        report.put("eventToNextBestAction", Map.of(
                "rest", List.of(step("rest", 100, 6, 40, true), step("rest", 500, 30, 1_500, false)),
                "kafka", List.of(step("kafka", 100, 5, 20, true))));
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("targetRate", 1_000.0);
        decision.put("latency", latency(2, 9));
        report.put("decisionApi", List.of(decision));

        XYSeriesCollection data = Report.latencySeries(report);
        JFreeChart chart = Report.chartOf(data, "full");
        LogAxis axis = (LogAxis) chart.getXYPlot().getRangeAxis();
        // 2 ms .. 1,500 ms: whole decades 1 .. 10,000, one labelled tick per power of ten, as plain numbers
        assertThat(axis.getRange().getLowerBound()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(axis.getRange().getUpperBound()).isCloseTo(10_000.0, org.assertj.core.data.Offset.offset(1e-6));
        Graphics2D g2 = new BufferedImage(1000, 600, BufferedImage.TYPE_INT_RGB).createGraphics();
        List<String> labels = new ArrayList<>();
        for (Object tick : axis.refreshTicks(g2, new AxisState(), new Rectangle2D.Double(60, 20, 900, 500), RectangleEdge.LEFT)) {
            if (tick instanceof LogTick log && log.getTickType() == TickType.MAJOR && log.getAttributedLabel() != null) {
                AttributedCharacterIterator it = log.getAttributedLabel().getIterator();
                StringBuilder label = new StringBuilder();
                for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) {
                    label.append(c);
                }
                labels.add(label.toString());
            }
        }
        assertThat(labels).containsExactly("1", "10", "100", "1,000", "10,000");

        // p50 and p99 of a path: one dark colour, p50 solid and p99 dashed; the paths' colours differ
        XYItemRenderer renderer = chart.getXYPlot().getRenderer();
        assertThat(data.getSeriesCount()).isEqualTo(6);
        List<Color> colours = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i += 2) {
            assertThat(data.getSeriesKey(i).toString()).endsWith("p50");
            assertThat(data.getSeriesKey(i + 1).toString()).endsWith("p99");
            Color colour = (Color) renderer.getSeriesPaint(i);
            assertThat(renderer.getSeriesPaint(i + 1)).isEqualTo(colour);
            assertThat(((BasicStroke) renderer.getSeriesStroke(i)).getDashArray()).as("p50 solid").isNull();
            assertThat(((BasicStroke) renderer.getSeriesStroke(i + 1)).getDashArray()).as("p99 dashed").isNotNull();
            // dark enough to print on white (relative luminance well under that of the pale yellow it replaces)
            assertThat(luminance(colour)).as(data.getSeriesKey(i) + " " + colour).isLessThan(0.15);
            colours.add(colour);
        }
        assertThat(colours).doesNotHaveDuplicates();
    }

    /** WCAG relative luminance, 0 (black) .. 1 (white). */
    private static double luminance(Color c) {
        double[] rgb = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
        for (int i = 0; i < 3; i++) {
            rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
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
