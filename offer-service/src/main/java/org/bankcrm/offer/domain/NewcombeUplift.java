package org.bankcrm.offer.domain;

/**
 * The difference of acceptance rates, treated (ranked by the model) minus control (random), with Newcombe's hybrid
 * score interval (Newcombe 1998, method 10: each rate's Wilson score interval, combined): unlike the Wald interval it
 * stays inside [−1, 1] and keeps its coverage with few answers or rates near 0 or 1. The difference and its bounds are
 * null ({@code enoughData} false) while either group has fewer answers than the minimum asked for (one, unless said).
 */
public record NewcombeUplift(long treatedResponses, long treatedAccepted, long controlResponses, long controlAccepted,
        Double treatedRate, Double controlRate, Double uplift, Double lower, Double upper, double confidence,
        boolean enoughData) {

    public static NewcombeUplift of(long treatedResponses, long treatedAccepted, long controlResponses, long controlAccepted,
            double z) {
        return of(treatedResponses, treatedAccepted, controlResponses, controlAccepted, z, 1);
    }

    /** As {@link #of(long, long, long, long, double)}, stated only once each group has at least {@code minAnswers}. */
    public static NewcombeUplift of(long treatedResponses, long treatedAccepted, long controlResponses, long controlAccepted,
            double z, long minAnswers) {
        double confidence = UpliftEstimate.confidenceOf(z);
        if (treatedResponses < Math.max(1, minAnswers) || controlResponses < Math.max(1, minAnswers)) {
            return new NewcombeUplift(treatedResponses, treatedAccepted, controlResponses, controlAccepted,
                    rate(treatedAccepted, treatedResponses), rate(controlAccepted, controlResponses), null, null, null,
                    round(confidence), false);
        }
        double p1 = (double) treatedAccepted / treatedResponses;
        double p2 = (double) controlAccepted / controlResponses;
        double[] w1 = wilson(treatedAccepted, treatedResponses, z);
        double[] w2 = wilson(controlAccepted, controlResponses, z);
        double d = p1 - p2;
        double lower = d - Math.sqrt(square(p1 - w1[0]) + square(w2[1] - p2));
        double upper = d + Math.sqrt(square(w1[1] - p1) + square(p2 - w2[0]));
        return new NewcombeUplift(treatedResponses, treatedAccepted, controlResponses, controlAccepted, round(p1), round(p2),
                round(d), round(lower), round(upper), round(confidence), true);
    }

    /** Wilson's score interval of {@code x} successes in {@code n}. */
    static double[] wilson(long x, long n, double z) {
        double p = (double) x / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] { centre - half, centre + half };
    }

    private static Double rate(long accepted, long responses) {
        return responses == 0 ? null : round((double) accepted / responses);
    }

    private static double square(double x) {
        return x * x;
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
