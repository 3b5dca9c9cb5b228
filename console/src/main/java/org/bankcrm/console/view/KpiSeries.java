package org.bankcrm.console.view;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The analytics page's chart series from the services' KPI months ({@code months[]} of {@code GET /api/v1/kpis} or
 * of the monthly snapshots), oldest first: the x axis is the first day of each month in epoch seconds (UTC); a figure
 * the service has not (a ratio without clients) is null, a gap in the line.
 */
public final class KpiSeries {
    private final List<Long> times = new ArrayList<>();
    private final List<JsonNode> months = new ArrayList<>();

    private KpiSeries() {
    }

    public static KpiSeries of(JsonNode monthsNode) {
        KpiSeries series = new KpiSeries();
        for (JsonNode month : monthsNode) {
            try {
                series.times.add(YearMonth.parse(month.path("month").asText()).atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
                series.months.add(month);
            } catch (DateTimeParseException e) {
                // a month the axis cannot place is left out
            }
        }
        return series;
    }

    public boolean isEmpty() {
        return times.isEmpty();
    }

    /** Products per client holding any, and the share holding a second product in percent. */
    public String crossSell() {
        return json(values("crossSellRatio", 1), values("secondProductShare", 100));
    }

    /** Funds on accounts: the sum and the average per client with figures, in the bank's currency. */
    public String funds() {
        return json(values("funds", 1), values("averageFunds", 1));
    }

    /** Products opened and closed in each month. */
    public String productFlows() {
        return json(values("productsOpened", 1), values("productsClosed", 1));
    }

    /** loyalty-service's months: the observed monthly churn against the risk predicted at the month's start, in percent. */
    public String churn() {
        return json(values("churn.observedRate", 100), values("churn.predictedMonthlyRate", 100));
    }

    /**
     * Whether any month has an observed or a predicted churn rate: both are relative to the clients here with a risk at
     * the month's start, so a bank whose clients were all scored this month has none yet (the chart would be empty).
     */
    public boolean churnHasFigures() {
        return values("churn.observedRate", 1).stream().anyMatch(v -> v != null)
                || values("churn.predictedMonthlyRate", 1).stream().anyMatch(v -> v != null);
    }

    /** offer-service's months: the acceptance rate and the model's uplift over the control group, in percent (points). */
    public String offers() {
        return json(values("acceptanceRate", 100), values("uplift.uplift", 100));
    }

    /** interaction-service's months: average CSAT (1–5) and NPS (−100…100). */
    public String satisfaction() {
        return json(values("total.csat.average", 1), values("total.nps.score", 1));
    }

    /** interaction-service's months: first-contact resolution and need met, in percent of the journeys closed. */
    public String resolution() {
        return json(values("total.firstContactResolution.rate", 100), values("total.needMetShare", 100));
    }

    /** interaction-service's months: negative experiences and those the bank caused. */
    public String negatives() {
        return json(values("total.negativeExperiences.count", 1), values("total.negativeExperiences.bankCaused", 1));
    }

    /** A figure of each month, {@code a.b} for a nested one. */
    private List<Double> values(String field, double factor) {
        List<Double> values = new ArrayList<>();
        for (JsonNode month : months) {
            JsonNode value = month;
            for (String name : field.split("\\.")) {
                value = value.path(name);
            }
            values.add(value.isNumber() ? value.asDouble() * factor : null);
        }
        return values;
    }

    @SafeVarargs
    private String json(List<Double>... series) {
        List<String> parts = new ArrayList<>();
        parts.add(list(times));
        for (List<Double> s : series) {
            parts.add(list(s));
        }
        return "[" + String.join(",", parts) + "]";
    }

    private static String list(List<?> values) {
        List<String> parts = new ArrayList<>();
        for (Object v : values) {
            parts.add(v == null ? "null" : v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v.toString());
        }
        return "[" + String.join(",", parts) + "]";
    }
}
