package io.activitygateway.sink.kafka;

import io.activitygateway.sink.OutboundEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Events as Kafka records in the CloudEvents Kafka protocol binding: binary mode puts every attribute in a
 * {@code ce_<name>} header and the data in the value with {@code content-type: application/json}; structured mode
 * puts the whole CloudEvent JSON in the value with {@code content-type: application/cloudevents+json}.
 */
final class CloudEventRecords {

    static final String CONTENT_TYPE = "content-type";
    static final String STRUCTURED_TYPE = "application/cloudevents+json; charset=UTF-8";

    private final TopicChoice topics;
    private final RecordKey key;
    private final boolean structured;

    CloudEventRecords(TopicChoice topics, RecordKey key, boolean structured) {
        this.topics = topics;
        this.key = key;
        this.structured = structured;
    }

    ProducerRecord<byte[], byte[]> record(OutboundEvent e) {
        List<Header> headers = new ArrayList<>(9);
        byte[] value;
        if (structured) {
            headers.add(header(CONTENT_TYPE, STRUCTURED_TYPE));
            value = e.structured();
        } else {
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                if (a.getKey().equals("datacontenttype")) {
                    headers.add(header(CONTENT_TYPE, a.getValue()));
                } else {
                    headers.add(header("ce_" + a.getKey(), a.getValue()));
                }
            }
            value = e.data();
        }
        return new ProducerRecord<>(topics.topicFor(e), null, key.of(e), value, headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
