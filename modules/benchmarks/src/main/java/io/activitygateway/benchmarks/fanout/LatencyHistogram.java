package io.activitygateway.benchmarks.fanout;

/** Latencies in buckets of 100 µs up to 2 minutes (longer ones count in the last bucket); one per thread, merged. */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 100_000;
    private static final int BUCKETS = 1_200_000;

    private final long[] counts = new long[BUCKETS];
    private long max;
    private long total;

    void record(long nanos) {
        long n = Math.max(0, nanos);
        counts[(int) Math.min(BUCKETS - 1, n / BUCKET_NANOS)]++;
        max = Math.max(max, n);
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        max = Math.max(max, other.max);
        total += other.total;
    }

    long total() {
        return total;
    }

    /** The latency at quantile {@code q} (0..1) in milliseconds: the upper edge of its bucket. */
    double quantileMillis(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return max / 1e6;
    }

    double maxMillis() {
        return max / 1e6;
    }
}
