package org.bankcrm.demo;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** A seeded source of randomness with the draws the generator needs; the same seed gives the same draws. */
final class Rng {
    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** An independent stream for one client: the same (seed, index) always gives the same client, whatever the population size. */
    static Rng forClient(long seed, int index) {
        return new Rng(mix(seed * 0x9E3779B97F4A7C15L + index));
    }

    static Rng forStream(long seed, String purpose) {
        return new Rng(mix(seed ^ purpose.hashCode() * 0xC2B2AE3D27D4EB4FL));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double uniform() {
        return random.nextDouble();
    }

    double uniform(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    int between(int fromInclusive, int toInclusive) {
        return fromInclusive + random.nextInt(toInclusive - fromInclusive + 1);
    }

    double normal(double mean, double sd) {
        // Box-Muller, one of the pair
        double u1 = Math.max(1e-12, random.nextDouble());
        double u2 = random.nextDouble();
        return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Log-normal with the given median and the sd of its logarithm. */
    double logNormal(double median, double sigma) {
        return median * Math.exp(normal(0, sigma));
    }

    /** Exponential with the given mean. */
    double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    int poisson(double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Picks values[i] with probability weights[i] / sum(weights). */
    <T> T weighted(List<T> values, double... weights) {
        if (values.size() != weights.length) {
            throw new IllegalArgumentException(values.size() + " values but " + weights.length + " weights");
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }

    UUID uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
