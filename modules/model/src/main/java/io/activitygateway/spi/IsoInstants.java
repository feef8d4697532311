package io.activitygateway.spi;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 times with an offset in their usual form, read by position: a formatter per time of each event was a
 * measurable share of ingest CPU. Anything else is left to the adapter's formatter.
 */
public final class IsoInstants {

    private IsoInstants() {
    }

    /**
     * {@code YYYY-MM-DDTHH:MM:SS}, optional {@code .} and 1 to 9 digits, then {@code Z} or {@code +HH:MM}: the form
     * Kantata and Onehub send, read by position instead of through a formatter (it runs for each time of each event);
     * null for anything else or a value out of range, which the adapter's formatter then decides as before.
     */
    public static Instant plain(String v) {
        int n = v.length();
        if (n < 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
                || v.charAt(16) != ':') {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (v.charAt(at) == '.') {
            int digits = 0;
            at++;
            while (at < n && v.charAt(at) >= '0' && v.charAt(at) <= '9') {
                nanos = nanos * 10 + (v.charAt(at) - '0');
                digits++;
                at++;
            }
            if (digits < 1 || digits > 9) {
                return null;
            }
            for (int d = digits; d < 9; d++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == n - 1 && v.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == n - 6 && (v.charAt(at) == '+' || v.charAt(at) == '-') && v.charAt(at + 3) == ':') {
            int hours = FixedDigits.number(v, at + 1, at + 3);
            int minutes = FixedDigits.number(v, at + 4, at + 6);
            if (hours < 0 || minutes < 0 || minutes > 59) {
                return null;
            }
            offsetSeconds = (v.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        int year = FixedDigits.number(v, 0, 4);
        int month = FixedDigits.number(v, 5, 7);
        int day = FixedDigits.number(v, 8, 10);
        int hour = FixedDigits.number(v, 11, 13);
        int minute = FixedDigits.number(v, 14, 16);
        int second = FixedDigits.number(v, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
