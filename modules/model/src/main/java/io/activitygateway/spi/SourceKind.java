package io.activitygateway.spi;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A kind of source (Kantata, Worksection, ...). Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.activitygateway.spi.SourceKind}): a public class with a public no-argument
 * constructor. The gateway never names a kind; adding one is adding a module.
 *
 * <p>A kind is thin: it describes its settings and turns one connection's settings into an adapter.
 */
public interface SourceKind {

    /** The value of {@code gateway.sources.<name>.kind} and of the events' {@code source}: lower case, stable. */
    String name();

    /** The settings this kind reads beyond the common ones; keys not listed here (nor common) fail start-up. */
    List<SettingDescriptor> settings();

    /** Where the vendor's API lives when {@code base-url} is not set; empty when every account has its own. */
    default Optional<URI> defaultBaseUrl() {
        return Optional.empty();
    }

    /** How far each poll re-reads before its checkpoint to catch late events, unless {@code lookback} is set. */
    Duration defaultLookback();

    /** How far back the first poll reaches, unless {@code initial-window} is set. */
    Duration defaultInitialWindow();

    /**
     * Validates one connection's settings and creates its adapter.
     *
     * @throws InvalidSettingException naming the full key of the first wrong or missing setting
     */
    SourceAdapter create(ConnectionSettings settings) throws InvalidSettingException;
}
