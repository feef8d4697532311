package io.activitygateway.benchmarks.delivery;

import java.util.List;

/**
 * What at-least-once in seq order allows a consumer to see on one ordered channel (a Kafka partition, a webhook
 * endpoint) across crashes: increasing seqs, and after each crash a restart from a point not after the last seq seen,
 * where the seqs sent again are exactly the tail that was in flight, in the same order.
 */
final class DeliveryOrder {

    private DeliveryOrder() {
    }

    /** Null when {@code seqs} (in arrival order) is such a sequence with at most {@code crashes} restarts; else why not. */
    static String problem(List<Long> seqs, int crashes) {
        int restarts = 0;
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i) > seqs.get(i - 1)) {
                continue;
            }
            restarts++;
            if (restarts > crashes) {
                return "seq " + seqs.get(i) + " after " + seqs.get(i - 1) + " at index " + i + ": more than "
                        + crashes + " restart(s)";
            }
            // The duplicates must be the tail before i, from the restart point on, in the same order.
            long from = seqs.get(i);
            int start = i - 1;
            while (start > 0 && seqs.get(start - 1) >= from) {
                start--;
            }
            for (int k = start; k < i; k++) {
                int j = i + (k - start);
                if (j >= seqs.size() || !seqs.get(j).equals(seqs.get(k))) {
                    return "after the restart at index " + i + " the resent seqs are not the tail "
                            + seqs.subList(start, i) + " in order";
                }
            }
        }
        return null;
    }
}
