package org.bankcrm.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The short summary after a load, read back from the services' public APIs only: clients by value quadrant
 * and segment (client-service), the loyalty mix (loyalty-service), CX metrics and the top findings
 * (interaction-service), offers decided, answered and accepted (offer-service).
 */
public final class DemoSummary {
    private final CrmApi api;
    private final PrintStream out;

    public DemoSummary(CrmApi api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    /**
     * Waits (at most {@code maxSeconds}) until loyalty-service has scored as many clients as client-service holds
     * and the count stopped moving: the scores follow the events a moment after the load.
     */
    public void awaitScores(long clients, int maxSeconds) {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long previous = -1;
        int steady = 0;
        while (System.nanoTime() < deadline) {
            long scored = api.get(api.loyalty() + "/loyalty/distribution").body().path("clients").asLong();
            if (scored >= clients) {
                return;
            }
            steady = scored == previous ? steady + 1 : 0;
            if (steady >= 10) {
                return;
            }
            previous = scored;
            CrmApi.sleep(1_000);
        }
    }

    public void print(DemoLoader.Loaded loaded) {
        out.println();
        out.println("The demo bank, as the services see it now:");
        if (loaded != null) {
            out.printf(Locale.ROOT, "  loaded in %.0f s: %,d clients, %,d products, %,d months of financials, %,d consent changes, "
                    + "%,d touchpoints over REST and %,d over crm.touchpoint.ingest.v1, %,d decisions asked, %,d answered (%,d accepted)%n",
                    loaded.took().toMillis() / 1000.0, loaded.clients(), loaded.products(), loaded.financials(),
                    loaded.consentChanges(), loaded.touchpointsRest(), loaded.touchpointsTopic(), loaded.decisions(),
                    loaded.responses(), loaded.accepted());
        }
        long total = DemoLoader.clientCount(api);
        StringBuilder quadrants = new StringBuilder();
        for (String quadrant : Vocabulary.QUADRANTS) {
            long n = api.expect("GET", api.clients() + "/clients?size=1&quadrant=" + quadrant, null, 200).body().path("total").asLong();
            quadrants.append(String.format(Locale.ROOT, "%n    %-28s %,7d  %4.1f %%", quadrant, n, percent(n, total)));
        }
        out.printf(Locale.ROOT, "  clients: %,d; by value quadrant:%s%n", total, quadrants);
        List<String> segments = new ArrayList<>();
        for (JsonNode segment : api.expect("GET", api.clients() + "/segments", null, 200).body()) {
            segments.add(String.format(Locale.ROOT, "%s %,d", segment.path("code").asText(), segment.path("size").asLong()));
        }
        out.println("  segments (a client may be in several): " + String.join(", ", segments));

        JsonNode loyalty = api.expect("GET", api.loyalty() + "/loyalty/distribution", null, 200).body();
        long scored = loyalty.path("clients").asLong();
        List<String> mix = new ArrayList<>();
        for (String type : Vocabulary.LOYALTY_TYPES) {
            long n = loyalty.path("types").path(type).asLong();
            mix.add(String.format(Locale.ROOT, "%s %,d (%.0f %%)", type, n, percent(n, scored)));
        }
        out.printf(Locale.ROOT, "  loyalty of %,d scored clients: %s%n", scored, String.join(", ", mix));

        JsonNode metrics = api.expect("GET", api.interactions() + "/cx/metrics", null, 200).body().path("total");
        out.printf(Locale.ROOT, "  CX, last 30 days: %,d touchpoints, CSAT %s (%,d answers), NPS %s, first-contact resolution %s, "
                + "negative %s (bank-caused %s)%n", metrics.path("touchpoints").asLong(),
                number(metrics.path("csat").path("average"), "%.2f"), metrics.path("csat").path("responses").asLong(),
                number(metrics.path("nps").path("score"), "%+.0f"),
                share(metrics.path("firstContactResolution").path("rate")),
                share(metrics.path("negativeExperiences").path("share")),
                share(metrics.path("negativeExperiences").path("bankCausedShare")));
        JsonNode findings = api.expect("GET", api.interactions() + "/cx/findings", null, 200).body();
        out.printf(Locale.ROOT, "  CX findings %s..%s against %s..%s:%n", findings.path("period").path("from").asText(),
                findings.path("period").path("to").asText(), findings.path("previousPeriod").path("from").asText(),
                findings.path("previousPeriod").path("to").asText());
        int shown = 0;
        for (JsonNode cause : findings.path("bankCausedNegativeCauses")) {
            if (shown++ == 4) {
                break;
            }
            out.printf(Locale.ROOT, "    bank-caused negatives: %-13s %,5d (before %,d, %s)%n", cause.path("causeDetail").asText(),
                    cause.path("count").asLong(), cause.path("previousCount").asLong(), cause.path("trend").asText());
        }
        for (JsonNode channel : findings.path("fallingCsatChannels")) {
            out.printf(Locale.ROOT, "    CSAT falling on %s: %.2f (before %.2f)%n", channel.path("channel").asText(),
                    channel.path("csat").asDouble(), channel.path("previousCsat").asDouble());
        }
        for (JsonNode need : findings.path("highRepeatContactNeeds")) {
            out.printf(Locale.ROOT, "    repeat contacts on %s: %.0f %% of %,d touchpoints%n", need.path("need").asText(),
                    100 * need.path("repeatContactRate").asDouble(), need.path("touchpoints").asLong());
        }

        JsonNode performance = api.expect("GET", api.offers() + "/offers/performance", null, 200).body();
        long answers = 0, accepted = 0;
        List<JsonNode> answered = new ArrayList<>();
        for (JsonNode offer : performance.path("byOffer")) {
            answers += offer.path("responses").asLong();
            accepted += offer.path("accepted").asLong();
            if (offer.path("responses").asLong() > 0) {
                answered.add(offer);
            }
        }
        answered.sort((a, b) -> Long.compare(b.path("responses").asLong(), a.path("responses").asLong()));
        List<String> best = answered.stream().map(offer -> String.format(Locale.ROOT, "%s %d/%d", offer.path("key").asText(),
                offer.path("accepted").asLong(), offer.path("responses").asLong())).toList();
        out.printf(Locale.ROOT, "  offers: %s answers to presented actions, %,d accepted (%.1f %%)%s%n",
                String.format(Locale.ROOT, "%,d", answers), accepted, percent(accepted, answers),
                loaded == null ? "" : String.format(Locale.ROOT, "; %,d decisions asked by channels during the load "
                        + "(plus the event chain's decision after every touchpoint and loyalty change)", loaded.decisions()));
        if (!best.isEmpty()) {
            out.println("    accepted/answered, most answered first: " + String.join(", ", best.subList(0, Math.min(best.size(), 8))));
        }
    }

    static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static String number(JsonNode value, String format) {
        return value.isNumber() ? String.format(Locale.ROOT, format, value.asDouble()) : "-";
    }

    private static String share(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.0f %%", 100 * value.asDouble()) : "-";
    }

}
