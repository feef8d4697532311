package io.activitygateway.sink.kafka;

import io.activitygateway.sink.OutboundEvent;
import io.activitygateway.sink.SinkSettings;
import io.activitygateway.spi.InvalidSettingException;
import java.util.regex.Pattern;

/** Which topic an event goes to: one topic for the sink, or one per source (and connection) from a pattern. */
record TopicChoice(String topic, String pattern) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    static TopicChoice of(SinkSettings s) throws InvalidSettingException {
        String topic = s.option("topic").orElse(null);
        String pattern = s.option("topic-pattern").orElse(null);
        if (topic == null && pattern == null) {
            throw new InvalidSettingException(s.key("topic"), "is required for kind kafka, unless topic-pattern"
                    + " is set (e.g. activity.{source})");
        }
        if (topic != null && pattern != null) {
            throw new InvalidSettingException(s.key("topic-pattern"), "give either topic or topic-pattern, not both");
        }
        if (topic != null && !LEGAL.matcher(topic).matches()) {
            throw new InvalidSettingException(s.key("topic"), "'" + topic + "' is not a legal Kafka topic name"
                    + " (letters, digits, '.', '_', '-')");
        }
        if (pattern != null) {
            String sample = pattern.replace("{source}", "kantata").replace("{connection}", "acme");
            if (sample.equals(pattern)) {
                throw new InvalidSettingException(s.key("topic-pattern"), "'" + pattern + "' names neither {source}"
                        + " nor {connection}; use topic for a single topic");
            }
            if (!LEGAL.matcher(sample).matches()) {
                throw new InvalidSettingException(s.key("topic-pattern"), "'" + pattern + "' does not make legal"
                        + " topic names (letters, digits, '.', '_', '-' besides {source} and {connection})");
            }
        }
        return new TopicChoice(topic, pattern);
    }

    String topicFor(OutboundEvent e) {
        if (topic != null) {
            return topic;
        }
        return pattern.replace("{source}", e.source()).replace("{connection}", e.connection());
    }

    String describe() {
        return topic != null ? "topic " + topic : "topics " + pattern;
    }
}
