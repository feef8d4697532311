package io.activitygateway.benchmarks.common;

import java.util.Arrays;
import java.util.List;

/** Percentiles of one run's samples, and min/median/max over runs. */
public final class Stats {

    private Stats() {
    }

    /** The nearest-rank percentile {@code p} (0..100) of {@code samples}. */
    public static double percentile(double[] samples, double p) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** A figure measured once per run. */
    public record Spread(double min, double median, double max) {

        public static Spread of(List<Double> values) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted()
                    .toArray();
            if (v.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN);
            }
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Spread(v[0], median, v[v.length - 1]);
        }

        /** "median (min–max)", or the one value when there was one run. */
        public String format(String pattern) {
            if (Double.isNaN(median)) {
                return "–";
            }
            if (min == max) {
                return Markdown.num(pattern, median);
            }
            return Markdown.num(pattern, median) + " (" + Markdown.num(pattern, min) + "–" + Markdown.num(pattern, max)
                    + ")";
        }
    }
}
