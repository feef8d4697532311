package io.activitygateway.source.worksection;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A {@code get_events} {@code period}: 1..360 minutes, 1..72 hours or 1..30 days, always counted back from the
 * server's "now". The API has no other way to say where a read starts.
 */
record Period(int amount, ChronoUnit unit) {

    private static final int MAX_MINUTES = 360;
    private static final int MAX_HOURS = 72;
    private static final int LONGEST_DAYS = 30;

    static final Period LONGEST = new Period(LONGEST_DAYS, ChronoUnit.DAYS);

    Period {
        int max = switch (unit) {
            case MINUTES -> MAX_MINUTES;
            case HOURS -> MAX_HOURS;
            case DAYS -> LONGEST_DAYS;
            default -> throw new IllegalArgumentException("get_events has no period in " + unit);
        };
        if (amount < 1 || amount > max) {
            throw new IllegalArgumentException("period " + amount + " " + unit + " is outside 1.." + max);
        }
    }

    /**
     * The shortest period that reaches back at least {@code span}: minutes while they suffice, then hours, then
     * days (so a span just over 360 minutes costs 7 hours, not 1 day). Empty when even 30 days fall short.
     */
    static Optional<Period> covering(Duration span) {
        if (span.compareTo(LONGEST.length()) > 0) {
            return Optional.empty();
        }
        long minutes = Math.max(1, ceilDiv(span, Duration.ofMinutes(1)));
        if (minutes <= MAX_MINUTES) {
            return Optional.of(new Period((int) minutes, ChronoUnit.MINUTES));
        }
        long hours = ceilDiv(span, Duration.ofHours(1));
        if (hours <= MAX_HOURS) {
            return Optional.of(new Period((int) hours, ChronoUnit.HOURS));
        }
        long days = ceilDiv(span, Duration.ofDays(1));
        return days <= LONGEST_DAYS ? Optional.of(new Period((int) days, ChronoUnit.DAYS)) : Optional.empty();
    }

    /**
     * The longest period that reaches back at most {@code span}: a window starting no earlier than {@code now - span}.
     * Empty when even one minute is longer.
     */
    static Optional<Period> within(Duration span) {
        long minutes = span.toMinutes();
        if (minutes < 1) {
            return Optional.empty();
        }
        long days = span.toDays();
        if (days > MAX_HOURS / 24) {
            return Optional.of(new Period((int) Math.min(days, LONGEST_DAYS), ChronoUnit.DAYS));
        }
        long hours = span.toHours();
        if (minutes > MAX_MINUTES) {
            return Optional.of(new Period((int) Math.min(hours, MAX_HOURS), ChronoUnit.HOURS));
        }
        return Optional.of(new Period((int) minutes, ChronoUnit.MINUTES));
    }

    Duration length() {
        return unit.getDuration().multipliedBy(amount);
    }

    /** As the API spells it: {@code 45m}, {@code 7h}, {@code 30d}. */
    @Override
    public String toString() {
        return amount + switch (unit) {
            case MINUTES -> "m";
            case HOURS -> "h";
            default -> "d";
        };
    }

    private static long ceilDiv(Duration span, Duration unit) {
        long nanos = span.toNanos();
        long per = unit.toNanos();
        return nanos <= 0 ? 0 : (nanos + per - 1) / per;
    }
}
