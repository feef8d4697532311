package io.activitygateway.sandbox.index;

/** A window on the index time, in epoch milliseconds, each end open or closed as the API defines it. */
public record TimeRange(long from, boolean fromInclusive, long to, boolean toInclusive) {

    public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, true, Long.MAX_VALUE, true);

    public static TimeRange closed(long from, long to) {
        return new TimeRange(from, true, to, true);
    }

    /** Narrows the lower end to {@code >= millis} when that is tighter (retention, visibility horizons). */
    public TimeRange atLeast(long millis) {
        return millis > from ? new TimeRange(millis, true, to, toInclusive) : this;
    }

    /** Narrows the upper end to {@code <= millis} when that is tighter. */
    public TimeRange atMost(long millis) {
        if (millis < to) {
            return new TimeRange(from, fromInclusive, millis, true);
        }
        return this;
    }
}
