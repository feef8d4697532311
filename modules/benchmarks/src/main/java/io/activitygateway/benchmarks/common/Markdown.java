package io.activitygateway.benchmarks.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table, the form every benchmark prints its figures in (and docs/benchmarks.md keeps them in). */
public final class Markdown {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Markdown(String... header) {
        this.header = List.of(header);
    }

    public Markdown row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    /** A number with thousands separators, e.g. {@code num("%,.0f", 12345.6)} is 12,346. */
    public static String num(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        out.append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }
}
