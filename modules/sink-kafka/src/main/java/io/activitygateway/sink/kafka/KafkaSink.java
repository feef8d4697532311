package io.activitygateway.sink.kafka;

import io.activitygateway.sink.Delivery;
import io.activitygateway.sink.OutboundEvent;
import io.activitygateway.sink.PendingDelivery;
import io.activitygateway.sink.Sink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Sends a batch as records and counts the acknowledged prefix. The producer is idempotent with acks=all and at most
 * five requests in flight, so records of one partition are written once each and in the order sent, even when the
 * producer retries.
 */
final class KafkaSink implements Sink {

    private final Producer<byte[], byte[]> producer;
    private final CloudEventRecords records;
    private final int batchSize;
    private final int batchesInFlight;
    private final String target;

    KafkaSink(Producer<byte[], byte[]> producer, CloudEventRecords records, int batchSize, int batchesInFlight,
            String servers, String topics) {
        this.producer = producer;
        this.records = records;
        this.batchSize = batchSize;
        this.batchesInFlight = batchesInFlight;
        this.target = "kafka " + servers + ", " + topics;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public int batchesInFlight() {
        return batchesInFlight;
    }

    @Override
    public Delivery deliver(List<OutboundEvent> batch) throws InterruptedException {
        return send(batch).await();
    }

    /**
     * Hands the records to the producer, which batches and sends them on its own thread; the answer is awaited
     * later, so the gateway reads the next page while the broker writes this one.
     */
    @Override
    public PendingDelivery send(List<OutboundEvent> batch) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        String sendFailure = null;
        try {
            for (OutboundEvent e : batch) {
                sent.add(producer.send(records.record(e)));
            }
        } catch (RuntimeException e) {
            // Nothing after the failed send went out; what went before is still judged when awaited.
            sendFailure = "send failed: " + e;
        }
        String failure = sendFailure;
        return () -> acknowledged(sent, failure);
    }

    private static Delivery acknowledged(List<Future<RecordMetadata>> sent, String sendFailure)
            throws InterruptedException {
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String message = "broker did not acknowledge: " + cause;
                // Kafka marks what may pass on a later try (a broker down, a leader moving) as retriable; anything
                // else (a record too large, an invalid topic, a corrupt record, no authorization) fails again.
                return Delivery.partial(i, cause instanceof RetriableException ? Delivery.Failure.of(message)
                        : Delivery.Failure.refused(message));
            }
        }
        return sendFailure == null ? Delivery.all(sent.size())
                : Delivery.partial(sent.size(), Delivery.Failure.of(sendFailure));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
