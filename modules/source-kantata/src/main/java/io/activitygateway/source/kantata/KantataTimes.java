package io.activitygateway.source.kantata;

import io.activitygateway.spi.IsoInstants;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
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
        Instant plain = IsoInstants.plain(text);
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
     * The value for {@code created_after}/{@code created_before}: UTC, whole seconds, e.g.
     * {@code 2024-05-01T10:15:00Z}. Callers pass instants already on whole seconds.
     */
    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
