package org.bankcrm.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bankcrm.demo.CrmApi;
import org.bankcrm.demo.DemoClient;
import org.bankcrm.demo.DemoLoader;
import org.bankcrm.demo.Payloads;
import org.bankcrm.demo.PopulationGenerator;
import org.bankcrm.demo.TouchpointGenerator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The analytical KPIs on real data (issue 22): a small demo bank (the generator and loader {@code crm demo} uses, fixed
 * seed) is loaded into the running CRM, and client-service's, interaction-service's and offer-service's
 * {@code GET /api/v1/kpis} (analyst token) are checked against figures computed here from the generated population
 * itself: what the generator produced and the loader sent, never what a service answers. Every figure is the bank's
 * before the load plus the population's, so the check holds whatever ran before it (it runs first all the same, while
 * nothing else is in flight).
 */
final class DemoBankKpis {
    static final long SEED = 2026;
    static final int CLIENTS = 40;
    /** The touchpoints over the ingest topic and the event chain arrive asynchronously. */
    static final Duration CATCH_UP = Duration.ofSeconds(120);

    private final RunningCrm crm;
    private final String analyst;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    DemoBankKpis(RunningCrm crm) {
        this.crm = crm;
        this.analyst = crm.token("analyst");
    }

    /** Loads the demo bank, checks the KPIs, and returns a line of what was measured. */
    String check() throws InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<DemoClient> population = new PopulationGenerator(SEED, now).generate(CLIENTS);
        YearMonth current = YearMonth.from(LocalDate.ofInstant(now, ZoneOffset.UTC));
        YearMonth previous = current.minusMonths(1);
        YearMonth firstTouchpoints = YearMonth.from(LocalDate.ofInstant(now.minus(TouchpointGenerator.HISTORY), ZoneOffset.UTC));

        String clientKpis = crm.url(RunningCrm.CLIENT, "/api/v1/kpis?from=" + previous + "&to=" + current);
        String cxKpis = crm.url(RunningCrm.INTERACTION, "/api/v1/kpis?from=" + firstTouchpoints + "&to=" + current);
        String offerKpis = crm.url(RunningCrm.OFFER, "/api/v1/kpis?from=" + current + "&to=" + current);
        JsonNode clientsBefore = kpis(clientKpis);
        Map<String, long[]> touchpointsBefore = touchpointsByMonthAndChannel(kpis(cxKpis));
        JsonNode offersBefore = month(kpis(offerKpis), current);
        String loyaltyKpis = crm.url(RunningCrm.LOYALTY, "/api/v1/kpis?from=" + current + "&to=" + current);
        JsonNode loyaltyBefore = month(kpis(loyaltyKpis), current);

        long began = System.nanoTime();
        CrmApi.authorize(crm.token("channel", "integration", "marketing", "analyst"));
        CrmApi api = new CrmApi(crm.url(RunningCrm.CLIENT, ""), crm.url(RunningCrm.INTERACTION, ""),
                crm.url(RunningCrm.LOYALTY, ""), crm.url(RunningCrm.OFFER, ""));
        DemoLoader.Loaded loaded = new DemoLoader(new DemoLoader.Options(CLIENTS, SEED, 4, "unused", crm.bootstrapServers()),
                api, System.out).load(now);
        long loadMillis = (System.nanoTime() - began) / 1_000_000;
        assertThat(loaded.clients()).isEqualTo(CLIENTS);

        // ---- client-service: clients now, holdings at the end of last month, funds of both months
        JsonNode clients = kpis(clientKpis);
        assertThat(clients.path("clients").asLong()).as("clients by quadrant and strategy, in all: %s", clients.path("valueMix"))
                .isEqualTo(clientsBefore.path("clients").asLong() + CLIENTS);

