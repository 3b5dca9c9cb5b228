package org.bankcrm.console.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The CX monitor's month-by-code tables from interaction-service's KPI months ({@code months[]} of
 * {@code GET /api/v1/kpis}): one row per code (a cause detail, a channel, a cause) with its figure in each month, in the
 * months' order, a month without it counting 0; the rows with the most first, codes that never occur left out.
 */
public final class CxTables {
    private CxTables() {
    }

    public record Row(String code, List<Long> counts, long total) {
    }

    /** Bank-caused negative experiences per cause detail (WAITING_TIME, FEES, ...). */
    public static List<Row> bankCausedByCauseDetail(JsonNode months) {
        return rows(months, "byCauseDetail", "bankCaused");
    }

    /** Bank-caused negative experiences per channel. */
    public static List<Row> bankCausedByChannel(JsonNode months) {
        return rows(months, "byChannel", "negativeExperiences.bankCaused");
    }

    /** Negative experiences per cause: the bank's, the client's, a third party's. */
    public static List<Row> negativesByCause(JsonNode months) {
        return rows(months, "byCause", "negative");
    }

    private static List<Row> rows(JsonNode months, String breakdown, String figure) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        int size = months.size();
        for (int i = 0; i < size; i++) {
            var codes = months.get(i).path(breakdown).fields();
            while (codes.hasNext()) {
                var entry = codes.next();
                JsonNode value = entry.getValue();
                for (String name : figure.split("\\.")) {
                    value = value.path(name);
                }
                counts.computeIfAbsent(entry.getKey(), k -> new long[size])[i] = value.asLong(0);
            }
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((code, perMonth) -> {
            List<Long> list = new ArrayList<>();
            long total = 0;
            for (long c : perMonth) {
                list.add(c);
                total += c;
            }
            if (total > 0) {
                rows.add(new Row(code, list, total));
            }
        });
        rows.sort(Comparator.comparingLong(Row::total).reversed());
        return rows;
    }
}
