package io.activitygateway.sink.kafka;

import io.activitygateway.sink.OutboundEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
    private static final Header SPEC_VERSION = header("ce_specversion", OutboundEvent.SPEC_VERSION);
    private static final Header DATA_CONTENT_TYPE = header(CONTENT_TYPE, OutboundEvent.DATA_CONTENT_TYPE);

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
            // OutboundEvent.attributes(), in its order, written straight to headers: this runs once per record.
            headers.add(SPEC_VERSION);
            headers.add(header("ce_id", e.id()));
            headers.add(header("ce_source", e.ceSource()));
            headers.add(header("ce_type", e.ceType()));
            if (e.subject() != null) {
                headers.add(header("ce_subject", e.subject()));
            }
            if (e.time() != null) {
                headers.add(header("ce_time", e.time().toString()));
            }
            headers.add(DATA_CONTENT_TYPE);
            headers.add(header("ce_sequence", e.sequence()));
            value = e.data();
        }
        return new ProducerRecord<>(topics.topicFor(e), null, key.of(e), value, headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
