package io.activitygateway.sandbox.worksection;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code period} parameter: exactly 1m..360m, 1h..72h or 1d..30d, a plain positive integer and a unit. */
final class WorksectionPeriod {

    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,3})([mhd])");

    private WorksectionPeriod() {
    }

    /** The window length, or null when {@code value} is not one of the documented forms. */
    static Duration parse(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n <= 360 ? Duration.ofMinutes(n) : null;
            case "h" -> n <= 72 ? Duration.ofHours(n) : null;
            default -> n <= 30 ? Duration.ofDays(n) : null;
        };
    }
}
