package io.activitygateway.source.kantata;

import io.activitygateway.spi.FixedDigits;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Kantata's times: ISO-8601 with {@code Z} or a numeric offset. A time without an offset is refused rather than
 * guessed, because reading it in the wrong zone would silently shift the event by hours.
 */
final class KantataTimes {

    /** {@code +02:00}, {@code +0200} and {@code Z}; fractions of a second optional. */
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private KantataTimes() {
    }

    /**
     * The instant a field holds.
     *
     * @throws IllegalArgumentException naming the field, when it is missing or not an ISO-8601 time with offset
     */
    static Instant read(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " is not a time: " + node);
        }
        String text = node.asText().strip();
        Instant plain = plain(text);
        if (plain != null) {
            return plain;
        }
        try {
            return OffsetDateTime.parse(text, WITH_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + node.asText()
                    + "' is not an ISO-8601 time with a UTC offset");
        }
    }

    /**
     * {@code YYYY-MM-DDTHH:MM:SS}, optional {@code .} and 1 to 9 digits, then {@code Z} or {@code +HH:MM}: the form
     * Kantata sends, read by position instead of through the formatter (it runs for each time of each event); null
     * for anything else or a value out of range, which the formatter then decides as before.
     */
    private static Instant plain(String v) {
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


    /**
     * The value for {@code created_after}/{@code created_before}: UTC, whole seconds, e.g.
     * {@code 2024-05-01T10:15:00Z}. Callers pass instants already on whole seconds.
     */
    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
