package io.activitygateway.spi;

/**
 * Text for a one-line summary: stripped, each run of whitespace ({@code \s}: space, tab, line breaks, form feed)
 * made one space. By hand instead of {@code replaceAll("\\s+", " ")}: it runs for every value of every summary,
 * and the regex was a measurable share of ingest CPU.
 */
public final class OneLine {

    private OneLine() {
    }

    public static String of(String text) {
        String s = text.strip();
        int n = s.length();
        int i = 0;
        // most values have no run to collapse: return them as they are
        while (i < n && !(isSpace(s.charAt(i)) && (s.charAt(i) != ' ' || (i + 1 < n && isSpace(s.charAt(i + 1)))))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n).append(s, 0, i);
        boolean inRun = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                if (!inRun) {
                    out.append(' ');
                    inRun = true;
                }
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
