package io.activitygateway.source.worksection;

import io.activitygateway.spi.FixedDigits;
import io.activitygateway.model.TimePrecision;
import java.time.DateTimeException;
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
        LocalDateTime plain = plainMinute(value);
        if (plain != null) {
            return Optional.of(new DateAdded(plain, TimePrecision.MINUTE));
        }
        try {
            LocalDateTime local = LocalDateTime.parse(value, FORMAT);
            // "HH:mm" is 16 characters: anything longer that parsed carried seconds.
            TimePrecision precision = value.length() > 16 ? TimePrecision.SECOND : TimePrecision.MINUTE;
            return Optional.of(new DateAdded(local, precision));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code YYYY-MM-DD HH:MM}, the form Worksection sends, read by position instead of through the formatter (it
     * runs for every record); null for anything else, or a date that does not exist, which the formatter then
     * decides as before.
     */
    private static LocalDateTime plainMinute(String v) {
        if (v.length() != 16 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != ' '
                || v.charAt(13) != ':') {
            return null;
        }
        int year = FixedDigits.number(v, 0, 4);
        int month = FixedDigits.number(v, 5, 7);
        int day = FixedDigits.number(v, 8, 10);
        int hour = FixedDigits.number(v, 11, 13);
        int minute = FixedDigits.number(v, 14, 16);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