        LocalDate endOfPrevious = current.atDay(1); // held at last month's end: opened before this month began
        long holding = 0;
        long products = 0;
        long second = 0;
        long openedInPrevious = 0;
        long openedInCurrent = 0;
        for (DemoClient client : population) {
            long held = client.products().stream().filter(p -> p.openedAt().isBefore(endOfPrevious)).count();
            holding += held > 0 ? 1 : 0;
            second += held >= 2 ? 1 : 0;
            products += held;
            openedInPrevious += client.products().stream().filter(p -> YearMonth.from(p.openedAt()).equals(previous)).count();
            openedInCurrent += client.products().stream().filter(p -> YearMonth.from(p.openedAt()).equals(current)).count();
        }
        JsonNode last = month(clients, previous);
        JsonNode lastBefore = month(clientsBefore, previous);
        long expectedHolding = lastBefore.path("clientsHolding").asLong() + holding;
        long expectedProducts = lastBefore.path("openProducts").asLong() + products;
        long expectedSecond = lastBefore.path("secondProductClients").asLong() + second;
        assertThat(last.path("clientsHolding").asLong()).as("clients holding a product at %s's end", previous).isEqualTo(expectedHolding);
        assertThat(last.path("openProducts").asLong()).as("products open at %s's end", previous).isEqualTo(expectedProducts);
        assertThat(last.path("secondProductClients").asLong()).as("clients with a second product").isEqualTo(expectedSecond);
        assertThat(decimal(last, "crossSellRatio")).as("cross-sell ratio of %s", previous)
                .isEqualByComparingTo(ratio(expectedProducts, expectedHolding, 2));
        assertThat(decimal(last, "secondProductShare")).as("share holding a second product in %s", previous)
                .isEqualByComparingTo(ratio(expectedSecond, expectedHolding, 4));
        assertThat(last.path("productsOpened").asLong()).as("products opened in %s", previous)
                .isEqualTo(lastBefore.path("productsOpened").asLong() + openedInPrevious);
        // this month: the loader also opens the product of an accepted sale (today), so only bounds
        JsonNode thisMonth = month(clients, current);
        long openedNow = thisMonth.path("productsOpened").asLong() - month(clientsBefore, current).path("productsOpened").asLong();
        assertThat(openedNow).as("products opened in %s: the generated ones and at most one per accepted answer", current)
                .isBetween(openedInCurrent, openedInCurrent + loaded.accepted());

        BigDecimal fundsBefore = BigDecimal.ZERO;
        for (YearMonth month : List.of(previous, current)) {
            BigDecimal funds = decimal(month(clientsBefore, month), "funds");
            long funded = month(clientsBefore, month).path("fundedClients").asLong();
            for (DemoClient client : population) {
                for (Payloads.RecordFinancials figures : client.financials()) {
                    if (figures.month().equals(month)) {
                        funds = funds.add(figures.averageBalance());
                        funded++;
                    }
                }
            }
            JsonNode kpi = month(clients, month);
            assertThat(kpi.path("fundedClients").asLong()).as("clients with figures for %s", month).isEqualTo(funded);
            assertThat(decimal(kpi, "funds")).as("funds on accounts in %s", month).isEqualByComparingTo(funds);
            assertThat(decimal(kpi, "averageFunds")).as("average funds in %s", month).isEqualByComparingTo(ratio(funds, funded, 2));
            if (month.equals(current)) {
                assertThat(decimal(kpi, "fundsGrowth")).as("funds growth of %s", month)
                        .isEqualByComparingTo(funds.subtract(fundsBefore).divide(fundsBefore, 4, RoundingMode.HALF_UP));
            }
            fundsBefore = funds;
        }

