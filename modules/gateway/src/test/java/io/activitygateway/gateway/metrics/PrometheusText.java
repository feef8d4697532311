package io.activitygateway.gateway.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text exposition, as a scraper would. */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    public PrometheusText(String text) {
        this.samples = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(PrometheusText::parse)
                .toList();
    }

    private static Sample parse(String line) {
        Matcher m = SAMPLE.matcher(line.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Prometheus sample line: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(3) != null) {
            Matcher l = LABEL.matcher(m.group(3));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
        }
        return new Sample(m.group(1), labels, Double.parseDouble(m.group(4)));
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; 0 if there are none. */
    public double sum(String name, Map<String, String> labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    public List<Sample> matching(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** Whether a metric family of this name has any sample. */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    public List<String> names() {
        return samples.stream().map(Sample::name).distinct().toList();
    }
}
