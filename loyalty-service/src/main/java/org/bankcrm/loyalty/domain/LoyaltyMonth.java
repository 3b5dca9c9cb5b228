package org.bankcrm.loyalty.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loyalty of the clients at one month's end: the type mix by value quadrant, the churn-risk bands, and how the
 * types moved since the month before; with the month's observed churn against the risk predicted before it.
 *
 * @param mix       clients at the month's end per value quadrant (null: not known) and loyalty type
 * @param riskBands clients per tenth of churn risk at the month's end (band i covers [i/10, (i+1)/10), the last 1.0 too)
 * @param noRisk    clients at the month's end without a churn risk (no profiling consent)
 * @param movements clients scored at both ends, per type at the end of the month before and at this month's end
 */
public record LoyaltyMonth(YearMonth month, List<MixCell> mix, long[] riskBands, long noRisk, List<Movement> movements,
        ChurnMonth churn) {
    public static final int BANDS = 10;

    /** Clients of one quadrant and type. */
    public record MixCell(String quadrant, LoyaltyType type, long clients) {
    }

    /** Clients who were of type {@code from} at the month before's end and of {@code to} at this one's. */
    public record Movement(LoyaltyType from, LoyaltyType to, long clients) {
    }

    /** Clients scored and still here at the month's end. */
    public long clients() {
        return mix.stream().mapToLong(MixCell::clients).sum();
    }

    /** Clients per type, every type present (0 when none). */
    public Map<LoyaltyType, Long> types() {
        Map<LoyaltyType, Long> types = new EnumMap<>(LoyaltyType.class);
        for (LoyaltyType t : LoyaltyType.values()) {
            types.put(t, 0L);
        }
        mix.forEach(c -> types.merge(c.type(), c.clients(), Long::sum));
        return types;
    }

    /** Clients whose type at this month's end differs from the month before's. */
    public long moved() {
        return movements.stream().filter(m -> m.from() != m.to()).mapToLong(Movement::clients).sum();
    }

    /** Share (0-1) of the clients scored at both ends whose type changed: null when none was. */
    public Double movedShare() {
        long both = movements.stream().mapToLong(Movement::clients).sum();
        return both == 0 ? null : ChurnMonth.round((double) moved() / both);
    }

    /** The band of a churn risk (0-1): its tenth, 1.0 in the last; null without a risk. */
    public static Integer band(Double churnRisk) {
        if (churnRisk == null) {
            return null;
        }
        return Math.max(0, Math.min(BANDS - 1, (int) Math.floor(churnRisk * BANDS)));
    }

    /** Builds a month from state cells (quadrant, type, band or null, clients) and movements. */
    public static LoyaltyMonth of(YearMonth month, List<StateCell> cells, List<Movement> movements, ChurnMonth churn) {
        Map<String, Map<LoyaltyType, Long>> byQuadrant = new TreeMap<>(Comparator.nullsLast(String::compareTo));
        long[] bands = new long[BANDS];
        long noRisk = 0;
        for (StateCell cell : cells) {
            byQuadrant.computeIfAbsent(cell.quadrant(), q -> new EnumMap<>(LoyaltyType.class)).merge(cell.type(), cell.clients(), Long::sum);
            if (cell.band() == null) {
                noRisk += cell.clients();
            } else {
                bands[cell.band()] += cell.clients();
            }
        }
        List<MixCell> mix = new ArrayList<>();
        byQuadrant.forEach((q, types) -> types.forEach((t, n) -> mix.add(new MixCell(q, t, n))));
        List<Movement> moves = new ArrayList<>(movements);
        moves.sort(Comparator.comparing(Movement::from).thenComparing(Movement::to));
        return new LoyaltyMonth(month, mix, bands, noRisk, moves, churn);
    }

    /** Clients at a month's end of one quadrant, type and risk band (null: no risk). */
    public record StateCell(String quadrant, LoyaltyType type, Integer band, long clients) {
    }
}
