package org.bankcrm.offer.domain;

import java.util.ArrayList;
import java.util.List;

/** The client's features the propensity model learns over: one-hot bands and types, a few scaled numbers, and a bias. */
public final class ClientFeatures {
    private static final List<String> AGE_BANDS = List.of("AGE_14_17", "AGE_18_24", "AGE_25_34", "AGE_35_44", "AGE_45_54",
            "AGE_55_64", "AGE_65_PLUS");
    private static final List<String> INCOME = List.of("LOW", "MIDDLE", "UPPER_MIDDLE", "HIGH");
    private static final List<String> QUADRANTS = List.of("PROFITABLE_HIGH_POTENTIAL", "PROFITABLE_LOW_POTENTIAL",
            "UNPROFITABLE_HIGH_POTENTIAL", "UNPROFITABLE_LOW_POTENTIAL");
    private static final List<String> LOYALTY = List.of("TRUE", "LATENT", "SPURIOUS", "NONE");
    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        names.add("bias");
        AGE_BANDS.forEach(b -> names.add("ageBand=" + b));
        INCOME.forEach(b -> names.add("income=" + b));
        QUADRANTS.forEach(q -> names.add("quadrant=" + q));
        LOYALTY.forEach(t -> names.add("loyalty=" + t));
        names.add("churnRisk");
        names.add("productsHeld/5");
        names.add("recentNegativeBankCaused");
        names.add("assistedChannel");
        NAMES = List.copyOf(names);
    }

    public static final int SIZE = NAMES.size();

    private ClientFeatures() {
    }

    public static double[] of(ClientSnapshot client, Channel channel, boolean recentNegative) {
        double[] x = new double[SIZE];
        int i = 0;
        x[i++] = 1.0;
        i = oneHot(x, i, AGE_BANDS, client.ageBand());
        i = oneHot(x, i, INCOME, client.incomeBracket());
        i = oneHot(x, i, QUADRANTS, client.quadrant());
        i = oneHot(x, i, LOYALTY, client.loyaltyType());
        x[i++] = client.churnRisk() == null ? 0 : client.churnRisk();
        x[i++] = Math.min(client.heldProducts().size(), 10) / 5.0;
        x[i++] = recentNegative ? 1 : 0;
        x[i] = channel != null && channel.assisted() ? 1 : 0;
        return x;
    }

    private static int oneHot(double[] x, int start, List<String> values, String value) {
        int at = value == null ? -1 : values.indexOf(value);
        if (at >= 0) {
            x[start + at] = 1.0;
        }
        return start + values.size();
    }
}
