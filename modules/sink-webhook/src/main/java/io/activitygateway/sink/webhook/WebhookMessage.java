package io.activitygateway.sink.webhook;

import io.activitygateway.sink.OutboundEvent;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events as one HTTP request body in the CloudEvents HTTP binding: a batch ({@code application/cloudevents-batch+json},
 * a JSON array of structured events), one structured event ({@code application/cloudevents+json}), or binary mode
 * (the attributes in {@code ce-*} headers, the data as the body).
 *
 * @param id the {@code webhook-id}: the event id for one event, else derived from the events, so every attempt at
 *           the same message (retries, replays, a resend after a crash) carries the same id
 */
record WebhookMessage(String id, String contentType, Map<String, String> headers, byte[] body) {

    static final String BATCH = "application/cloudevents-batch+json";
    static final String STRUCTURED = "application/cloudevents+json";

    enum Mode { BATCH, STRUCTURED, BINARY }

    static WebhookMessage of(List<OutboundEvent> events, Mode mode) {
        if (mode == Mode.BATCH) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 1024);
            out.write('[');
            for (int i = 0; i < events.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                events.get(i).writeStructured(out);
            }
            out.write(']');
            OutboundEvent first = events.get(0);
            String id = "batch_" + first.id() + "_" + events.get(events.size() - 1).seq() + "_" + events.size();
            return new WebhookMessage(id, BATCH, Map.of(), out.toByteArray());
        }
        if (events.size() != 1) {
            throw new IllegalArgumentException("one event per message unless in batch mode");
        }
        OutboundEvent e = events.get(0);
        if (mode == Mode.STRUCTURED) {
            return new WebhookMessage(e.id(), STRUCTURED, Map.of(), e.structured());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = OutboundEvent.DATA_CONTENT_TYPE;
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            if (a.getKey().equals("datacontenttype")) {
                contentType = a.getValue();
            } else {
                headers.put("ce-" + a.getKey(), a.getValue());
            }
        }
        return new WebhookMessage(e.id(), contentType, headers, e.data());
    }
}
