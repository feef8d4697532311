package io.activitygateway.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A span in which upstream events may be missing for good (e.g. the gateway was away longer than the
 * source keeps events). Reported in the source status instead of silently carried on.
 */
public record Gap(Instant from, Instant to, String reason) {

    public Gap {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("gap ends before it starts: " + from + " .. " + to);
        }
    }
}
