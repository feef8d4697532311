package io.activitygateway.gateway.sink;

import io.activitygateway.sink.Delivery;
import io.activitygateway.sink.OutboundEvent;
import io.activitygateway.sink.PendingDelivery;
import io.activitygateway.sink.Sink;
import io.activitygateway.sink.SinkKind;
import io.activitygateway.sink.SinkSettings;
import io.activitygateway.spi.SettingDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code kind=test-refusing}: a destination like Kafka (several pages in flight, retries for ever by default) that
 * refuses for what it is every event whose data contains {@code refuse-me}, and acknowledges the others, which it
 * keeps in {@link #received}.
 */
public class RefusingKind implements SinkKind {

    static final List<String> received = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "test-refusing";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of();
    }

    @Override
    public Sink create(SinkSettings settings) {
        return new Sink() {
            @Override
            public int batchSize() {
                return 3;
            }

            @Override
            public int batchesInFlight() {
                return 4;
            }

            @Override
            public String target() {
                return "test";
            }

            @Override
            public Delivery deliver(List<OutboundEvent> batch) {
                for (int i = 0; i < batch.size(); i++) {
                    if (new String(batch.get(i).data(), StandardCharsets.UTF_8).contains("refuse-me")) {
                        return Delivery.partial(i, Delivery.Failure.refused("record too large"));
                    }
                    received.add(batch.get(i).id());
                }
                return Delivery.all(batch.size());
            }

            @Override
            public PendingDelivery send(List<OutboundEvent> batch) {
                Delivery d = deliver(batch);
                return () -> d;
            }

            @Override
            public void close() {
            }
        };
    }
}
