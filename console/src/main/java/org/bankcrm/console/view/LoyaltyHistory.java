package org.bankcrm.console.view;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The series of the loyalty history chart, oldest first, from loyalty-service's history (newest first): time in epoch
 * seconds, behavioural and perceived loyalty (0-100) and churn risk in percent (absent without profiling consent).
 */
public record LoyaltyHistory(List<Long> times, List<Double> behavioural, List<Double> perceived, List<Double> churnPercent) {

    public static LoyaltyHistory of(JsonNode history) {
        List<JsonNode> changes = new ArrayList<>();
        history.path("changes").forEach(changes::add);
        List<Long> times = new ArrayList<>();
        List<Double> behavioural = new ArrayList<>();
        List<Double> perceived = new ArrayList<>();
        List<Double> churn = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            JsonNode change = changes.get(i);
            long time;
            try {
                time = Instant.parse(change.path("changedAt").asText()).getEpochSecond();
            } catch (DateTimeParseException e) {
                continue; // a change without a time cannot be placed on the axis
            }
            times.add(time);
            behavioural.add(change.path("behavioural").asDouble());
            perceived.add(change.path("perceived").asDouble());
            JsonNode risk = change.path("churnRisk");
            churn.add(risk.isNumber() ? Math.round(risk.asDouble() * 1000) / 10.0 : null);
        }
        return new LoyaltyHistory(times, behavioural, perceived, churn);
    }

    public boolean isEmpty() {
        return times.isEmpty();
    }

    /** The series as the chart script reads them: {@code [[times], [behavioural], [perceived], [churn %]]}. */
    public String json() {
        return "[" + list(times) + "," + list(behavioural) + "," + list(perceived) + "," + list(churnPercent) + "]";
    }

    private static String list(List<?> values) {
        List<String> parts = new ArrayList<>();
        for (Object v : values) {
            parts.add(v == null ? "null" : v instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : v.toString());
        }
        return "[" + String.join(",", parts) + "]";
    }
}
