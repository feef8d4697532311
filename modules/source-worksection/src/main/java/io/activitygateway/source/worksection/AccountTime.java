package io.activitygateway.source.worksection;

import io.activitygateway.model.TimePrecision;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Turns the account's local times into UTC instants with the configured zone's rules.
 *
 * <ul>
 * <li>A local time in a spring-forward gap does not exist; it is read the way java.time does, shifted later by
 * the length of the gap (02:30 in a 02:00→03:00 gap becomes 03:30 of the new offset).</li>
 * <li>A local time in a fall-back overlap happened twice. If only one of the two instants lies in the span the
 * read is responsible for, it is that one (a read that starts after the first half can only hold records of the
 * second); otherwise the earlier of the two. Keys use the raw {@code date_added}, never the instant, so this
 * choice cannot make a duplicate.</li>
 * </ul>
 */
final class AccountTime {

    private final ZoneId zone;

    AccountTime(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * @param from start of the span the read is responsible for ({@link Window#needFrom()})
     * @param to   the read's now
     */
    Instant toInstant(DateAdded date, Instant from, Instant to) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(date.local());
        if (offsets.size() != 2) {
            return ZonedDateTime.ofLocal(date.local(), zone, null).toInstant();
        }
        Instant a = date.local().toInstant(offsets.get(0));
        Instant b = date.local().toInstant(offsets.get(1));
        Instant earlier = a.isBefore(b) ? a : b;
        Instant later = a.isBefore(b) ? b : a;
        Duration width = date.precision() == TimePrecision.MINUTE ? Duration.ofMinutes(1) : Duration.ofSeconds(1);
        boolean earlierFits = overlaps(earlier, width, from, to);
        boolean laterFits = overlaps(later, width, from, to);
        return laterFits && !earlierFits ? later : earlier;
    }

    /** Whether [{@code at}, {@code at + width}) shares an instant with [{@code from}, {@code to}]. */
    private static boolean overlaps(Instant at, Duration width, Instant from, Instant to) {
        return at.plus(width).isAfter(from) && !at.isAfter(to);
    }
}
