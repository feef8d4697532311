package io.activitygateway.source.onehub;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Locale;

/**
 * Writes {@code start_time}/{@code end_time} in RFC-2822, in the token user's zone with that zone's offset.
 *
 * <p>Onehub "assumes the same time zone as the requesting user": it may read only the wall-clock time and
 * ignore the offset written. In the hour a zone repeats when its clocks go back, such a wall-clock time means
 * two instants, and Onehub may pick either; so a bound that falls there is moved by the length of the overlap
 * (start earlier, end later) until every reading still covers the window. Re-reads are harmless, misses are not.
 */
final class RequestTimes {

    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private RequestTimes() {
    }

    /** A {@code start_time} that no reading puts after {@code from}. */
    static String startTime(Instant from, ZoneId zone) {
        Instant at = from.truncatedTo(ChronoUnit.SECONDS);
        return format(at.minus(overlapAt(at, zone)), zone);
    }

    /** An {@code end_time} that no reading puts before {@code to}. */
    static String endTime(Instant to, ZoneId zone) {
        Instant at = to.truncatedTo(ChronoUnit.SECONDS);
        return format(at.plus(overlapAt(at, zone)), zone);
    }

    static String format(Instant instant, ZoneId zone) {
        return RFC_2822.format(instant.atZone(zone));
    }

    /** How long the wall-clock time of {@code instant} is ambiguous for; zero outside a repeated hour. */
    private static Duration overlapAt(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local.toLocalDateTime());
        return transition != null && transition.isOverlap() ? transition.getDuration().abs() : Duration.ZERO;
    }
}
