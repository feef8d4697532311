package io.activitygateway.source.kantata;

import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SettingDescriptor;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceKind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Kantata OX (formerly Mavenlink): its {@code subscribed_events} feed. */
public final class KantataKind implements SourceKind {

    static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(15);
    static final Duration DEFAULT_INITIAL_WINDOW = KantataSettings.DEFAULT_RETENTION;

    @Override
    public String name() {
        return "kantata";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.optional(KantataSettings.EVENT_TYPES_KEY, "comma-separated event types to read,"
                        + " passed upstream as event_types, e.g. time_entry:created,time_entry:updated; default all"),
                SettingDescriptor.optional(KantataSettings.SUBJECT_TYPES_KEY, "comma-separated subject types to read,"
                        + " e.g. TimeEntry,Story; Kantata filters one per request, so each is its own feed with its"
                        + " own cursor; default all"),
                SettingDescriptor.optional(KantataSettings.RETENTION_KEY, "how long Kantata keeps events: 7d (the"
                        + " add-on's figure, the default) to 9d (the API reference's); a checkpoint older than"
                        + " this is reported as a gap"));
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(URI.create("https://api.mavenlink.com/api/v1"));
    }

    @Override
    public Duration defaultLookback() {
        return DEFAULT_LOOKBACK;
    }

    @Override
    public Duration defaultInitialWindow() {
        return DEFAULT_INITIAL_WINDOW;
    }

    @Override
    public SourceAdapter create(ConnectionSettings settings) throws InvalidSettingException {
        return new KantataAdapter(KantataSettings.read(settings));
    }
}
