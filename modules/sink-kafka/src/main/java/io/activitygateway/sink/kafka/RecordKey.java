package io.activitygateway.sink.kafka;

import io.activitygateway.sink.OutboundEvent;
import java.nio.charset.StandardCharsets;

/**
 * The record key, which picks the partition: events with one key keep their order. By default the object, so each
 * object's history is read in order.
 */
enum RecordKey {
    OBJECT, EVENT, CONNECTION, NONE;

    static RecordKey of(String setting) {
        return valueOf(setting.toUpperCase(java.util.Locale.ROOT));
    }

    byte[] of(OutboundEvent e) {
        String key = switch (this) {
            case OBJECT -> e.objectKey();
            case EVENT -> e.id();
            case CONNECTION -> e.source() + ":" + e.connection();
            case NONE -> null;
        };
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }
}
