package io.activitygateway.sink;

import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SettingDescriptor;
import java.util.List;

/**
 * A kind of sink (Kafka, webhook, ...): where the gateway pushes the stored events. Implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.activitygateway.sink.SinkKind}): a public class with
 * a public no-argument constructor. The gateway never names a kind; adding one is adding a module.
 *
 * <p>The gateway owns what every kind shares: the filter, the durable position, the lease, retries with backoff,
 * parking and status. A kind only turns an ordered batch into messages and says which of them were acknowledged.
 */
public interface SinkKind {

    /** The value of {@code gateway.sinks.<name>.kind}: lower case, stable. */
    String name();

    /** The settings this kind reads beyond the common ones; keys not listed here (nor common) fail start-up. */
    List<SettingDescriptor> settings();

    /**
     * Failed attempts at one message after which it is parked, unless {@code max-attempts} is set; 0 retries for
     * ever (right for a destination that is either up or down, like a Kafka cluster, where parking would only
     * empty the sink into the dead-letter list during an outage).
     */
    default int defaultMaxAttempts() {
        return 0;
    }

    /**
     * Whether the setting holds a secret (a signing key, a password): a sink managed through the API keeps it
     * encrypted and never shows it again. The keys of a {@code *} descriptor are asked one by one.
     */
    default boolean secret(String key) {
        return false;
    }

    /**
     * Validates one sink's settings and creates it.
     *
     * @throws InvalidSettingException naming the full key of the first wrong or missing setting
     */
    Sink create(SinkSettings settings) throws InvalidSettingException;
}
