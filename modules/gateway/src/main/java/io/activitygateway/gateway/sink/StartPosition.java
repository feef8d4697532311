package io.activitygateway.gateway.sink;

/**
 * Where a sink without a stored position starts: {@code now} (after the current head), {@code earliest} (every
 * stored event) or a seq (that event and those after it).
 *
 * @param firstSeq the first seq to deliver, for a seq start; ignored otherwise
 */
public record StartPosition(Kind kind, long firstSeq) {

    public enum Kind { NOW, EARLIEST, SEQ }

    /** The position (the last seq treated as done) a new sink begins with, given the store's head. */
    long initialPosition(long head) {
        return switch (kind) {
            case NOW -> head;
            case EARLIEST -> 0;
            case SEQ -> firstSeq - 1;
        };
    }

    /** Parses {@code now}, {@code earliest} or a positive seq; null when it is none of them. */
    static StartPosition parse(String text) {
        String v = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("now")) {
            return new StartPosition(Kind.NOW, 0);
        }
        if (v.equals("earliest")) {
            return new StartPosition(Kind.EARLIEST, 0);
        }
        try {
            long seq = Long.parseLong(v);
            return seq >= 1 ? new StartPosition(Kind.SEQ, seq) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NOW -> "now";
            case EARLIEST -> "earliest";
            case SEQ -> Long.toString(firstSeq);
        };
    }
}
