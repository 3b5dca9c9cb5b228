package org.bankcrm.console.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The offer catalogue page's rows: each offer of offer-service's catalogue ({@code GET /offers}) with its answers in the
 * period ({@code byOffer} of {@code GET /kpis}, by code) and its model's state ({@code GET /offers/{id}/model}: the
 * answers learnt, the online AUC and the calibration over the monitoring window, the input that drifted most — none
 * while nothing moved), and its uplift over the control group ({@code byOffer[].uplift}: the model-ranked and control
 * answers, and the difference with its interval once offer-service says there is enough data). The offers answered most
 * come first.
 */
public final class OfferCatalogue {
    private OfferCatalogue() {
    }

    /** Figures are null where the service has none (no answer yet, a model not read, not enough data for the uplift). */
    public record Row(String id, String code, String name, String category, boolean active, long responses, long accepted,
            Double acceptance, Uplift uplift, Long observations, Long monitored, Double auc, Double brier,
            Double meanExpected, Double observedRate, Double calibrationGap, String driftFeature, Double driftShift) {
    }

    /** An offer's answers on each side and, when offer-service states it ({@code enoughData}), the uplift and its bounds. */
    public record Uplift(long treated, long control, boolean enoughData, Double uplift, Double lower, Double upper) {
        static Uplift of(JsonNode u) {
            boolean enough = u.path("enoughData").asBoolean(false);
            return new Uplift(u.path("treatedResponses").asLong(0), u.path("controlResponses").asLong(0), enough,
                    enough ? number(u.path("uplift")) : null, enough ? number(u.path("lower")) : null,
                    enough ? number(u.path("upper")) : null);
        }
    }

    public static List<Row> rows(JsonNode offers, JsonNode byOffer, Map<String, JsonNode> models) {
        Map<String, JsonNode> answers = new HashMap<>();
        byOffer.forEach(o -> answers.put(o.path("key").asText(), o));
        List<Row> rows = new ArrayList<>();
        for (JsonNode offer : offers) {
            String id = offer.path("id").asText();
            JsonNode a = answers.getOrDefault(offer.path("code").asText(), offer.path("none"));
            JsonNode model = models.getOrDefault(id, offer.path("none"));
            JsonNode m = model.path("monitoring");
            Double expected = number(m.path("meanExpected")), observed = number(m.path("observedRate"));
            JsonNode drift = m.path("drift").path(0);
            boolean drifted = drift.path("shift").asDouble(0) != 0;
            rows.add(new Row(id, offer.path("code").asText(), offer.path("name").asText(), offer.path("category").asText(),
                    offer.path("active").asBoolean(), a.path("responses").asLong(0), a.path("accepted").asLong(0),
                    number(a.path("rate")), Uplift.of(a.path("uplift")), model.has("observations") ? model.path("observations").asLong() : null,
                    m.has("answers") ? m.path("answers").asLong() : null, number(m.path("auc")), number(m.path("brier")),
                    expected, observed, expected == null || observed == null ? null : expected - observed,
                    drifted ? drift.path("feature").asText() : null, drifted ? number(drift.path("shift")) : null));
        }
        rows.sort(Comparator.comparingLong(Row::responses).reversed().thenComparing(Row::code));
        return rows;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
