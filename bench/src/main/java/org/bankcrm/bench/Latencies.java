package org.bankcrm.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * A latency histogram in microseconds (1 µs to 5 min, 3 significant digits), safe to record from several threads.
 * Percentiles come out in milliseconds.
 */
final class Latencies {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
    private final Histogram histogram = new Histogram(1, HIGHEST_MICROS, 3);

    synchronized void recordNanos(long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1_000));
        histogram.recordValue(micros);
    }

    synchronized void recordMillis(double millis) {
        recordNanos((long) (millis * 1_000_000));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    synchronized Summary summary() {
        if (histogram.getTotalCount() == 0) {
            return Summary.EMPTY;
        }
        return new Summary(histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(90)), ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()), ms(histogram.getMean()));
    }

    private static double ms(double micros) {
        return Math.round(micros) / 1_000.0;
    }

    /** Percentiles in milliseconds; {@link #EMPTY} when nothing was recorded. */
    record Summary(long count, double p50, double p90, double p99, double p999, double max, double mean) {
        static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("count", count);
            map.put("p50Ms", finite(p50));
            map.put("p90Ms", finite(p90));
            map.put("p99Ms", finite(p99));
            map.put("p999Ms", finite(p999));
            map.put("maxMs", finite(max));
            map.put("meanMs", finite(mean));
            return map;
        }

        private static Object finite(double value) {
            return Double.isFinite(value) ? value : null;
        }
    }
}
