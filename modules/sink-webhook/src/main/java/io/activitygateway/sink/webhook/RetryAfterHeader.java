package io.activitygateway.sink.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110). */
final class RetryAfterHeader {

    private RetryAfterHeader() {
    }

    static Optional<Duration> parse(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String v = header.get().strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
