package io.activitygateway.model;

import java.util.Locale;

/** The one rule for spelling object types: lower snake case, whatever the source's own casing. */
public final class ObjectTypes {

    private ObjectTypes() {
    }

    /** {@code TimeEntry}, {@code time-entry}, {@code Time Entry} and {@code time_entry} all become {@code time_entry}. */
    public static String normalize(String type) {
        if (type == null) {
            return null;
        }
        String trimmed = type.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(trimmed.length() + 4);
        char previous = '_';
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean wordStart = Character.isLowerCase(previous) || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && i + 1 < trimmed.length()
                                && Character.isLowerCase(trimmed.charAt(i + 1)));
                if (wordStart && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            previous = c;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '_') {
            end--;
        }
        return out.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
