package org.bankcrm.loyalty.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The markets (countries of residence, ISO 3166-1 alpha-2) the bank gives the churn model: the first is the reference
 * and has no indicator; each other gets one, {@code market-<code>}, 1 for a client living there. A client outside the
 * list, or whose country is not known, gets none (counts as the reference). Learnt only: no bank knows on day one how
 * much more its clients of one country leave than those of another, so each indicator's prior mean is 0.
 */
public record ChurnMarkets(List<String> codes) {
    public static final ChurnMarkets NONE = new ChurnMarkets(List.of());
    public static final String KEY_PREFIX = "market-";

    public ChurnMarkets {
        List<String> distinct = new ArrayList<>();
        for (String code : codes) {
            String c = code.trim();
            if (!c.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("a churn market must be an ISO 3166-1 alpha-2 code in upper case, not '" + code + "'");
            }
            if (!distinct.contains(c)) {
                distinct.add(c);
            }
        }
        codes = List.copyOf(distinct);
    }

    /** The markets with an indicator: all but the first (the reference). */
    public List<String> indicated() {
        return codes.size() <= 1 ? List.of() : codes.subList(1, codes.size());
    }

    /** The indicators' feature keys, in order: {@code market-DE}, … */
    public List<String> keys() {
        return indicated().stream().map(code -> KEY_PREFIX + code).toList();
    }

    /** 1 at the indicator of the client's country, 0 elsewhere; all 0 for the reference, another or an unknown country. */
    public double[] indicators(String countryOfResidence) {
        List<String> indicated = indicated();
        double[] x = new double[indicated.size()];
        int at = countryOfResidence == null ? -1 : indicated.indexOf(countryOfResidence);
        if (at >= 0) {
            x[at] = 1;
        }
        return x;
    }
}
