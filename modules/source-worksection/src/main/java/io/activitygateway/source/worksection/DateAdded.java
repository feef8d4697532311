package io.activitygateway.source.worksection;

import io.activitygateway.model.TimePrecision;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * A record's {@code date_added}: the account's local date and time, {@code YYYY-MM-DD HH:MM}, with no zone.
 * Seconds, should the server ever send them, are kept and make the time second-precise.
 */
record DateAdded(LocalDateTime local, TimePrecision precision) {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    /** Empty when {@code text} is not such a date and time. */
    static Optional<DateAdded> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        try {
            LocalDateTime local = LocalDateTime.parse(value, FORMAT);
            // "HH:mm" is 16 characters: anything longer that parsed carried seconds.
            TimePrecision precision = value.length() > 16 ? TimePrecision.SECOND : TimePrecision.MINUTE;
            return Optional.of(new DateAdded(local, precision));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