        // ---- interaction-service: per month and channel, touchpoints, negatives, bank-caused negatives, CSAT answers
        // (the ingest topic's touchpoints arrive asynchronously)
        Map<String, long[]> cells = new TreeMap<>();
        touchpointsBefore.forEach((cell, figures) -> cells.put(cell, figures.clone()));
        Map<YearMonth, long[]> csat = new TreeMap<>(); // month → {sum, answers}
        long sent = 0;
        for (DemoClient client : population) {
            for (Payloads.Touchpoint t : client.touchpoints()) {
                YearMonth month = YearMonth.from(LocalDate.ofInstant(t.occurredAt(), ZoneOffset.UTC));
                long[] figures = cells.computeIfAbsent(month + " " + t.channel(), k -> new long[4]);
                boolean negative = "NEGATIVE".equals(t.valence());
                figures[0]++;
                figures[1] += negative ? 1 : 0;
                figures[2] += negative && "BANK".equals(t.cause()) ? 1 : 0;
                figures[3] += t.csat() == null ? 0 : 1;
                if (t.csat() != null) {
                    long[] answers = csat.computeIfAbsent(month, k -> new long[2]);
                    answers[0] += t.csat();
                    answers[1]++;
                }
                sent++;
            }
        }
        Map<String, String> expectedTouchpoints = cellTexts(cells);
        assertThat(loaded.touchpointsRest() + loaded.touchpointsTopic()).isEqualTo(sent);
        long waited = System.nanoTime();
        await("interaction-service's KPIs count every touchpoint of the demo bank").atMost(CATCH_UP)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(cellTexts(touchpointsByMonthAndChannel(kpis(cxKpis))))
                        .as("touchpoints, negatives, bank-caused negatives and CSAT answers by month and channel")
                        .isEqualTo(expectedTouchpoints));
        long caughtUpMillis = (System.nanoTime() - waited) / 1_000_000;
        if (touchpointsBefore.isEmpty()) { // the CSAT average of a month is the population's alone
            JsonNode cx = kpis(cxKpis);
            csat.forEach((month, answers) -> assertThat(month(cx, month).path("total").path("csat").path("average").asDouble())
                    .as("CSAT average of %s", month).isCloseTo((double) answers[0] / answers[1], within(1e-9)));
        }

        // ---- loyalty-service: every client scored; a churn risk exactly for those who gave profiling consent
        long withoutProfiling = population.stream()
                .filter(c -> !Boolean.TRUE.equals(c.registration().consents().profiling())).count();
        long expectedScored = loyaltyBefore.path("clients").asLong() + CLIENTS;
        long expectedNoRisk = loyaltyBefore.path("noChurnRisk").asLong() + withoutProfiling;
        await("loyalty-service scored every client of the demo bank").atMost(CATCH_UP).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode loyalty = month(kpis(loyaltyKpis), current);
                    assertThat(loyalty.path("clients").asLong()).as("clients scored in %s", current).isEqualTo(expectedScored);
                    assertThat(loyalty.path("noChurnRisk").asLong()).as("clients without a churn risk (no profiling consent)")
                            .isEqualTo(expectedNoRisk);
                    assertThat(sumOf(loyalty.path("churnRiskBands").path("counts"), null) + expectedNoRisk)
                            .as("churn-risk bands and those without a risk: every client").isEqualTo(expectedScored);
                    assertThat(loyalty.path("types").properties().stream().mapToLong(e -> e.getValue().asLong()).sum())
                            .as("loyalty types: every client").isEqualTo(expectedScored);
                });

        // ---- offer-service: the channels' requests this month (one per client with a decision channel)
        Map<String, Long> expectedRequests = new TreeMap<>(channelFigures(offersBefore, "requests"));
        population.stream().filter(c -> c.decisionChannel() != null)
                .forEach(c -> expectedRequests.merge(c.decisionChannel(), 1L, Long::sum));
        assertThat(loaded.decisions()).as("every client with a decision channel got a decision")
                .isEqualTo(population.stream().filter(c -> c.decisionChannel() != null).count());
        if (YearMonth.now(ZoneOffset.UTC).equals(current)) { // the requests were made this month (not across a month's end)
            JsonNode offers = month(kpis(offerKpis), current);
            assertThat(channelFigures(offers, "requests")).as("requests per channel: %s", offers.path("byChannel"))
                    .isEqualTo(expectedRequests);
            Map<String, Long> presentedBefore = channelFigures(offersBefore, "presented");
            Map<String, Long> presented = channelFigures(offers, "presented");
            expectedRequests.forEach((channel, requests) -> {
                long added = presented.getOrDefault(channel, 0L) - presentedBefore.getOrDefault(channel, 0L);
                long asked = requests - channelFigures(offersBefore, "requests").getOrDefault(channel, 0L);
                assertThat(added).as("actions presented on %s by %d requests of at most 3", channel, asked)
                        .isBetween(0L, 3 * asked);
            });
            assertThat(offers.path("decisions").asLong() - offersBefore.path("decisions").asLong())
                    .as("decisions of every trigger include the requests").isGreaterThanOrEqualTo(loaded.decisions());
        }

        return String.format("demo bank KPIs: %d clients (seed %d), %d products, %d touchpoints (%d REST, %d topic), %d "
                + "decisions loaded in %d ms; interaction-service's KPIs caught up %d ms later; client-, interaction-, "
                + "loyalty- and offer-service's KPIs matched the population's own figures", CLIENTS, SEED, loaded.products(), sent,
                loaded.touchpointsRest(), loaded.touchpointsTopic(), loaded.decisions(), loadMillis, caughtUpMillis);
    }

    /** "month channel" → {touchpoints, negatives, bank-caused negatives, CSAT answers}, every cell with touchpoints. */
    static Map<String, long[]> touchpointsByMonthAndChannel(JsonNode report) {
        Map<String, long[]> cells = new TreeMap<>();
        report.path("months").forEach(m -> m.path("byChannel").properties().forEach(e -> {
            JsonNode f = e.getValue();
            if (f.path("touchpoints").asLong() > 0) {
                cells.put(m.path("month").asText() + " " + e.getKey(), new long[] {f.path("touchpoints").asLong(),
                        f.path("negativeExperiences").path("count").asLong(),
                        f.path("negativeExperiences").path("bankCaused").asLong(), f.path("csat").path("responses").asLong()});
            }
        }));
        return cells;
    }

    static Map<String, String> cellTexts(Map<String, long[]> cells) {
        Map<String, String> texts = new TreeMap<>();
        cells.forEach((cell, f) -> texts.put(cell, cellText(f)));
        return texts;
    }

    static String cellText(long[] f) {
        return "touchpoints " + f[0] + ", negative " + f[1] + ", bank-caused " + f[2] + ", CSAT answers " + f[3];
    }

    /** channel → a figure of offer-service's month, the channels where it is not zero. */
    static Map<String, Long> channelFigures(JsonNode month, String figure) {
        Map<String, Long> figures = new TreeMap<>();
        month.path("byChannel").forEach(c -> {
            if (c.path(figure).asLong() > 0) {
                figures.put(c.path("channel").asText(), c.path(figure).asLong());
            }
        });
        return figures;
    }

    static JsonNode month(JsonNode report, YearMonth month) {
        for (JsonNode m : report.path("months")) {
            if (m.path("month").asText().equals(month.toString())) {
                return m;
            }
        }
        throw new AssertionError("no month " + month + " in " + report);
    }

    static long sumOf(JsonNode items, String field) {
        long sum = 0;
        for (JsonNode item : items) {
            sum += field == null ? item.asLong() : item.path(field).asLong();
        }
        return sum;
    }

    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        assertThat(value.isNumber()).as("%s is a number in %s", field, node).isTrue();
        return value.decimalValue();
    }

    static BigDecimal ratio(long numerator, long denominator, int scale) {
        return ratio(BigDecimal.valueOf(numerator), denominator, scale);
    }

    static BigDecimal ratio(BigDecimal numerator, long denominator, int scale) {
        return numerator.divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP);
    }

    /** A KPI endpoint with the analyst's token (the role the KPIs are for). */
    JsonNode kpis(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("accept", "application/json").header("authorization", "Bearer " + analyst).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
            return Http.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
